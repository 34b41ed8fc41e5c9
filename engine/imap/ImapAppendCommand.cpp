// APPEND (RFC 3501 6.3.11) with RFC 4315 APPENDUID, [TRYCREATE] and RFC 9208 [OVERQUOTA];
// a synchronising literal that cannot succeed is refused before the client sends it.

#include "accounts/AccountStore.h"
#include "imap/ImapCursor.h"
#include "imap/ImapSession.h"
#include "log/LogSession.h"
#include "store/MailStore.h"

namespace tegami {

namespace {

bool notSpace(char c)
{
    return c != ' ';
}

// RFC 3501 2.3.2: \Recent cannot be set by a client; APPEND ignores it rather than fail.
QStringList withoutRecent(const QStringList& flags)
{
    QStringList out;
    for (const QString& f : flags) {
        if (f.compare(QLatin1String("\\Recent"), Qt::CaseInsensitive) != 0)
            out << f;
    }
    return out;
}

} // namespace

void ImapSession::cmdAppend(const ImapCommand& command)
{
    const auto& args = command.get<ImapAppendArgs>();
    Result<FolderInfo> folder = m_deps.store.findFolder(m_user, args.mailbox);
    if (!folder || !folder->selectable) {
        if (folder || folder.error().code == ErrorCode::NotFound) {
            no(command, ImapCode::tryCreate(),
                QStringLiteral("Mailbox \"%1\" does not exist; CREATE it first").arg(args.mailbox));
        } else {
            storeFailed(command, folder.error(), QStringLiteral("APPEND"));
        }
        return;
    }
    const std::optional<Mailbox> mailbox = account();
    AppendOptions options;
    options.flags = withoutRecent(args.flags);
    if (args.internalDate)
        options.internalDate = *args.internalDate;
    options.quotaBytes = mailbox ? mailbox->quotaBytes : 0;
    Result<AppendResult> appended = m_deps.store.append(folder->id, args.message, options);
    if (!appended) {
        storeFailed(command, appended.error(), QStringLiteral("APPEND"));
        return;
    }
    ok(command, QStringLiteral("APPEND completed"), ImapCode::appendUid(appended->uidValidity, appended->uid));
}

bool ImapSession::refuseAppendLiteral(const ImapRawCommand& partial, qint64 size)
{
    // Only "tag APPEND mailbox [(flags)] [date-time] {size}": the literal is the message.
    ImapCursor c(partial);
    c.takeWhile(notSpace);
    if (!c.consume(' ') || !c.consumeKeyword("APPEND") || !c.consume(' '))
        return false;
    const std::optional<QString> name = c.mailbox("a mailbox name");
    if (!name)
        return false;
    for (;;) {
        if (!c.consume(' '))
            return false;
        if (c.atEnd())
            break;
        if (c.peek() == '(') {
            if (!c.flagList("flags", false))
                return false;
        } else if (c.peek() == '"') {
            if (!c.dateTime("a date-time"))
                return false;
        } else {
            return false;
        }
    }
    const QByteArray tag = partial.tag();
    auto refuse = [&](QByteArrayView code, const QString& text) {
        m_log.fromClient(partial.logText() + '{' + QByteArray::number(size) + '}');
        sendTagged(tag, ImapStatus::No, code, text);
        return true;
    };
    Result<FolderInfo> folder = m_deps.store.findFolder(m_user, *name);
    if (!folder && folder.error().code == ErrorCode::NotFound)
        return refuse(
            ImapCode::tryCreate(), QStringLiteral("Mailbox \"%1\" does not exist; CREATE it first").arg(*name));
    if (folder && !folder->selectable)
        return refuse(
            ImapCode::tryCreate(), QStringLiteral("Mailbox \"%1\" holds no messages (\\Noselect)").arg(*name));
    const std::optional<Mailbox> mailbox = account();
    if (mailbox && mailbox->quotaBytes > 0) {
        Result<Usage> usage = m_deps.store.usage(m_user);
        if (usage && usage->bytes + size > mailbox->quotaBytes)
            return refuse(ImapCode::overQuota(),
                QStringLiteral("The message (%1 bytes) does not fit: the mailbox uses %2 of its %3 bytes")
                    .arg(size)
                    .arg(usage->bytes)
                    .arg(mailbox->quotaBytes));
    }
    return false;
}

} // namespace tegami
