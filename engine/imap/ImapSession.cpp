#include "imap/ImapSession.h"

#include "accounts/AccountStore.h"
#include "core/Settings.h"
#include "imap/ImapFetchJob.h"
#include "imap/ImapSessionRegistry.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"
#include "store/MailStore.h"
#include "store/StoreNotifier.h"

#include <algorithm>

namespace tegami {

namespace {

// A client that sends this many BAD commands in a row is not a mail client having a bad
// moment but garbage or a probe, and is cut off. Generous: RFC 3501 says nothing, and one
// bad command must never cost a working client its connection.
constexpr int kMaxConsecutiveBad = 50;
// Literals a session takes before login: LOGIN's user name and password.
constexpr qint64 kPreAuthLiteralBytes = 16 * 1024;

} // namespace

// The dispatch table: which member answers which command. Where a command may be used and
// how it relates to sequence numbers is the syntax layer's table (ImapCommandSpec).
const ImapSession::HandlerSpec ImapSession::kHandlers[] = {
    { ImapCommandId::Capability, &ImapSession::cmdCapability },
    { ImapCommandId::Noop, &ImapSession::cmdNoop },
    { ImapCommandId::Logout, &ImapSession::cmdLogout },
    { ImapCommandId::StartTls, &ImapSession::cmdStartTls },
    { ImapCommandId::Authenticate, &ImapSession::cmdAuthenticate },
    { ImapCommandId::Login, &ImapSession::cmdLogin },
    { ImapCommandId::Id, &ImapSession::cmdId },
    { ImapCommandId::Enable, &ImapSession::cmdEnable },
    { ImapCommandId::Select, &ImapSession::cmdSelect },
    { ImapCommandId::Examine, &ImapSession::cmdSelect },
    { ImapCommandId::Create, &ImapSession::cmdCreate },
    { ImapCommandId::Delete, &ImapSession::cmdDelete },
    { ImapCommandId::Rename, &ImapSession::cmdRename },
    { ImapCommandId::Subscribe, &ImapSession::cmdSubscribe },
    { ImapCommandId::Unsubscribe, &ImapSession::cmdUnsubscribe },
    { ImapCommandId::List, &ImapSession::cmdList },
    { ImapCommandId::Lsub, &ImapSession::cmdLsub },
    { ImapCommandId::Status, &ImapSession::cmdStatus },
    { ImapCommandId::Append, &ImapSession::cmdAppend },
    { ImapCommandId::Namespace, &ImapSession::cmdNamespace },
    { ImapCommandId::GetQuota, &ImapSession::cmdGetQuota },
    { ImapCommandId::GetQuotaRoot, &ImapSession::cmdGetQuotaRoot },
    { ImapCommandId::Idle, &ImapSession::cmdIdle },
    { ImapCommandId::Check, &ImapSession::cmdCheck },
    { ImapCommandId::Close, &ImapSession::cmdClose },
    { ImapCommandId::Unselect, &ImapSession::cmdUnselect },
    { ImapCommandId::Expunge, &ImapSession::cmdExpunge },
    { ImapCommandId::Search, &ImapSession::cmdSearch },
    { ImapCommandId::Fetch, &ImapSession::cmdFetch },
    { ImapCommandId::Store, &ImapSession::cmdStore },
    { ImapCommandId::Copy, &ImapSession::cmdCopy },
    { ImapCommandId::Move, &ImapSession::cmdCopy },
};

ImapSession::ImapSession(const ImapDependencies& deps, ImapSessionRegistry& registry, LogSession& log,
    SessionTransport& transport, ImapSessionOptions options, QObject* parent)
    : QObject(parent)
    , m_deps(deps)
    , m_registry(registry)
    , m_log(log)
    , m_transport(transport)
    , m_options(std::move(options))
    , m_reader(settingInt("imap.maxCommandSize"), kPreAuthLiteralBytes)
    , m_tlsActive(m_options.tlsActive)
{
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &ImapSession::idleTimeout);
    if (StoreNotifier* notifier = m_deps.store.notifier()) {
        // Direct: the store calls this inside its own operations, so it only takes note;
        // the responses go out when the session is allowed to send them.
        connect(notifier, &StoreNotifier::folderChanged, this,
            [this](qint64 folderId, quint64, StoreNotifier::Change) { folderChanged(folderId); });
    }
}

ImapSession::~ImapSession()
{
    if (m_registered)
        m_registry.removeSession(m_user);
}

QString ImapSession::setting(const char* key) const
{
    return m_deps.settings.string(QString::fromLatin1(key));
}

qint64 ImapSession::settingInt(const char* key) const
{
    return m_deps.settings.integer(QString::fromLatin1(key));
}

int ImapSession::idleTimeoutMs() const
{
    const qint64 secs = m_state == State::NotAuthenticated ? settingInt("imap.timeoutSecs")
                                                           : settingInt("imap.authenticatedTimeoutSecs");
    return static_cast<int>(std::clamp<qint64>(secs, 1, 86400) * 1000);
}

void ImapSession::restartIdleTimer()
{
    if (!m_closed)
        m_idle.start(idleTimeoutMs());
}

void ImapSession::start()
{
    const QByteArray fqdn = m_deps.settings.listenerFqdn(Protocol::Imap).toUtf8();
    sendLine(imapUntaggedStatus(ImapStatus::Ok, ImapCode::capability(capabilities()),
        QString::fromUtf8(fqdn) + QStringLiteral(" Tegami IMAP4rev1 server ready")));
    restartIdleTimer();
}

bool ImapSession::isBusy() const
{
    return m_closed || m_delayedReply || m_authPending || m_fetch || m_tlsPending;
}

ImapState ImapSession::imapState() const
{
    switch (m_state) {
    case State::Authenticated:
        return ImapState::Authenticated;
    case State::Selected:
        return ImapState::Selected;
    case State::NotAuthenticated:
    case State::Logout:
        break;
    }
    return ImapState::NotAuthenticated;
}

void ImapSession::receive(QByteArrayView bytes)
{
    if (m_closed)
        return;
    m_reader.feed(bytes);
    processInput();
}

void ImapSession::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    while (!isBusy()) {
        // Live settings: a changed limit applies from the next command on.
        m_reader.setMaxCommandBytes(settingInt("imap.maxCommandSize"));
        m_reader.setMaxLiteralBytes(
            m_state == State::NotAuthenticated ? kPreAuthLiteralBytes : ImapCommandReader::defaultMaxLiteralBytes);
        ImapReadItem item = m_reader.next();
        if (item.kind == ImapReadItem::Kind::NeedMore)
            break;
        restartIdleTimer();
        switch (item.kind) {
        case ImapReadItem::Kind::Continuation:
            handleContinuation(item);
            break;
        case ImapReadItem::Kind::Command:
            handleCommand(item.command);
            break;
        case ImapReadItem::Kind::RawLine:
            handleRawLine(item.line);
            break;
        case ImapReadItem::Kind::Error:
            handleReadError(item);
            break;
        case ImapReadItem::Kind::NeedMore:
            break;
        }
    }
    m_processing = false;
}

void ImapSession::handleContinuation(const ImapReadItem& item)
{
    if (m_state != State::NotAuthenticated && refuseAppendLiteral(item.command, item.literalSize)) {
        m_reader.refuseLiteral();
        return;
    }
    sendLine(item.response());
}

void ImapSession::handleReadError(const ImapReadItem& item)
{
    m_log.note(QStringLiteral("refused input: %1").arg(item.text));
    if (item.fatal) {
        sendLine(item.response());
        bye(QStringLiteral("Closing: the client sent more than the server accepts"), QStringLiteral("literal too big"));
        return;
    }
    // A raw line (IDLE's DONE, a SASL response) that was refused ends the exchange.
    if (idling()) {
        const QByteArray tag = std::exchange(m_idleTag, QByteArray());
        syncSelected(true);
        bad(tag, QStringLiteral("IDLE ended: %1").arg(item.text));
        return;
    }
    if (m_sasl) {
        m_sasl.reset();
        bad(std::exchange(m_saslTag, QByteArray()), QStringLiteral("AUTHENTICATE cancelled: %1").arg(item.text));
        return;
    }
    if (item.status == "BAD") {
        sendLine(item.response());
        if (++m_consecutiveBad >= kMaxConsecutiveBad)
            bye(QStringLiteral("Too many invalid commands"), QStringLiteral("too many errors"));
        return;
    }
    sendLine(item.response());
}

void ImapSession::handleCommand(const ImapRawCommand& raw)
{
    m_log.fromClient(raw.logText());
    ImapParseResult parsed = parseImapCommand(raw);
    if (!parsed.ok()) {
        bad(parsed.command.tag, parsed.error);
        return;
    }
    const ImapCommand& command = parsed.command;
    if (!command.spec->allowedIn(imapState())) {
        QString why;
        if (m_state == State::NotAuthenticated)
            why = QStringLiteral("%1 needs a login first (LOGIN or AUTHENTICATE)");
        else if (command.spec->allowedIn(ImapState::NotAuthenticated))
            why = QStringLiteral("%1 is not allowed after login: you are already logged in");
        else if (m_state == State::Authenticated)
            why = QStringLiteral("%1 needs a selected mailbox: SELECT or EXAMINE one first");
        else
            why = QStringLiteral("%1 is only allowed before a mailbox is selected");
        bad(command.tag, why.arg(QString::fromLatin1(command.name())));
        return;
    }
    // A UID command may have expunges reported first, so its results leave out messages
    // that are already gone.
    if (command.uid && m_state == State::Selected)
        syncSelected(true);
    for (const HandlerSpec& spec : kHandlers) {
        if (spec.id == command.id) {
            (this->*spec.handler)(command);
            return;
        }
    }
    bad(command.tag, QStringLiteral("Unknown command"));
}

void ImapSession::handleRawLine(const QByteArray& line)
{
    m_log.fromClient(line);
    if (idling()) {
        endIdle(line);
        return;
    }
    if (m_sasl) {
        handleSaslLine(line);
        return;
    }
    bad({}, QStringLiteral("Unexpected line"));
}

// ----- output --------------------------------------------------------------------------

void ImapSession::sendLine(const QByteArray& line)
{
    if (m_closed)
        return;
    if (line.endsWith("\r\n")) {
        m_transport.send(line);
    } else {
        m_transport.send(line + "\r\n");
    }
    m_log.toClient(line);
}

void ImapSession::sendUntagged(const QByteArray& data)
{
    sendLine("* " + data);
}

void ImapSession::sendTagged(const QByteArray& tag, ImapStatus status, QByteArrayView code, const QString& text)
{
    sendLine(imapTagged(tag.isEmpty() ? QByteArrayView("*") : QByteArrayView(tag), status, code, text));
}

void ImapSession::complete(const ImapCommand& command, ImapStatus status, QByteArrayView code, const QString& text)
{
    if (m_state == State::Selected)
        syncSelected(expungeAllowedAfter(command));
    if (status != ImapStatus::Bad)
        m_consecutiveBad = 0;
    sendTagged(command.tag, status, code, text);
}

void ImapSession::ok(const ImapCommand& command, const QString& text, QByteArrayView code)
{
    complete(command, ImapStatus::Ok, code, text);
}

void ImapSession::no(const ImapCommand& command, QByteArrayView code, const QString& text)
{
    complete(command, ImapStatus::No, code, text);
}

void ImapSession::bad(const QByteArray& tag, const QString& text)
{
    sendTagged(tag, ImapStatus::Bad, {}, text);
    if (++m_consecutiveBad >= kMaxConsecutiveBad) {
        m_log.note(QStringLiteral("closing: %1 invalid commands in a row").arg(m_consecutiveBad));
        bye(QStringLiteral("Too many invalid commands"), QStringLiteral("too many errors"));
    }
}

void ImapSession::storeFailed(const ImapCommand& command, const Error& error, const QString& what)
{
    QByteArray code;
    switch (error.code) {
    case ErrorCode::NotFound:
        code = ImapCode::nonExistent();
        break;
    case ErrorCode::AlreadyExists:
        code = ImapCode::alreadyExists();
        break;
    case ErrorCode::QuotaExceeded:
        code = ImapCode::overQuota();
        break;
    case ErrorCode::PermissionDenied:
        code = ImapCode::noPerm();
        break;
    case ErrorCode::InvalidArgument:
        code = ImapCode::cannot();
        break;
    case ErrorCode::Busy:
        code = ImapCode::inUse();
        break;
    case ErrorCode::Io:
    case ErrorCode::Internal:
        code = ImapCode::serverBug();
        m_log.note(QStringLiteral("%1 failed: %2").arg(what, error.toString()));
        break;
    }
    no(command, code, error.message);
}

void ImapSession::finish(const QString& reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_state = State::Logout;
    m_idle.stop();
    m_fetch.reset();
    m_sasl.reset();
    m_selected.reset();
    m_idleTag.clear();
    if (m_registered) {
        m_registry.removeSession(m_user);
        m_registered = false;
    }
    m_log.disconnected(reason);
    m_transport.close(reason);
}

void ImapSession::bye(const QString& text, const QString& reason)
{
    sendLine(imapUntaggedStatus(ImapStatus::Bye, {}, text));
    finish(reason);
}

void ImapSession::idleTimeout()
{
    if (m_closed)
        return;
    const int secs = idleTimeoutMs() / 1000;
    m_log.note(QStringLiteral("idle for %1 s: closing").arg(secs));
    // A line in the middle of a streamed message would become part of it.
    if (m_fetch)
        finish(QStringLiteral("idle timeout"));
    else
        bye(QStringLiteral("Autologout: idle for %1 seconds").arg(secs), QStringLiteral("idle timeout"));
}

void ImapSession::connectionLost(const QString& reason)
{
    finish(reason);
}

void ImapSession::shutdown(const QString& reason)
{
    if (m_closed)
        return;
    if (!m_fetch)
        sendLine("* BYE " + reason.toUtf8());
    finish(reason);
}

// ----- the selected mailbox and IDLE ---------------------------------------------------

bool ImapSession::expungeAllowedAfter(const ImapCommand& command)
{
    // RFC 3501 7.4.1: no EXPUNGE while responding to FETCH, STORE or SEARCH (their UID
    // forms may have them: the client does not rely on sequence numbers there).
    if (command.uid)
        return true;
    return command.id != ImapCommandId::Fetch && command.id != ImapCommandId::Store
        && command.id != ImapCommandId::Search;
}

void ImapSession::syncSelected(bool allowExpunge)
{
    if (!m_selected || m_closed)
        return;
    Result<QList<QByteArray>> updates = m_selected->sync(m_deps.store, m_registry, allowExpunge, m_condstore);
    if (!updates) {
        // TODO(tegami): a selected folder deleted or renamed away by another session is only
        // logged; RFC 3501 would let the server end the session with BYE.
        m_log.note(QStringLiteral("cannot update the selected mailbox: %1").arg(updates.error().toString()));
        return;
    }
    for (const QByteArray& line : *updates)
        sendUntagged(line);
}

void ImapSession::folderChanged(qint64 folderId)
{
    if (!m_selected || m_selected->folderId() != folderId)
        return;
    m_selected->markDirty();
    if (!idling() || m_idleSyncQueued)
        return;
    // Later, outside the store call that changed the folder.
    m_idleSyncQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_idleSyncQueued = false;
            if (idling())
                syncSelected(true);
        },
        Qt::QueuedConnection);
}

// RFC 2177: "+ idling", then updates as they happen until the client sends DONE.
void ImapSession::cmdIdle(const ImapCommand& command)
{
    m_idleTag = command.tag;
    sendLine("+ idling");
    m_reader.expectRawLine();
    syncSelected(true);
}

void ImapSession::endIdle(const QByteArray& line)
{
    const QByteArray tag = std::exchange(m_idleTag, QByteArray());
    syncSelected(true);
    if (!isImapIdleDone(line)) {
        bad(tag, QStringLiteral("IDLE ended: only DONE may be sent while idling"));
        return;
    }
    m_consecutiveBad = 0;
    sendTagged(tag, ImapStatus::Ok, {}, QStringLiteral("IDLE terminated"));
}

void ImapSession::deselect()
{
    m_selected.reset();
    if (m_state == State::Selected)
        m_state = State::Authenticated;
}

std::optional<Mailbox> ImapSession::account()
{
    Result<Mailbox> mailbox = m_deps.accounts.findMailbox(m_user);
    if (!mailbox) {
        m_log.note(QStringLiteral("cannot read the account %1: %2").arg(m_user, mailbox.error().toString()));
        return std::nullopt;
    }
    return *mailbox;
}

// ----- TLS ------------------------------------------------------------------------------

bool ImapSession::loginAllowedNow() const
{
    // secureLogin and plainTextAuthentication differ only for mechanisms that do not send
    // the password; none is offered (passwords are stored hashed), so both need TLS.
    return m_tlsActive || setting("imap.loginType") == QLatin1String("plainTextLogin");
}

std::optional<QSslConfiguration> ImapSession::tlsConfiguration(QString* problem) const
{
    if (!m_deps.tls) {
        *problem = QStringLiteral("TLS is not set up on this server");
        return std::nullopt;
    }
    return m_deps.tls->serverConfiguration(Protocol::Imap, problem);
}

void ImapSession::tlsFinished(bool ok)
{
    if (!m_tlsPending || m_closed)
        return;
    m_tlsPending = false;
    if (!ok) {
        finish(QStringLiteral("TLS handshake failed"));
        return;
    }
    // RFC 3501 6.2.1: the client must forget what it learnt before (capabilities); the
    // server forgets whatever the client had started.
    m_tlsActive = true;
    m_sasl.reset();
    m_consecutiveBad = 0;
    restartIdleTimer();
    resumeInput(m_transport);
}

} // namespace tegami
