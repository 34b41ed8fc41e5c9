#include "diag/ConnectivityClient.h"

#include <QSslCipher>
#include <QSslConfiguration>

namespace tegami {

namespace {

constexpr qint64 kMaxLineBytes = 64 * 1024; // a server that sends more without a line end is broken

} // namespace

ConnectivityClient::ConnectivityClient(const QString& protocol, ConnectivityOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_report.protocol = protocol;
    m_report.host = m_options.host;
    m_report.port = m_options.port;
    m_report.security = m_options.security;
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ConnectivityClient::onTimeout);
}

ConnectivityClient::~ConnectivityClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void ConnectivityClient::addStep(const QString& id, const QString& title, std::function<void()> run)
{
    m_steps.append({ id, title, std::move(run) });
}

void ConnectivityClient::start()
{
    if (m_started)
        return;
    m_started = true;
    m_stepIndex = -1;
    runNext();
}

void ConnectivityClient::resume()
{
    if (!m_held)
        return;
    m_held = false;
    m_holdBefore.clear();
    --m_stepIndex; // runNext() moves on to the step that was held
    runNext();
}

void ConnectivityClient::runNext()
{
    ++m_stepIndex;
    if (m_stepIndex >= m_steps.size()) {
        finish();
        return;
    }
    const Step& step = m_steps.at(m_stepIndex);
    if (!m_holdBefore.isEmpty() && step.id == m_holdBefore) {
        m_held = true;
        // A quiet connection must not time out on the server while the other protocol works.
        Q_EMIT held();
        return;
    }
    ++m_generation;
    m_stepTls = {};
    m_stepClock.start();
    m_timeout.start(m_options.stepTimeoutMs);
    step.run();
}

void ConnectivityClient::extendStepTimeout(int extraMs)
{
    m_timeout.start(std::max(0, m_timeout.remainingTime()) + extraMs);
}

void ConnectivityClient::succeed(const QString& detail)
{
    endStep(StepResult::Success, detail, {});
}

void ConnectivityClient::fail(const QString& error)
{
    endStep(StepResult::Failure, {}, error);
}

void ConnectivityClient::skip(const QString& reason)
{
    endStep(StepResult::Skipped, reason, {});
}

void ConnectivityClient::endStep(StepResult result, const QString& detail, const QString& error)
{
    // Late events (a close after a timeout, a second error signal) find no step running.
    if (m_finished || m_held || m_stepIndex < 0 || m_stepIndex >= m_steps.size() || m_report.steps.size() > m_stepIndex)
        return;
    m_timeout.stop();
    ++m_generation;
    const Step& step = m_steps.at(m_stepIndex);
    StepReport r;
    r.step = step.id;
    r.title = step.title;
    r.result = result;
    r.latencyMs = m_stepClock.isValid() ? m_stepClock.elapsed() : 0;
    r.detail = detail;
    r.error = error;
    r.tls = m_stepTls;
    m_report.steps.append(r);
    if (result != StepResult::Failure) {
        runNext();
        return;
    }
    for (qsizetype i = m_stepIndex + 1; i < m_steps.size(); ++i) {
        StepReport s;
        s.step = m_steps.at(i).id;
        s.title = m_steps.at(i).title;
        s.result = StepResult::Skipped;
        s.detail = QStringLiteral("not run: \"%1\" failed").arg(step.title);
        m_report.steps.append(s);
    }
    m_stepIndex = m_steps.size();
    finish();
}

void ConnectivityClient::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_held = false;
    m_timeout.stop();
    ++m_generation;
    if (isConnected() && !m_handshaking && !m_tlsBroken)
        sayGoodbye();
    else
        closeSocket();
    Q_EMIT finished();
}

void ConnectivityClient::openSocket(Then then)
{
    closeSocket();
    m_socket = std::make_unique<QSslSocket>();
    QSslSocket* s = m_socket.get();
    QSslConfiguration config = s->sslConfiguration();
    // Verify always, so the report says what is wrong with the certificate even when the
    // admin chose to trust it anyway.
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    s->setSslConfiguration(config);
    s->setPeerVerifyName(m_options.verifyName.isEmpty() ? m_options.host : m_options.verifyName);
    m_expectClose = false;
    m_handshaking = false;
    m_tlsBroken = false;
    m_onConnected = std::move(then);
    connect(s, &QSslSocket::connected, this, [this, s] {
        if (m_report.localPort == 0) {
            m_report.localPort = s->localPort();
            m_report.localAddress = s->localAddress().toString();
        }
        if (m_onConnected) {
            Then next = std::move(m_onConnected);
            m_onConnected = nullptr;
            next();
        }
    });
    connect(s, &QSslSocket::encrypted, this, [this, s] {
        m_handshaking = false;
        m_stepTls = QJsonObject {
            { QStringLiteral("protocol"), s->sessionCipher().protocolString() },
            { QStringLiteral("cipher"), s->sessionCipher().name() },
            { QStringLiteral("subject"), certificateSubject(s->peerCertificate()) },
            { QStringLiteral("issuer"), certificateIssuer(s->peerCertificate()) },
            { QStringLiteral("expires"), s->peerCertificate().expiryDate().toUTC().toString(Qt::ISODate) },
            { QStringLiteral("selfSigned"), s->peerCertificate().isSelfSigned() },
            { QStringLiteral("trusted"), m_sslErrors.isEmpty() },
        };
        if (m_onEncrypted) {
            Then next = std::move(m_onEncrypted);
            m_onEncrypted = nullptr;
            next();
        }
    });
    connect(s, &QSslSocket::sslErrors, this, [this, s](const QList<QSslError>& errors) {
        m_sslErrors = errors;
        if (m_options.trustAnyCertificate)
            s->ignoreSslErrors();
    });
    connect(s, &QSslSocket::readyRead, this, &ConnectivityClient::onReadyRead);
    connect(s, &QSslSocket::disconnected, this, &ConnectivityClient::onDisconnected);
    connect(s, &QSslSocket::errorOccurred, this, &ConnectivityClient::onSocketError);
    s->connectToHost(m_options.host, m_options.port);
}

void ConnectivityClient::encrypt(Then then)
{
    if (!m_socket) {
        fail(QStringLiteral("not connected"));
        return;
    }
    m_onEncrypted = std::move(then);
    m_handshaking = true;
    m_sslErrors.clear();
    m_socket->startClientEncryption();
}

void ConnectivityClient::closeSocket()
{
    if (!m_socket)
        return;
    QSslSocket* old = m_socket.release();
    old->disconnect(this);
    old->disconnectFromHost();
    // Deleted later: this may run inside one of the socket's own signals.
    connect(old, &QSslSocket::disconnected, old, &QObject::deleteLater);
    if (old->state() == QAbstractSocket::UnconnectedState)
        old->deleteLater();
    else
        QTimer::singleShot(2000, old, [old] {
            old->abort();
            old->deleteLater();
        });
}

bool ConnectivityClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool ConnectivityClient::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

void ConnectivityClient::sendLine(const QByteArray& line)
{
    sendRaw(line + "\r\n");
}

void ConnectivityClient::sendRaw(const QByteArray& bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

void ConnectivityClient::noteSessionOpened()
{
    if (m_sessionNoted)
        return;
    m_sessionNoted = true;
    Q_EMIT sessionOpened(m_report.localPort);
}

void ConnectivityClient::after(int ms, Then then)
{
    const quint64 generation = m_generation;
    QTimer::singleShot(ms, this, [this, generation, then = std::move(then)] {
        if (generation == m_generation && !m_finished)
            then();
    });
}

QString ConnectivityClient::tlsSummary() const
{
    if (!m_socket || !m_socket->isEncrypted())
        return {};
    const QSslCertificate cert = m_socket->peerCertificate();
    QString s = QStringLiteral("%1, %2; certificate %3 issued by %4, valid until %5")
                    .arg(m_socket->sessionCipher().protocolString(), m_socket->sessionCipher().name(),
                        certificateSubject(cert), certificateIssuer(cert),
                        cert.expiryDate().toUTC().toString(QStringLiteral("yyyy-MM-dd")));
    if (!m_sslErrors.isEmpty())
        s += QStringLiteral(" (not trusted: %1; accepted because 'trust any certificate' is on)")
                 .arg(explainTlsErrors(m_sslErrors, m_socket->peerVerifyName()).section(QLatin1Char(':'), 0, 0));
    return s;
}

QString ConnectivityClient::loginFailure(const QString& serverText, const QString& protocolLabel)
{
    QString text = serverText.trimmed();
    // Response codes ("[AUTH]", "[AUTHENTICATIONFAILED]", "5.7.8") say nothing to an admin.
    while (text.startsWith(QLatin1Char('['))) {
        const qsizetype end = text.indexOf(QLatin1Char(']'));
        if (end < 0)
            break;
        text = text.mid(end + 1).trimmed();
    }
    if (text.size() > 6 && text.at(0).isDigit() && text.at(1) == QLatin1Char('.'))
        text = text.section(QLatin1Char(' '), 1).trimmed();
    const QString lower = text.toLower();
    if (text.isEmpty() || lower.startsWith(QLatin1String("authentication failed"))
        || lower.contains(QLatin1String("credentials invalid")))
        return QStringLiteral("authentication failed: wrong user name or password, or the account may not use %1 "
                              "(the server said \"%2\")")
            .arg(protocolLabel, text);
    return QStringLiteral("the login was refused: %1").arg(text);
}

void ConnectivityClient::onReadyRead()
{
    QSslSocket* s = m_socket.get();
    while (s && s == m_socket.get() && !m_finished && s->canReadLine()) {
        QByteArray line = s->readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        onLine(line);
    }
    if (s && s == m_socket.get() && !m_finished && s->bytesAvailable() > kMaxLineBytes)
        fail(QStringLiteral("the server sent more than %1 bytes without a line end: it does not speak %2 here")
                 .arg(kMaxLineBytes)
                 .arg(m_report.protocol.toUpper()));
}

void ConnectivityClient::onDisconnected()
{
    if (m_finished || m_expectClose)
        return;
    if (m_handshaking) {
        onSocketError(QAbstractSocket::SslHandshakeFailedError);
        return;
    }
    fail(QStringLiteral("the server closed the connection: look at this session in the protocol log for the reason"));
}

void ConnectivityClient::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_finished || (m_expectClose && error == QAbstractSocket::RemoteHostClosedError))
        return;
    if (m_handshaking) {
        m_handshaking = false;
        m_tlsBroken = true;
        if (!m_sslErrors.isEmpty()) {
            const QSslCertificate cert = m_sslErrors.first().certificate();
            if (!cert.isNull())
                m_stepTls = QJsonObject {
                    { QStringLiteral("subject"), certificateSubject(cert) },
                    { QStringLiteral("issuer"), certificateIssuer(cert) },
                    { QStringLiteral("expires"), cert.expiryDate().toUTC().toString(Qt::ISODate) },
                    { QStringLiteral("selfSigned"), cert.isSelfSigned() },
                    { QStringLiteral("trusted"), false },
                };
            fail(explainTlsErrors(m_sslErrors, m_socket ? m_socket->peerVerifyName() : m_options.host));
        } else {
            fail(QStringLiteral("the TLS handshake failed (%1): the server may not speak TLS on this port, or it "
                                "has no certificate assigned (`tegamictl cert list`)")
                     .arg(m_socket ? m_socket->errorString() : QString()));
        }
        return;
    }
    fail(explainSocketError(error));
}

QString ConnectivityClient::explainSocketError(QAbstractSocket::SocketError error) const
{
    const QString where = QStringLiteral("%1:%2").arg(m_options.host).arg(m_options.port);
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("nothing accepts connections on %1: enable %2 and check its listeners "
                              "(`tegamictl listeners`)")
            .arg(where, m_report.protocol.toUpper());
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("the host name %1 cannot be resolved: check the name and the DNS").arg(m_options.host);
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral(
            "the server closed the connection: look at this session in the protocol log for the reason");
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("no answer from %1: a firewall may drop the connection").arg(where);
    default:
        return QStringLiteral("the connection to %1 failed: %2")
            .arg(where, m_socket ? m_socket->errorString() : QStringLiteral("unknown error"));
    }
}

void ConnectivityClient::onTimeout()
{
    if (m_stepIndex < 0 || m_stepIndex >= m_steps.size())
        return;
    const Step& step = m_steps.at(m_stepIndex);
    const int secs = std::max(1, m_options.stepTimeoutMs / 1000);
    if (step.id == QLatin1String("connect"))
        fail(QStringLiteral("no answer from %1:%2 within %3 s: a firewall may drop the connection, or the server is "
                            "overloaded")
                 .arg(m_options.host)
                 .arg(m_options.port)
                 .arg(secs));
    else
        fail(QStringLiteral("no answer within %1 s while \"%2\": the server may be overloaded, or this port may serve "
                            "another protocol")
                 .arg(secs)
                 .arg(step.title));
}

void ConnectivityClient::addConnectSteps()
{
    addStep(QStringLiteral("connect"), QStringLiteral("Connect"), [this] { stepConnect(); });
    addStep(QStringLiteral("tls"), QStringLiteral("TLS handshake"), [this] { stepTls(); });
}

void ConnectivityClient::stepConnect()
{
    openSocket([this] {
        const QString where = QStringLiteral("connected to %1:%2").arg(options().host).arg(options().port);
        // With implicit TLS the greeting comes after the handshake, in the next step.
        if (options().security == ConnectionSecurity::Tls) {
            succeed(where);
            return;
        }
        readGreeting([this, where] { succeed(where); });
    });
}

void ConnectivityClient::stepTls()
{
    switch (options().security) {
    case ConnectionSecurity::Plain:
        skip(QStringLiteral("not encrypted: the test uses a plain connection"));
        return;
    case ConnectionSecurity::Tls:
        encrypt([this] { readGreeting([this] { succeed(tlsSummary()); }); });
        return;
    case ConnectionSecurity::StartTls:
        startTls();
        return;
    }
}

bool ConnectivityClient::noMessageToFind()
{
    if (options().loginOnly) {
        skip(QStringLiteral("login only"));
        return true;
    }
    if (options().token.isEmpty()) {
        skip(options().noMessageReason.isEmpty() ? QStringLiteral("no test message was sent")
                                                 : options().noMessageReason);
        return true;
    }
    return false;
}

} // namespace tegami
