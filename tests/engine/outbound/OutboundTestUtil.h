#pragma once

// Helpers for the outbound tests: a scripted DNS, an in-process SMTP server on 127.0.0.x
// (plain, STARTTLS or implicit TLS) and a harness around SmtpRemoteTransport.

#include "core/Settings.h"
#include "log/ProtocolLog.h"
#include "tls/TlsPolicy.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QProcess>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <list>
#include <memory>
#include <optional>

#include "outbound/MxLookup.h"
#include "outbound/SmtpRemoteTransport.h"

namespace tegami::test {

// DNS answers from tables; unknown names do not exist. Answers come later, as real ones do.
class FakeMxLookup final : public MxLookup {
public:
    QHash<QString, MxAnswer> mx;
    QHash<QString, AddressAnswer> hosts;
    QStringList queries;

    void setMx(const QString& domain, const QList<MxRecord>& records) { mx[domain] = { DnsStatus::Ok, records, {} }; }
    void setHost(const QString& host, const QStringList& addresses)
    {
        AddressAnswer a { DnsStatus::Ok, {}, {} };
        for (const QString& s : addresses)
            a.addresses << QHostAddress(s);
        hosts[host] = a;
    }

    void lookupMx(const QString& domain, QObject* context, std::function<void(MxAnswer)> done) override
    {
        queries << QStringLiteral("MX ") + domain;
        const MxAnswer a = mx.value(domain, MxAnswer { DnsStatus::NxDomain, {}, QStringLiteral("NXDOMAIN") });
        QTimer::singleShot(0, context, [a, done] { done(a); });
    }
    void lookupAddresses(const QString& host, QObject* context, std::function<void(AddressAnswer)> done) override
    {
        queries << QStringLiteral("A ") + host;
        const AddressAnswer a
            = hosts.value(host, AddressAnswer { DnsStatus::NoRecords, {}, QStringLiteral("host not found") });
        QTimer::singleShot(0, context, [a, done] { done(a); });
    }
};

// What the fake server does; may be changed between connections.
struct FakeSmtpScript {
    QByteArray greeting = "220 fake.test ESMTP ready";
    bool silent = false; // accept the connection and never answer
    QByteArrayList ehloKeywords = { "PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES" };
    QByteArray ehloReply; // non-empty: the reply to EHLO instead of the keyword list
    bool startTls = false; // offer STARTTLS
    QByteArray afterStartTls; // sent in plain text right after the 220 to STARTTLS
    bool breakTls = false; // after the 220 to STARTTLS, talk garbage instead of TLS
    bool implicitTls = false;
    QSslConfiguration tls;
    QByteArrayList authMechanisms; // offered (also in plain text: the client must not care)
    QByteArray user;
    QByteArray password;
    QHash<QByteArray, QByteArray> replies; // verb ("MAIL", "DATA", "RSET") -> reply instead of the default
    QHash<QByteArray, QByteArray> rcptReplies; // address -> reply
    QByteArray dataEndReply = "250 2.0.0 queued as 1234";
    QByteArray dataEarlyReply; // non-empty: the answer to the first message bytes, then the connection closes
};

// One connection as the server saw it.
struct FakeSmtpSession {
    QByteArrayList commands; // every line the client sent (AUTH payloads included)
    QList<QByteArray> messages; // the DATA contents, still dot-stuffed, without the final ".\r\n"
    bool tls = false;
    bool authenticated = false;
    bool closed = false;
};

class FakeSmtpServer : public QTcpServer {
public:
    explicit FakeSmtpServer(
        FakeSmtpScript script = {}, const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0)
        : script(std::move(script))
    {
        if (!listen(address, port))
            qWarning("fake SMTP server cannot listen on %s:%d", qPrintable(address.toString()), port);
    }

    FakeSmtpScript script;
    QList<FakeSmtpSession> sessions;

    int openConnections() const
    {
        int n = 0;
        for (const FakeSmtpSession& s : sessions)
            n += s.closed ? 0 : 1;
        return n;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto conn = std::make_shared<Conn>();
        conn->socket = new QSslSocket(this);
        conn->socket->setSocketDescriptor(descriptor);
        conn->index = sessions.size();
        sessions.append(FakeSmtpSession());
        QObject::connect(conn->socket, &QIODevice::readyRead, this, [this, conn] { readInput(*conn); });
        QObject::connect(conn->socket, &QAbstractSocket::disconnected, this, [this, conn] {
            sessions[conn->index].closed = true;
            conn->socket->deleteLater();
        });
        QObject::connect(conn->socket, &QSslSocket::encrypted, this, [this, conn] {
            sessions[conn->index].tls = true;
            if (script.implicitTls)
                reply(*conn, script.greeting);
        });
        if (script.silent)
            return;
        if (script.implicitTls) {
            conn->socket->setSslConfiguration(script.tls);
            conn->socket->startServerEncryption();
            return;
        }
        reply(*conn, script.greeting);
    }

private:
    struct Conn {
        QSslSocket* socket = nullptr;
        qsizetype index = 0;
        QByteArray buffer;
        bool inData = false;
        int authLoginStep = 0; // 1: the user name is next, 2: the password
        QByteArray loginUser;
    };

    void reply(Conn& c, const QByteArray& text)
    {
        c.socket->write(text + "\r\n");
        const QByteArray last = text.mid(text.lastIndexOf('\n') + 1);
        if (text.startsWith("421") || last.startsWith("221")) {
            c.socket->flush();
            c.socket->disconnectFromHost();
        }
    }

    void readInput(Conn& c)
    {
        c.buffer += c.socket->readAll();
        for (;;) {
            if (c.inData && !script.dataEarlyReply.isEmpty()) {
                sessions[c.index].messages << c.buffer;
                reply(c, script.dataEarlyReply);
                c.socket->flush();
                c.socket->disconnectFromHost();
                return;
            }
            if (c.inData) {
                qsizetype end = -1;
                if (c.buffer.startsWith(".\r\n"))
                    end = 0;
                else if (const qsizetype i = c.buffer.indexOf("\r\n.\r\n"); i >= 0)
                    end = i + 2;
                if (end < 0)
                    return;
                sessions[c.index].messages << c.buffer.left(end);
                c.buffer.remove(0, end + 3);
                c.inData = false;
                if (!script.dataEndReply.isEmpty()) // empty: never answer
                    reply(c, script.dataEndReply);
                continue;
            }
            const qsizetype nl = c.buffer.indexOf("\r\n");
            if (nl < 0 || c.socket->state() != QAbstractSocket::ConnectedState)
                return;
            const QByteArray line = c.buffer.left(nl);
            c.buffer.remove(0, nl + 2);
            sessions[c.index].commands << line;
            if (command(c, line))
                return; // TLS starts: the rest is read after the handshake
        }
    }

    // Returns true when STARTTLS began.
    bool command(Conn& c, const QByteArray& line)
    {
        if (c.authLoginStep == 1) {
            c.loginUser = QByteArray::fromBase64(line);
            c.authLoginStep = 2;
            reply(c, "334 UGFzc3dvcmQ6");
            return false;
        }
        if (c.authLoginStep == 2) {
            c.authLoginStep = 0;
            authResult(c, c.loginUser, QByteArray::fromBase64(line));
            return false;
        }
        const QByteArray verb = line.split(' ').first().toUpper();
        if (script.replies.contains(verb)) {
            reply(c, script.replies.value(verb));
            return false;
        }
        if (verb == "EHLO") {
            if (!script.ehloReply.isEmpty()) {
                reply(c, script.ehloReply);
                return false;
            }
            QByteArrayList lines { "fake.test hello" };
            lines << script.ehloKeywords;
            if (script.startTls && !sessions[c.index].tls)
                lines << "STARTTLS";
            if (!script.authMechanisms.isEmpty())
                lines << "AUTH " + script.authMechanisms.join(' ');
            QByteArray out;
            for (qsizetype i = 0; i < lines.size(); ++i)
                out += (i + 1 < lines.size() ? "250-" : "250 ") + lines[i] + (i + 1 < lines.size() ? "\r\n" : "");
            reply(c, out);
        } else if (verb == "HELO" || verb == "RSET" || verb == "NOOP") {
            reply(c, "250 ok");
        } else if (verb == "STARTTLS") {
            reply(c, "220 2.0.0 go ahead");
            if (!script.afterStartTls.isEmpty())
                c.socket->write(script.afterStartTls);
            if (script.breakTls) {
                c.socket->write("this is not TLS\r\n");
                c.socket->flush();
                c.socket->disconnectFromHost();
                return true;
            }
            c.buffer.clear();
            c.socket->setSslConfiguration(script.tls);
            c.socket->startServerEncryption();
            return true;
        } else if (verb == "AUTH") {
            const QByteArrayList parts = line.split(' ');
            const QByteArray mech = parts.value(1).toUpper();
            if (mech == "PLAIN" && parts.size() == 3) {
                const QByteArrayList fields = QByteArray::fromBase64(parts[2]).split('\0');
                authResult(c, fields.value(1), fields.value(2));
            } else if (mech == "LOGIN") {
                c.authLoginStep = 1;
                reply(c, "334 VXNlcm5hbWU6");
            } else {
                reply(c, "504 5.5.4 mechanism not supported");
            }
        } else if (verb == "MAIL") {
            reply(c, "250 2.1.0 sender ok");
        } else if (verb == "RCPT") {
            const QByteArray address = line.mid(line.indexOf('<') + 1, line.indexOf('>') - line.indexOf('<') - 1);
            reply(c, script.rcptReplies.value(address, "250 2.1.5 recipient ok"));
        } else if (verb == "DATA") {
            c.inData = true;
            reply(c, "354 end with <CRLF>.<CRLF>");
        } else if (verb == "QUIT") {
            reply(c, "221 2.0.0 bye");
        } else {
            reply(c, "500 5.5.1 unknown command");
        }
        return false;
    }

    void authResult(Conn& c, const QByteArray& user, const QByteArray& password)
    {
        const bool ok = user == script.user && password == script.password;
        sessions[c.index].authenticated = ok;
        reply(c, ok ? "235 2.7.0 authenticated" : "535 5.7.8 authentication credentials invalid");
    }
};

// A self-signed certificate for the fake server (made with the openssl tool).
inline QSslConfiguration serverTls(const QString& dir, const QString& name = QStringLiteral("localhost"))
{
    const QString cert = dir + QStringLiteral("/server.crt");
    const QString key = dir + QStringLiteral("/server.key");
    QProcess p;
    p.start(QStringLiteral("openssl"),
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
            QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-subj"),
            QStringLiteral("/CN=") + name, QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=DNS:") + name });
    p.waitForFinished(30000);
    QFile c(cert);
    QFile k(key);
    if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
        qWarning("openssl did not make a certificate");
    LoadedCertificate loaded;
    loaded.certificate = QSslCertificate(c.readAll());
    loaded.key = QSslKey(k.readAll(), QSsl::Ec);
    return serverTlsConfiguration(loaded, TlsMinimum::V1_2);
}

inline SmtpRemoteTransport::Options testTransportOptions(quint16 mxPort)
{
    SmtpRemoteTransport::Options o;
    o.timeouts.greetingMs = o.timeouts.commandMs = o.timeouts.tlsMs = o.timeouts.dataInitMs = o.timeouts.dataBlockMs
        = o.timeouts.dataEndMs = o.timeouts.quitMs = 5000;
    o.routing.allowLoopbackMx = true;
    o.routing.mxPort = mxPort;
    return o;
}

// A transport with a fake DNS, a live-only protocol log and settings to change.
struct TransportHarness {
    explicit TransportHarness(SmtpRemoteTransport::Options options = testTransportOptions(25))
    {
        set(QStringLiteral("server.fqdn"), QStringLiteral("tegami.test"));
        auto dnsOwned = std::make_unique<FakeMxLookup>();
        dns = dnsOwned.get();
        transport = std::make_unique<SmtpRemoteTransport>(
            settings, &log, Clock::system(), std::move(dnsOwned), std::move(options));
    }

    void set(const QString& key, const QJsonValue& value)
    {
        const Result<void> r = settings.set(key, value);
        if (!r)
            qFatal("setting %s: %s", qPrintable(key), qPrintable(r.error().toString()));
    }

    // Runs one delivery to its end; nullopt if `done` was not called within the time.
    std::optional<std::vector<RecipientResult>> deliver(const RemoteDelivery& d, int timeoutMs = 15000)
    {
        std::optional<std::vector<RecipientResult>> out;
        transport->deliver(d, [&out](std::vector<RecipientResult> r) { out = std::move(r); });
        (void)QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs);
        return out;
    }

    // Every event so far as "<dir> <data>" lines.
    QString logText()
    {
        for (const LogEvent& e : events->takeAll().events)
            collected << QStringLiteral("%1 %2 %3").arg(e.sid, logDirectionSymbol(e.dir), e.data);
        return collected.join(QLatin1Char('\n'));
    }

    Settings settings = Settings::defaults();
    ProtocolLog log { QString() };
    std::unique_ptr<LogSubscription> events = log.subscribe();
    FakeMxLookup* dns = nullptr;
    std::unique_ptr<SmtpRemoteTransport> transport;
    QStringList collected;
};

inline RemoteDelivery makeDelivery(const QString& path, const QByteArray& message, const QStringList& recipients,
    const QString& domain = QStringLiteral("example.net"))
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(message) != message.size())
        qWarning("cannot write %s", qPrintable(path));
    RemoteDelivery d;
    d.queueId = QStringLiteral("q1");
    d.domain = domain;
    d.sender = QStringLiteral("alice@tegami.test");
    for (const QString& r : recipients)
        d.recipients.push_back(EnvelopeRecipient { r, {}, 0 });
    d.messagePath = path;
    d.size = message.size();
    return d;
}

} // namespace tegami::test
