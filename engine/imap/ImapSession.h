#pragma once

#include "accounts/SaslExchange.h"
#include "core/Result.h"
#include "imap/ImapCommandParser.h"
#include "imap/ImapCommandReader.h"
#include "imap/ImapDependencies.h"
#include "imap/ImapResponseWriter.h"
#include "imap/ImapSelectedMailbox.h"
#include "net/SessionTransport.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

namespace tegami {

class ImapFetchJob;
class ImapSessionRegistry;
class LogSession;
struct AuthDecision;
struct Mailbox;

struct ImapSessionOptions {
    QString remoteAddress; // without the port, as the authenticator and the throttle want it
    bool tlsActive = false; // implicit TLS (port 993): the handshake is already done
    int failureDelayMs = 1000; // a failed login is answered this much later
};

// One IMAP4rev1 session (RFC 3501) with IDLE, LITERAL+, UIDPLUS, MOVE, NAMESPACE, ID,
// ENABLE, UNSELECT, CHILDREN, SPECIAL-USE, SASL-IR, CONDSTORE and QUOTA, as a state machine
// that never touches a socket: bytes in through receive(), bytes out through the
// transport. The syntax is engine/imap's reader and parser; each command is one member
// reached from a table, in files by group:
//   ImapSession.cpp          input, output, dispatch, mailbox updates, IDLE, timers, TLS
//   ImapAuthCommands.cpp     not authenticated: CAPABILITY, STARTTLS, LOGIN, AUTHENTICATE,
//                            and NOOP, LOGOUT, ID, ENABLE
//   ImapMailboxCommands.cpp  SELECT, EXAMINE, CREATE, DELETE, RENAME, (UN)SUBSCRIBE,
//                            STATUS, NAMESPACE, GETQUOTA(ROOT), CHECK, CLOSE, UNSELECT
//   ImapListCommand.cpp      LIST, LSUB
//   ImapAppendCommand.cpp    APPEND
//   ImapFetchCommand.cpp     FETCH (ImapFetchJob builds and streams the responses)
//   ImapSearchCommand.cpp    SEARCH (ImapSearch matches)
//   ImapMessageCommands.cpp  STORE, COPY, MOVE, EXPUNGE (and the account's delete policy)
class ImapSession : public QObject, public ProtocolSession {
    Q_OBJECT
public:
    enum class State { NotAuthenticated, Authenticated, Selected, Logout };

    ImapSession(const ImapDependencies& deps, ImapSessionRegistry& registry, LogSession& log,
        SessionTransport& transport, ImapSessionOptions options, QObject* parent = nullptr);
    ~ImapSession() override;

    void start() override; // sends the greeting and starts the idle timer
    void receive(QByteArrayView bytes) override;

    // Not taking input now: a login being verified, a delayed reply, a streamed FETCH or a
    // TLS handshake. Input is kept until it ends.
    bool isBusy() const override;
    bool loginPending() const { return m_authPending; }
    void resumeOutput() override; // the transport can take more of a streamed reply
    void tlsFinished(bool ok) override;

    void idleTimeout(); // what the idle timer calls: BYE, then close
    void connectionLost(const QString& reason) override;
    void shutdown(const QString& reason) override; // the server stops: "* BYE <reason>"

    State state() const { return m_state; }
    bool tlsActive() const { return m_tlsActive; }
    bool idling() const { return !m_idleTag.isEmpty(); }
    QString user() const { return m_user; }
    int idleTimeoutMs() const;
    const ImapSelectedMailbox* selected() const { return m_selected ? &*m_selected : nullptr; }
    QList<QByteArray> capabilities() const;

private:
    using Handler = void (ImapSession::*)(const ImapCommand& command);
    struct HandlerSpec {
        ImapCommandId id;
        Handler handler;
    };
    static const HandlerSpec kHandlers[];

    // ImapSession.cpp: input and dispatch
    void processInput() override;
    void handleContinuation(const ImapReadItem& item);
    void handleReadError(const ImapReadItem& item);
    void handleCommand(const ImapRawCommand& raw);
    void handleRawLine(const QByteArray& line);
    ImapState imapState() const;

    // ImapSession.cpp: output
    void sendLine(const QByteArray& line); // CRLF added; logged
    void sendUntagged(const QByteArray& data); // "* " + data
    void sendTagged(const QByteArray& tag, ImapStatus status, QByteArrayView code, const QString& text);
    // Ends a command: mailbox updates the command allows, then the tagged reply.
    void complete(const ImapCommand& command, ImapStatus status, QByteArrayView code, const QString& text);
    void ok(const ImapCommand& command, const QString& text, QByteArrayView code = {});
    void no(const ImapCommand& command, QByteArrayView code, const QString& text);
    void bad(const QByteArray& tag, const QString& text); // counts towards the BAD limit
    // A store failure as NO with the response code that fits (NONEXISTENT, ALREADYEXISTS...).
    void storeFailed(const ImapCommand& command, const Error& error, const QString& what);
    void finish(const QString& reason);
    void bye(const QString& text, const QString& reason); // "* BYE text", then close

    // ImapSession.cpp: the selected mailbox and IDLE
    // Sends what changed in the selected mailbox; EXPUNGE only when `allowExpunge`.
    void syncSelected(bool allowExpunge);
    static bool expungeAllowedAfter(const ImapCommand& command);
    void folderChanged(qint64 folderId);
    void cmdIdle(const ImapCommand& command);
    void endIdle(const QByteArray& line);
    void deselect(); // leaves the Selected state without expunging
    // The mailbox record of the logged-in user, read now (quota and IMAP policy may change).
    std::optional<Mailbox> account();

    // ImapSession.cpp: timers, TLS, settings
    void restartIdleTimer();
    bool loginAllowedNow() const;
    std::optional<QSslConfiguration> tlsConfiguration(QString* problem) const;
    qint64 settingInt(const char* key) const;
    QString setting(const char* key) const;

    // ImapAuthCommands.cpp
    void cmdCapability(const ImapCommand& command);
    void cmdNoop(const ImapCommand& command);
    void cmdLogout(const ImapCommand& command);
    void cmdStartTls(const ImapCommand& command);
    void cmdAuthenticate(const ImapCommand& command);
    void cmdLogin(const ImapCommand& command);
    void cmdId(const ImapCommand& command);
    void cmdEnable(const ImapCommand& command);
    void refuseLoginWithoutTls(const ImapCommand& command);
    void handleSaslLine(const QByteArray& line);
    void takeSaslStep(const SaslStep& step);
    void authenticate(const QByteArray& tag, const QString& username, QString password, const QString& mechanism);
    void loginFailed(const QByteArray& tag, const AuthDecision& decision);
    void completeLogin(const QByteArray& tag, const QString& address);
    void replyLater(const QByteArray& tag, QByteArrayView code, const QString& text);

    // ImapMailboxCommands.cpp
    void cmdSelect(const ImapCommand& command);
    void cmdCreate(const ImapCommand& command);
    void cmdDelete(const ImapCommand& command);
    void cmdRename(const ImapCommand& command);
    void cmdSubscribe(const ImapCommand& command);
    void cmdUnsubscribe(const ImapCommand& command);
    void cmdStatus(const ImapCommand& command);
    void cmdNamespace(const ImapCommand& command);
    void cmdGetQuota(const ImapCommand& command);
    void cmdGetQuotaRoot(const ImapCommand& command);
    void cmdCheck(const ImapCommand& command);
    void cmdClose(const ImapCommand& command);
    void cmdUnselect(const ImapCommand& command);
    QByteArray quotaResponse();

    // ImapListCommand.cpp
    void cmdList(const ImapCommand& command);
    void cmdLsub(const ImapCommand& command);

    // ImapAppendCommand.cpp
    void cmdAppend(const ImapCommand& command);
    // An APPEND announced its message: refuse the literal at once when the mailbox does not
    // exist or the message would not fit the quota. True when refused (NO sent).
    bool refuseAppendLiteral(const ImapRawCommand& partial, qint64 size);

    // ImapFetchCommand.cpp
    void cmdFetch(const ImapCommand& command);
    void pumpFetch();

    // ImapSearchCommand.cpp
    void cmdSearch(const ImapCommand& command);

    // ImapMessageCommands.cpp
    void cmdStore(const ImapCommand& command);
    void cmdCopy(const ImapCommand& command); // COPY and MOVE
    void cmdExpunge(const ImapCommand& command); // EXPUNGE and UID EXPUNGE
    // RFC 3501 EXPUNGE with the account's delete action: messages flagged \Deleted (only
    // those in `uids` when given) are deleted, or moved to Trash or Archive. The EXPUNGE
    // responses come from syncSelected().
    Result<void> expungeDeleted(const std::optional<UidSet>& uids);
    // Positions from the command's set, or a BAD already sent (nullopt).
    std::optional<std::vector<qsizetype>> resolveSet(const ImapCommand& command, const ImapSequenceSet& set);

    const ImapDependencies& m_deps;
    ImapSessionRegistry& m_registry;
    LogSession& m_log;
    SessionTransport& m_transport;
    ImapSessionOptions m_options;

    State m_state = State::NotAuthenticated;
    ImapCommandReader m_reader;
    QTimer m_idle;
    bool m_tlsActive = false;
    bool m_tlsPending = false;
    bool m_delayedReply = false;
    bool m_authPending = false;
    bool m_processing = false;
    bool m_closed = false;
    int m_consecutiveBad = 0;

    std::unique_ptr<SaslExchange> m_sasl;
    QByteArray m_saslTag;
    QString m_user; // after login
    bool m_registered = false; // counted in the registry for m_user

    std::optional<ImapSelectedMailbox> m_selected;
    bool m_condstore = false; // RFC 7162: enabled by ENABLE, SELECT (CONDSTORE) or use
    QByteArray m_idleTag; // while idling
    bool m_idleSyncQueued = false;

    std::unique_ptr<ImapFetchJob> m_fetch; // a FETCH being streamed
    ImapCommand m_fetchCommand;
};

} // namespace tegami
