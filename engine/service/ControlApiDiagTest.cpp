// Control API: diag.test, the connectivity test (Exchange's Test-PopConnectivity and
// Test-ImapConnectivity, and the same for authenticated SMTP). The clients run inside tegamid
// and connect to its own listeners, asynchronously: the service keeps serving meanwhile,
// including the sessions of the test itself.
#include "accounts/AccountStore.h"
#include "diag/ConnectivityImap.h"
#include "diag/ConnectivityPop3.h"
#include "diag/ConnectivitySmtp.h"
#include "log/ProtocolLog.h"
#include "net/Listener.h"
#include "net/ListenerManager.h"
#include "net/SessionFactory.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"
#include "store/MailStore.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <memory>

#include "queue/DeliveryQueue.h"

namespace tegami {

namespace {

constexpr int kDefaultTimeoutSecs = 10;
constexpr int kFindWaitMs = 30000;

// One protocol to test and where.
struct Target {
    QString protocol; // pop3, imap, smtp
    QString logProtocol; // the listener's protocol as the log names it (smtp may be "submission")
    ConnectivityOptions options;
};

QString randomPassword()
{
    QByteArray bytes(18, Qt::Uninitialized);
    for (char& c : bytes)
        c = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString loopbackFor(const Binding& binding)
{
    if (binding.address == QLatin1String("0.0.0.0") || binding.address.isEmpty())
        return QStringLiteral("127.0.0.1");
    if (binding.address == QLatin1String("::"))
        return QStringLiteral("::1");
    return binding.address;
}

bool isLoopback(const QString& host)
{
    const QHostAddress a(host);
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || (!a.isNull() && a.isLoopback());
}

// The running listener of `p` a client would use: the first in settings order, of the wanted
// security when one is asked for, on `port` when one is given.
const Listener* pickListener(Engine& engine, Protocol p, std::optional<ConnectionSecurity> security, int port)
{
    for (const ListenerSpec& spec : engine.settings().listeners()) {
        if (spec.protocol != p)
            continue;
        const Listener* l = engine.listeners().find(spec.id());
        if (!l || l->state() != ListenerState::Listening)
            continue;
        if (port > 0 && l->boundPort() != port)
            continue;
        if (port <= 0 && security) {
            const bool implicit = spec.tlsMode == TlsMode::Implicit;
            if (implicit != (*security == ConnectionSecurity::Tls))
                continue;
        }
        return l;
    }
    return nullptr;
}

// Runs the tests of one diag.test call in order: SMTP submits the tagged message, IMAP finds
// it and waits, POP3 finds and deletes it, then IMAP checks that it is gone (or deletes it
// itself when POP3 is not tested). A temporary mailbox is removed at the end whatever happened,
// also when the service stops in between (the run is a child of the control server, which
// goes before the engine).
class DiagTestRun : public QObject {
public:
    DiagTestRun(Engine& engine, QList<Target> targets, bool temporaryMailbox, QString user, bool loginOnly,
        ControlServer::Reply reply, QObject* parent)
        : QObject(parent)
        , m_engine(engine)
        , m_targets(std::move(targets))
        , m_temporary(temporaryMailbox)
        , m_user(std::move(user))
        , m_loginOnly(loginOnly)
        , m_reply(std::move(reply))
    {
        m_subscription = m_engine.protocolLog().subscribe({}, 2000);
    }

    ~DiagTestRun() override
    {
        // Clients first: their sockets must not report into a half-destroyed run.
        for (const QPointer<ConnectivityClient>& c : std::as_const(m_clients)) {
            if (c) {
                c->disconnect(this);
                delete c.data();
            }
        }
        removeTemporaryMailbox();
    }

    void start()
    {
        const bool withSmtp = target(QStringLiteral("smtp")) != nullptr;
        if (!m_loginOnly && withSmtp)
            m_token = m_tokenSent = newConnectivityToken();
        else if (!m_loginOnly)
            // TODO(tegami): `test pop3` / `test imap` alone send no message, so their find and delete
            // steps are skipped; Exchange's Test-*Connectivity sends one through its own transport.
            m_noMessageReason = QStringLiteral("no test message: include smtp in the test to check delivery");
        runNext();
    }

private:
    const Target* target(const QString& protocol) const
    {
        for (const Target& t : m_targets) {
            if (t.protocol == protocol)
                return &t;
        }
        return nullptr;
    }

    ConnectivityClient* client(const QString& protocol) const
    {
        for (const QPointer<ConnectivityClient>& c : m_clients) {
            if (c && c->report().protocol == protocol)
                return c;
        }
        return nullptr;
    }

    // The next protocol in the order smtp, imap, pop3, or what is left to finish.
    void runNext()
    {
        for (const QString& p : { QStringLiteral("smtp"), QStringLiteral("imap"), QStringLiteral("pop3") }) {
            const Target* t = target(p);
            if (!t || client(p))
                continue;
            launch(*t);
            return;
        }
        for (const QPointer<ConnectivityClient>& c : std::as_const(m_clients)) {
            if (c && c->isHeld()) {
                c->resume();
                return;
            }
        }
        for (const QPointer<ConnectivityClient>& c : std::as_const(m_clients)) {
            if (c && !c->isFinished())
                return;
        }
        complete();
    }

    void launch(const Target& t)
    {
        ConnectivityOptions options = t.options;
        options.token = m_token;
        options.noMessageReason = m_noMessageReason;
        options.loginOnly = m_loginOnly;
        ConnectivityClient* c = nullptr;
        if (t.protocol == QLatin1String("smtp"))
            c = new SmtpConnectivityClient(options, this);
        else if (t.protocol == QLatin1String("imap"))
            c = new ImapConnectivityClient(options, this);
        else
            c = new Pop3ConnectivityClient(options, this);
        // POP3 deletes the message: IMAP must have found it before, and checks afterwards.
        if (t.protocol == QLatin1String("imap") && target(QStringLiteral("pop3")))
            c->setHoldBefore(QStringLiteral("delete"));
        m_clients.append(c);
        const QString logProtocol = t.logProtocol;
        connect(c, &ConnectivityClient::sessionOpened, this,
            [this, c, logProtocol](quint16 port) { c->report().sessionId = findSession(logProtocol, port); });
        connect(c, &ConnectivityClient::held, this, [this] { runNext(); });
        connect(c, &ConnectivityClient::finished, this, [this, c] { finished(c); });
        c->start();
    }

    void finished(ConnectivityClient* c)
    {
        if (c->report().protocol == QLatin1String("smtp") && !m_token.isEmpty()) {
            const StepReport* submit = nullptr;
            for (const StepReport& s : c->report().steps) {
                if (s.step == QLatin1String("submit"))
                    submit = &s;
            }
            if (!submit || submit->result != StepResult::Success) {
                m_token.clear();
                m_noMessageReason = QStringLiteral("no test message: SMTP could not submit it");
            } else {
                static const QRegularExpression queued(QStringLiteral("queued as (\\S+)"));
                m_queueId = queued.match(static_cast<SmtpConnectivityClient*>(c)->acceptedAs()).captured(1);
            }
        }
        // Not from inside the client's own signal: the next client may finish synchronously.
        QTimer::singleShot(0, this, [this] { runNext(); });
    }

    // The server's protocol-log session of the test's connection from local port `port`.
    QString findSession(const QString& logProtocol, quint16 port) const
    {
        const QString suffix = QStringLiteral(":%1").arg(port);
        for (const QJsonValue& v : m_engine.protocolLog().activeSessions().toJson()) {
            const QJsonObject s = v.toObject();
            if (s.value(QStringLiteral("protocol")).toString() == logProtocol
                && s.value(QStringLiteral("remote")).toString().endsWith(suffix))
                return s.value(QStringLiteral("sid")).toString();
        }
        return {};
    }

    // Sessions that ended before the client saw a greeting (a failed TLS handshake) are found
    // in the events logged meanwhile.
    void findLoggedSessions()
    {
        if (!m_subscription)
            return;
        const QList<LogEvent> events = m_subscription->takeAll().events;
        for (const QPointer<ConnectivityClient>& c : std::as_const(m_clients)) {
            if (!c || !c->report().sessionId.isEmpty() || c->report().localPort == 0)
                continue;
            const QString suffix = QStringLiteral(":%1").arg(c->report().localPort);
            const Target* t = target(c->report().protocol);
            for (const LogEvent& e : events) {
                if (!e.sid.isEmpty() && t && e.proto == t->logProtocol && e.remote.endsWith(suffix)) {
                    c->report().sessionId = e.sid;
                    break;
                }
            }
        }
    }

    // Whether IMAP or POP3 deleted the test message (else it may still be queued, or in the mailbox).
    bool messageDeleted() const
    {
        for (const QPointer<ConnectivityClient>& c : m_clients) {
            if (!c || c->report().protocol == QLatin1String("smtp"))
                continue;
            for (const StepReport& s : c->report().steps) {
                if (s.step == QLatin1String("delete") && s.result == StepResult::Success)
                    return true;
            }
        }
        return false;
    }

    void removeTemporaryMailbox()
    {
        if (!m_temporary || m_removed)
            return;
        m_removed = true;
        // A message still waiting in the queue would bounce once its mailbox is gone.
        if (!m_queueId.isEmpty() && !messageDeleted())
            (void)m_engine.queue().remove(
                m_queueId, QStringLiteral("the connectivity test (temporary mailbox removed)"));
        if (Result<void> r = m_engine.accounts().removeMailbox(m_user); !r)
            m_warnings << QStringLiteral("the temporary mailbox %1 could not be removed: %2 (remove it with "
                                         "`tegamictl user remove %1`)")
                              .arg(m_user, r.error().message);
        if (Result<void> r = m_engine.store().removeOwner(m_user); !r)
            m_warnings << QStringLiteral("the mail of the temporary mailbox %1 could not be deleted: %2")
                              .arg(m_user, r.error().message);
        m_engine.protocolLog().note(
            QStringLiteral("control"), QStringLiteral("connectivity test: temporary mailbox %1 removed").arg(m_user));
    }

    void complete()
    {
        if (m_completed)
            return;
        m_completed = true;
        findLoggedSessions();
        m_subscription.reset();
        removeTemporaryMailbox();
        bool passed = !m_clients.isEmpty();
        QJsonArray tests;
        for (const QPointer<ConnectivityClient>& c : std::as_const(m_clients)) {
            if (!c)
                continue;
            passed = passed && c->report().passed();
            tests.append(c->report().toJson());
        }
        if (!m_temporary && !m_queueId.isEmpty() && !messageDeleted())
            m_warnings << QStringLiteral("the test message (Subject \"%1\") may stay in %2's INBOX: delete it, or "
                                         "test imap or pop3 with smtp so that the test deletes it")
                              .arg(connectivityTestSubject(m_tokenSent), m_user);
        QJsonObject result {
            { QStringLiteral("passed"), passed },
            { QStringLiteral("user"), m_user },
            { QStringLiteral("temporaryMailbox"), m_temporary },
            { QStringLiteral("loginOnly"), m_loginOnly },
            { QStringLiteral("tests"), tests },
        };
        if (!m_warnings.isEmpty())
            result.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(m_warnings));
        m_engine.protocolLog().note(QStringLiteral("control"),
            QStringLiteral("connectivity test as %1: %2")
                .arg(m_user, passed ? QStringLiteral("passed") : QStringLiteral("failed")));
        if (m_reply)
            std::exchange(m_reply, nullptr)(QJsonValue(result));
        deleteLater();
    }

    Engine& m_engine;
    QList<Target> m_targets;
    bool m_temporary;
    QString m_user;
    bool m_loginOnly;
    ControlServer::Reply m_reply;
    QList<QPointer<ConnectivityClient>> m_clients;
    std::unique_ptr<LogSubscription> m_subscription;
    QString m_token; // empty once SMTP could not submit the message
    QString m_tokenSent;
    QString m_queueId; // of the submitted message
    QString m_noMessageReason;
    QStringList m_warnings;
    bool m_removed = false;
    bool m_completed = false;
};

struct TestRequest {
    QList<Target> targets;
    QString user;
    QString password;
    bool temporary = false;
    bool loginOnly = false;
};

Result<TestRequest> parseRequest(Engine& engine, const QJsonObject& params)
{
    Params p(params);
    const std::optional<QStringList> protocols = p.optionalStringList(QStringLiteral("protocols"));
    const std::optional<QString> host = p.optionalString(QStringLiteral("host"));
    const std::optional<qint64> port = p.optionalInt(QStringLiteral("port"), 1, 65535);
    const std::optional<QString> securityName = p.optionalString(QStringLiteral("security"));
    const std::optional<QString> user = p.optionalString(QStringLiteral("user"));
    const std::optional<QString> password = p.optionalString(QStringLiteral("password"));
    const std::optional<bool> temporary = p.optionalBool(QStringLiteral("temporaryMailbox"));
    const bool trustAny = p.optionalBool(QStringLiteral("trustAnyCertificate")).value_or(false);
    const bool loginOnly = p.optionalBool(QStringLiteral("loginOnly")).value_or(false);
    const qint64 timeoutSecs = p.optionalInt(QStringLiteral("timeoutSecs"), 1, 600).value_or(kDefaultTimeoutSecs);
    if (!p.ok())
        return p.error();

    std::optional<ConnectionSecurity> security;
    if (securityName) {
        security = connectionSecurityFromName(*securityName);
        if (!security)
            return Error::invalid(QStringLiteral("security"),
                QStringLiteral("\"%1\" is not a connection security: use plain, starttls or tls").arg(*securityName));
    }

    const Settings& settings = engine.settings();
    QStringList wanted;
    if (protocols) {
        for (const QString& name : *protocols) {
            QString n = name.trimmed().toLower();
            if (n == QLatin1String("submission"))
                n = QStringLiteral("smtp");
            if (n != QLatin1String("pop3") && n != QLatin1String("imap") && n != QLatin1String("smtp"))
                return Error::invalid(QStringLiteral("protocols"),
                    QStringLiteral("\"%1\" cannot be tested: use pop3, imap or smtp").arg(name));
            if (!wanted.contains(n))
                wanted << n;
        }
    } else {
        if (settings.protocolEnabled(Protocol::Submission) || settings.protocolEnabled(Protocol::Smtp))
            wanted << QStringLiteral("smtp");
        if (settings.protocolEnabled(Protocol::Imap))
            wanted << QStringLiteral("imap");
        if (settings.protocolEnabled(Protocol::Pop3))
            wanted << QStringLiteral("pop3");
    }
    if (wanted.isEmpty())
        return Error::invalid(QStringLiteral("protocols"),
            QStringLiteral("no protocol to test: enable POP3, IMAP or submission first (`tegamictl protocol enable`)"));
    if (port && wanted.size() > 1)
        return Error::invalid(QStringLiteral("port"),
            QStringLiteral("a port can only be given for one protocol: test one protocol at a time with --port"));

    TestRequest request;
    request.loginOnly = loginOnly;
    for (const QString& name : std::as_const(wanted)) {
        Target t;
        t.protocol = name;
        QList<Protocol> candidates;
        if (name == QLatin1String("smtp"))
            candidates = { Protocol::Submission, Protocol::Smtp };
        else
            candidates = { *protocolFromName(name) };
        const Listener* listener = nullptr;
        Protocol listenerProtocol = candidates.first();
        for (Protocol c : std::as_const(candidates)) {
            if (const Listener* l = pickListener(engine, c, security, port.value_or(0)); l) {
                listener = l;
                listenerProtocol = c;
                break;
            }
        }
        t.logProtocol = protocolName(listenerProtocol);
        ConnectivityOptions& o = t.options;
        o.trustAnyCertificate = trustAny;
        o.stepTimeoutMs = static_cast<int>(timeoutSecs * 1000);
        o.findWaitMs = std::max(kFindWaitMs, o.stepTimeoutMs);
        if (listener) {
            QString tlsProblem;
            o.host = loopbackFor(listener->spec().binding);
            o.port = listener->boundPort();
            o.security = listener->spec().tlsMode == TlsMode::Implicit ? ConnectionSecurity::Tls
                : engine.tlsProvider() && engine.tlsProvider()->serverConfiguration(listenerProtocol, &tlsProblem)
                ? ConnectionSecurity::StartTls
                : ConnectionSecurity::Plain;
        } else if (!host || !port) {
            const QString label = name == QLatin1String("smtp") ? QStringLiteral("submission") : name;
            return Error::notFound(
                QStringLiteral("%1 has no running listener%2 to test: enable it (`tegamictl "
                               "protocol enable %1`), or give --host and --port")
                    .arg(label, security ? QStringLiteral(" with security %1").arg(*securityName) : QString()));
        } else {
            const bool implicitPort = *port == 465 || *port == 993 || *port == 995;
            o.security = implicitPort ? ConnectionSecurity::Tls : ConnectionSecurity::StartTls;
        }
        if (host)
            o.host = *host;
        if (port)
            o.port = static_cast<quint16>(*port);
        if (security)
            o.security = *security;
        // A client would connect by the server's name, not by 127.0.0.1: check the certificate
        // against that name.
        if (isLoopback(o.host))
            o.verifyName = settings.listenerFqdn(listenerProtocol);
        o.pollIntervalMs = 300;
        request.targets << t;
    }

    request.temporary = temporary.value_or(!user.has_value());
    if (request.temporary && user)
        return Error::invalid(QStringLiteral("temporaryMailbox"),
            QStringLiteral("give either a user and password or temporaryMailbox, not both"));
    if (!request.temporary) {
        if (!user || user->trimmed().isEmpty())
            return Error::invalid(
                QStringLiteral("user"), QStringLiteral("give the test mailbox's address, or use a temporary mailbox"));
        if (!password)
            return Error::invalid(QStringLiteral("password"),
                QStringLiteral("give the test mailbox's password (tegamictl reads it with --password-stdin)"));
        request.user = user->trimmed();
        request.password = *password;
    }
    return request;
}

// A mailbox of the first local domain that may use every protocol, with a random password.
// TODO(tegami): addMailbox() hashes the password (Argon2) on the control thread; with the
// production cost that holds the event loop for a moment once per test.
Result<QString> createTemporaryMailbox(Engine& engine, QString* password)
{
    Result<QList<Domain>> domains = engine.accounts().listDomains();
    if (!domains)
        return domains.error();
    if (domains->isEmpty())
        return Error::notFound(QStringLiteral("a temporary test mailbox needs a local domain, and there is none: add "
                                              "one (`tegamictl domain add example.com`) or test with --user"));
    NewMailbox m;
    m.address = QStringLiteral("tegami-test-%1@%2")
                    .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
                    .arg(domains->first().name);
    m.password = randomPassword();
    m.displayName = QStringLiteral("Tegami connectivity test (temporary)");
    m.protocols = ProtocolSet::all();
    Result<Mailbox> added = engine.accounts().addMailbox(m);
    if (!added)
        return added.error();
    if (Result<void> folders = engine.store().ensureOwner(added->address); !folders) {
        (void)engine.accounts().removeMailbox(added->address);
        return Error::io(
            QStringLiteral("could not create the folders of the temporary mailbox: %1").arg(folders.error().message));
    }
    *password = m.password;
    return added->address;
}

} // namespace

void registerDiagTestMethods(ControlServer& server, Engine& engine)
{
    auto running = std::make_shared<QPointer<DiagTestRun>>();
    server.registerAsyncMethod(
        QStringLiteral("diag.test"),
        [&engine, &server, running](const QJsonObject& params, ControlConnection&, ControlServer::Reply reply) {
            if (*running) {
                reply(Error { ErrorCode::Busy,
                    QStringLiteral("a connectivity test is already running: wait for it to finish"), {} });
                return;
            }
            Result<TestRequest> request = parseRequest(engine, params);
            if (!request) {
                reply(request.error());
                return;
            }
            if (request->temporary) {
                Result<QString> address = createTemporaryMailbox(engine, &request->password);
                if (!address) {
                    reply(address.error());
                    return;
                }
                request->user = *address;
            }
            for (Target& t : request->targets) {
                t.options.user = request->user;
                t.options.password = request->password;
            }
            auto* run = new DiagTestRun(
                engine, request->targets, request->temporary, request->user, request->loginOnly, reply, &server);
            *running = run;
            run->start();
        },
        QStringLiteral("Connectivity test of POP3, IMAP and authenticated SMTP: {protocols?, host?, port?, "
                       "security? (plain|starttls|tls), user?, password?, temporaryMailbox?, trustAnyCertificate?, "
                       "loginOnly?, timeoutSecs?} -> {passed, user, temporaryMailbox, tests: [{protocol, host, port, "
                       "security, passed, sessionId, steps: [{step, title, result, latencyMs, detail, error}]}]}"));
}

} // namespace tegami
