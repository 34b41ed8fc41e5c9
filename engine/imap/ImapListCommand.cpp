// LIST and LSUB (RFC 3501 6.3.8-6.3.9) with "*" and "%" and the hierarchy separator "/",
// RFC 3348 CHILDREN attributes, RFC 6154 SPECIAL-USE attributes, and the LIST-EXTENDED
// selection and return options the parser takes (SUBSCRIBED, SPECIAL-USE, CHILDREN).

#include "imap/ImapSession.h"
#include "store/MailStore.h"

#include <QSet>

#include <vector>

namespace tegami {

namespace {

// RFC 3501 5.1: INBOX is case-insensitive, so a pattern starting with it in any case
// matches the folder spelt "INBOX".
QString canonicalPattern(const QString& pattern)
{
    if (pattern.size() >= 5 && pattern.first(5).compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0
        && (pattern.size() == 5 || pattern[5] == QLatin1Char('/')))
        return QStringLiteral("INBOX") + pattern.sliced(5);
    return pattern;
}

// "*" matches anything, "%" anything but the separator. Dynamic programming over the
// pattern, so hostile patterns ("%*%*%*...") cost at most length(name) x length(pattern).
bool matches(const QString& name, const QString& pattern)
{
    const qsizetype n = name.size();
    std::vector<char> row(size_t(n) + 1, 0); // row[i]: pattern so far matches name[0, i)
    row[0] = 1;
    for (const QChar p : pattern) {
        std::vector<char> next(size_t(n) + 1, 0);
        if (p == QLatin1Char('*') || p == QLatin1Char('%')) {
            const bool crossSeparators = p == QLatin1Char('*');
            for (qsizetype i = 0; i <= n; ++i) {
                if (row[i]) {
                    next[i] = 1;
                } else if (i > 0 && next[i - 1] && (crossSeparators || name[i - 1] != QLatin1Char('/'))) {
                    next[i] = 1;
                }
            }
        } else {
            for (qsizetype i = 1; i <= n; ++i)
                next[i] = row[i - 1] && name[i - 1] == p;
        }
        row.swap(next);
        if (std::find(row.begin(), row.end(), 1) == row.end())
            return false;
    }
    return row[n] != 0;
}

bool matchesAny(const QString& name, const QStringList& patterns)
{
    for (const QString& p : patterns) {
        if (matches(name, p))
            return true;
    }
    return false;
}

QByteArray listLine(const char* verb, const QStringList& attributes, const QString& name)
{
    return QByteArray(verb) + " (" + attributes.join(QLatin1Char(' ')).toUtf8() + ") \"/\" " + imapMailbox(name);
}

} // namespace

void ImapSession::cmdList(const ImapCommand& command)
{
    const auto& args = command.get<ImapListArgs>();
    // RFC 3501 6.3.8: an empty pattern asks for the hierarchy separator and the root.
    if (args.patterns.size() == 1 && args.patterns.front().isEmpty()) {
        sendUntagged(R"(LIST (\Noselect) "/" "")");
        ok(command, QStringLiteral("LIST completed"));
        return;
    }
    QStringList patterns;
    for (const QString& p : args.patterns)
        patterns << canonicalPattern(args.reference + p);
    Result<std::vector<FolderInfo>> folders = m_deps.store.listFolders(m_user);
    if (!folders) {
        storeFailed(command, folders.error(), QStringLiteral("LIST"));
        return;
    }
    QSet<QString> subscribed;
    if (args.selectSubscribed || args.returnSubscribed) {
        Result<QStringList> subs = m_deps.store.subscriptions(m_user);
        if (subs)
            subscribed = QSet<QString>(subs->begin(), subs->end());
    }
    QSet<QString> listed;
    for (const FolderInfo& f : *folders) {
        if (!matchesAny(f.name, patterns))
            continue;
        const bool isSubscribed = subscribed.contains(f.name);
        if (args.selectSubscribed && !isSubscribed)
            continue;
        const QString specialUse = specialUseAttribute(f.role);
        if (args.selectSpecialUse && specialUse.isEmpty())
            continue;
        QStringList attributes;
        if (!f.selectable)
            attributes << QStringLiteral("\\Noselect");
        attributes << (f.hasChildren ? QStringLiteral("\\HasChildren") : QStringLiteral("\\HasNoChildren"));
        if (!specialUse.isEmpty())
            attributes << specialUse;
        if (isSubscribed && (args.selectSubscribed || args.returnSubscribed))
            attributes << QStringLiteral("\\Subscribed");
        listed.insert(f.name);
        sendUntagged(listLine("LIST", attributes, f.name));
    }
    // RFC 5258: subscribed names without a folder are listed as \NonExistent.
    if (args.selectSubscribed) {
        QStringList missing(subscribed.begin(), subscribed.end());
        missing.sort();
        for (const QString& name : missing) {
            if (!listed.contains(name) && matchesAny(name, patterns))
                sendUntagged(
                    listLine("LIST", { QStringLiteral("\\NonExistent"), QStringLiteral("\\Subscribed") }, name));
        }
    }
    ok(command, QStringLiteral("LIST completed"));
}

void ImapSession::cmdLsub(const ImapCommand& command)
{
    const auto& args = command.get<ImapListArgs>();
    if (args.patterns.size() == 1 && args.patterns.front().isEmpty()) {
        sendUntagged(R"(LSUB (\Noselect) "/" "")");
        ok(command, QStringLiteral("LSUB completed"));
        return;
    }
    const QString pattern = canonicalPattern(args.reference + args.patterns.value(0));
    Result<QStringList> subs = m_deps.store.subscriptions(m_user);
    Result<std::vector<FolderInfo>> folders = m_deps.store.listFolders(m_user);
    if (!subs || !folders) {
        storeFailed(command, subs ? folders.error() : subs.error(), QStringLiteral("LSUB"));
        return;
    }
    QSet<QString> selectable;
    for (const FolderInfo& f : *folders) {
        if (f.selectable)
            selectable.insert(f.name);
    }
    QStringList names = *subs;
    names.sort();
    const QSet<QString> subscribed(names.begin(), names.end());
    QSet<QString> sent;
    for (const QString& name : names) {
        if (matches(name, pattern)) {
            sent.insert(name);
            sendUntagged(listLine("LSUB",
                selectable.contains(name) ? QStringList() : QStringList { QStringLiteral("\\Noselect") }, name));
            continue;
        }
        // RFC 3501 6.3.9: with "%", a parent of a subscribed folder that matches but is not
        // subscribed itself is listed as \Noselect.
        if (!pattern.contains(QLatin1Char('%')))
            continue;
        for (qsizetype i = name.indexOf(QLatin1Char('/')); i > 0; i = name.indexOf(QLatin1Char('/'), i + 1)) {
            const QString parent = name.first(i);
            if (!subscribed.contains(parent) && !sent.contains(parent) && matches(parent, pattern)) {
                sent.insert(parent);
                sendUntagged(listLine("LSUB", { QStringLiteral("\\Noselect") }, parent));
            }
        }
    }
    ok(command, QStringLiteral("LSUB completed"));
}

} // namespace tegami
