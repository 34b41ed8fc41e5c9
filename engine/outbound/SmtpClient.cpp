#include "outbound/SmtpClient.h"

#include "log/LogEvent.h"
#include "log/LogSession.h"
#include "tls/TlsPolicy.h"

#include <QScopedValueRollback>
#include <QSslSocket>

#include <algorithm>

namespace tegami {

namespace {

constexpr qint64 kReadChunk = 16 * 1024;
constexpr qint64 kFileChunk = 64 * 1024;
// Message data is read from the file only while less than this waits to be sent.
constexpr qint64 kHighWaterMark = 256 * 1024;

int scale(int ms, double factor)
{
    return std::max(1, int(ms * factor));
}

} // namespace

SmtpTimeouts SmtpTimeouts::scaled(double factor) const
{
    SmtpTimeouts t = *this;
    t.greetingMs = scale(greetingMs, factor);
    t.commandMs = scale(commandMs, factor);
    t.tlsMs = scale(tlsMs, factor);
    t.dataInitMs = scale(dataInitMs, factor);
    t.dataBlockMs = scale(dataBlockMs, factor);
    t.dataEndMs = scale(dataEndMs, factor);
    t.quitMs = scale(quitMs, factor);
    return t;
}

SmtpClient::SmtpClient(SmtpJob job, ProtocolLog* log, bool logEnabled, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_job(std::move(job))
    , m_log(log)
    , m_logEnabled(logEnabled)
    , m_clock(clock)
    , m_sid(LogSession::newSessionId())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpClient::timedOut);
    for (const EnvelopeRecipient& r : m_job.delivery.recipients) {
        RecipientResult result;
        result.address = r.address;
        m_results.push_back(result);
    }
    m_accepted.assign(m_results.size(), false);
}

SmtpClient::~SmtpClient()
{
    if (m_socket)
        m_socket->disconnect(this);
    if (m_session && m_phase != Phase::Closed)
        m_session->disconnected(QStringLiteral("connection dropped"));
}

QString SmtpClient::sessionId() const
{
    return m_sid;
}

QString SmtpClient::hostName() const
{
    return describeHost(m_job.hop.host, m_job.address);
}

void SmtpClient::start(Done done)
{
    m_done = std::move(done);
    m_socket = new QSslSocket(this);
    m_socket->setReadBufferSize(64 * 1024);
    connect(m_socket, &QAbstractSocket::connected, this, &SmtpClient::connected);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpClient::encrypted);
    connect(m_socket, &QIODevice::readyRead, this, &SmtpClient::readInput);
    connect(m_socket, &QIODevice::bytesWritten, this, &SmtpClient::writeData);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &SmtpClient::writeData);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &SmtpClient::socketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &SmtpClient::peerClosed);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        // Qt reports certificate problems even without verification; opportunistic TLS
        // goes on regardless (encrypted() notes them).
        if (!m_job.hop.verifyCertificate)
            return;
        QStringList texts;
        for (const QSslError& e : errors)
            texts << e.errorString();
        tlsFailed(texts.join(QStringLiteral("; ")));
    });

    m_waitingFor = QStringLiteral("the connection");
    m_timer.start(m_job.timeouts.connectMs);
    if (m_job.hop.tls == HopTls::Implicit) {
        m_socket->setSslConfiguration(tlsConfiguration());
        m_socket->connectToHostEncrypted(m_job.address.toString(), m_job.hop.port, m_job.hop.host);
    } else {
        m_socket->connectToHost(m_job.address, m_job.hop.port);
    }
}

void SmtpClient::abort(const QString& reason)
{
    m_done = nullptr;
    closeConnection(reason);
}

void SmtpClient::note(const QString& text)
{
    if (m_session)
        m_session->note(text);
}

void SmtpClient::connected()
{
    m_session = std::make_unique<LogSession>(Protocol::Smtp,
        logEndpoint(m_socket->localAddress().toString(), m_socket->localPort()),
        logEndpoint(m_job.address.toString(), m_job.hop.port), m_log, m_logEnabled, &m_clock, m_sid);
    m_session->setContext(QStringLiteral("outbound"));
    m_session->connected();
    note(QStringLiteral("delivering queue id %1 for %2 (%3 recipient(s)) via %4, port %5")
             .arg(m_job.delivery.queueId, m_job.delivery.domain)
             .arg(m_job.delivery.recipients.size())
             .arg(hostName())
             .arg(m_job.hop.port));
    if (m_job.hop.tls == HopTls::Implicit) {
        m_phase = Phase::Handshake;
        m_waitingFor = QStringLiteral("the TLS handshake");
        m_timer.start(m_job.timeouts.connectMs);
        return;
    }
    m_phase = Phase::Commands;
    expect(&SmtpClient::onGreeting, m_job.timeouts.greetingMs, QStringLiteral("the greeting"));
}

QSslConfiguration SmtpClient::tlsConfiguration() const
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    conf.setCiphers(strongCiphers());
    conf.setSslOption(QSsl::SslOptionDisableCompression, true);
    if (m_job.hop.verifyCertificate) {
        conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!m_job.extraCaCertificates.isEmpty())
            conf.addCaCertificates(m_job.extraCaCertificates);
    } else {
        // Opportunistic TLS (RFC 7435): encrypt whatever the certificate, rather than send in plain text.
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    return conf;
}

void SmtpClient::startTlsHandshake()
{
    // RFC 3207 5 and CVE-2011-1575: nothing the server sent before the handshake may be
    // read as if it came over TLS.
    if (const qsizetype dropped = m_parser.discardBuffered() + m_socket->bytesAvailable(); dropped > 0) {
        m_socket->readAll();
        note(QStringLiteral("discarded %1 bytes the server sent after its STARTTLS reply").arg(dropped));
    }
    m_phase = Phase::Handshake;
    m_handler = nullptr;
    m_waitingFor = QStringLiteral("the TLS handshake");
    m_timer.start(m_job.timeouts.tlsMs);
    m_socket->setSslConfiguration(tlsConfiguration());
    m_socket->setPeerVerifyName(m_job.hop.host);
    m_socket->startClientEncryption();
}

void SmtpClient::encrypted()
{
    if (m_phase != Phase::Handshake)
        return;
    m_tlsActive = true;
    m_startTlsDone = true;
    QString certificate;
    const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
    if (!chain.isEmpty()) {
        const QSslCertificate& leaf = chain.first();
        certificate
            = QStringLiteral("; certificate %1, issued by %2").arg(leaf.subjectDisplayName(), leaf.issuerDisplayName());
        if (m_job.hop.verifyCertificate) {
            certificate += QStringLiteral(", verified");
        } else {
            const QList<QSslError> errors = QSslCertificate::verify(chain, m_job.hop.host);
            certificate += errors.isEmpty()
                ? QStringLiteral(", valid (not required)")
                : QStringLiteral(", not verified (%1; opportunistic TLS does not require it)")
                      .arg(errors.first().errorString());
        }
    }
    note(QStringLiteral("TLS established: %1%2").arg(describeTlsSession(*m_socket), certificate));
    m_session->setContext(QStringLiteral("outbound tls"));
    m_phase = Phase::Commands;
    if (m_job.hop.tls == HopTls::Implicit)
        expect(&SmtpClient::onGreeting, m_job.timeouts.greetingMs, QStringLiteral("the greeting"));
    else
        sendEhlo(); // RFC 3207 4.2: forget what was learnt before TLS
    readInput(); // data decrypted with the handshake's last records
}

void SmtpClient::tlsFailed(const QString& why)
{
    if (m_phase != Phase::Handshake && m_phase != Phase::Connecting)
        return;
    const QString text = QStringLiteral("TLS handshake with %1 failed: %2").arg(hostName(), why);
    note(text);
    if (m_job.hop.tls == HopTls::Opportunistic) {
        hostFailed(text + QStringLiteral(" (retrying without TLS)"), nullptr, true);
        return;
    }
    QString hint;
    if (m_job.hop.kind == HopKind::Smarthost && m_job.hop.verifyCertificate)
        hint = QStringLiteral(" (check the smarthost's name and certificate, or outbound.smarthostVerifyCertificate)");
    hostFailed(text + hint);
}

void SmtpClient::readInput()
{
    while (m_socket && m_phase != Phase::Closed && m_phase != Phase::Handshake && m_socket->bytesAvailable() > 0) {
        m_parser.feed(m_socket->read(kReadChunk));
        for (;;) {
            const SmtpReplyItem item = m_parser.next();
            if (item.kind == SmtpReplyItem::Kind::NeedMore)
                break;
            for (const QByteArray& line : item.rawLines) {
                if (m_session)
                    m_session->toClient(line);
            }
            if (item.kind == SmtpReplyItem::Kind::Error) {
                m_broken = true;
                const QString text = QStringLiteral("%1: %2").arg(hostName(), item.errorText);
                if (m_dataFinished)
                    failAll(RecipientResult::Status::TemporaryFailure, text, nullptr, QStringLiteral("4.5.0"));
                else
                    hostFailed(text);
                return;
            }
            if (m_phase == Phase::Data) {
                // A reply while we are still sending the message is the server's verdict on it
                // (552 message too big, 554 rejected); it will not read the rest.
                m_broken = true;
                m_timer.stop();
                onDataEnd(item.reply);
                return;
            }
            const Handler handler = std::exchange(m_handler, nullptr);
            if (!handler) {
                note(QStringLiteral("unexpected reply ignored"));
                continue;
            }
            m_timer.stop();
            (this->*handler)(item.reply);
            if (m_phase == Phase::Closed || m_phase == Phase::Handshake)
                return;
        }
    }
}

void SmtpClient::send(const QByteArray& line, Handler handler, int timeoutMs, const QString& what)
{
    if (m_session)
        m_session->fromClient(line);
    m_socket->write(line + "\r\n");
    expect(handler, timeoutMs, what);
}

void SmtpClient::expect(Handler handler, int timeoutMs, const QString& what)
{
    m_handler = handler;
    m_waitingFor = what;
    m_timer.start(timeoutMs);
}

void SmtpClient::writeData()
{
    if (m_phase != Phase::Data || m_writing)
        return;
    // QSslSocket may report progress from inside write(): no second loop inside the first.
    const QScopedValueRollback<bool> guard(m_writing, true);
    m_timer.start(m_job.timeouts.dataBlockMs); // progress: the data block timer starts again
    while (m_socket->bytesToWrite() < kHighWaterMark && !m_dataFinished) {
        const QByteArray chunk = m_message.read(kFileChunk);
        if (chunk.isEmpty()) {
            if (!m_message.atEnd() || m_message.error() != QFileDevice::NoError) {
                const QString text = QStringLiteral("cannot read the spool file %1: %2")
                                         .arg(m_message.fileName(), m_message.errorString());
                note(text);
                // The message is cut short: without the final "." the server discards it.
                failAll(RecipientResult::Status::TemporaryFailure, text, nullptr, QStringLiteral("4.3.0"));
                closeConnection(text);
                return;
            }
            const QByteArray end = m_encoder.finish();
            m_dataBytes += end.size();
            m_socket->write(end);
            m_dataFinished = true;
            m_message.close();
            if (m_encoder.bareLineEndings() > 0) {
                note(QStringLiteral("%1 bare CR or LF line endings in the spool file were sent as CRLF")
                         .arg(m_encoder.bareLineEndings()));
            }
            if (m_session)
                m_session->fromClient(QByteArrayLiteral("<message data: ") + QByteArray::number(m_dataBytes)
                    + QByteArrayLiteral(" bytes>"));
            m_phase = Phase::DataEnd;
            expect(&SmtpClient::onDataEnd, m_job.timeouts.dataEndMs, QStringLiteral("the reply to the message data"));
            return;
        }
        const QByteArray wire = m_encoder.encode(chunk);
        m_dataBytes += wire.size();
        m_socket->write(wire);
    }
}

void SmtpClient::socketError()
{
    if (m_phase == Phase::Closed)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (m_phase == Phase::Handshake
        || (m_phase == Phase::Connecting && m_job.hop.tls == HopTls::Implicit
            && error == QAbstractSocket::SslHandshakeFailedError)) {
        tlsFailed(m_socket->errorString());
        return;
    }
    if (m_phase == Phase::Quit) {
        closeConnection(m_socket->errorString());
        return;
    }
    m_broken = true;
    QString text;
    if (m_phase == Phase::Connecting) {
        text = error == QAbstractSocket::ConnectionRefusedError
            ? QStringLiteral("connection refused by %1 port %2").arg(hostName()).arg(m_job.hop.port)
            : QStringLiteral("cannot connect to %1 port %2: %3")
                  .arg(hostName())
                  .arg(m_job.hop.port)
                  .arg(m_socket->errorString());
    } else if (error == QAbstractSocket::RemoteHostClosedError) {
        text = QStringLiteral("%1 closed the connection while we waited for %2").arg(hostName(), m_waitingFor);
    } else {
        text = QStringLiteral("connection to %1 lost while we waited for %2: %3")
                   .arg(hostName(), m_waitingFor, m_socket->errorString());
    }
    readInput(); // a reply that arrived just before the close still counts
    if (m_phase == Phase::Closed || !m_done)
        return;
    if (m_dataFinished)
        failAll(RecipientResult::Status::TemporaryFailure,
            text + QStringLiteral(" (after the message was sent: it may have been delivered)"), nullptr,
            QStringLiteral("4.4.2"));
    else
        hostFailed(text);
}

void SmtpClient::peerClosed()
{
    if (m_phase == Phase::Closed)
        return;
    if (m_phase == Phase::Quit || !m_done) {
        closeConnection(QStringLiteral("closed by the server"));
        return;
    }
    socketError();
}

void SmtpClient::timedOut()
{
    if (m_phase == Phase::Closed)
        return;
    m_broken = true;
    const int ms = m_timer.interval();
    const QString text = QStringLiteral("no answer from %1 within %2 s while waiting for %3")
                             .arg(hostName(), QString::number(ms / 1000.0), m_waitingFor);
    note(text);
    if (m_phase == Phase::Quit) {
        closeConnection(QStringLiteral("no reply to QUIT"));
        return;
    }
    if (m_phase == Phase::Handshake) {
        tlsFailed(QStringLiteral("no handshake within %1 s").arg(ms / 1000));
        return;
    }
    if (m_dataFinished)
        failAll(RecipientResult::Status::TemporaryFailure,
            text + QStringLiteral(" (after the message was sent: it may have been delivered)"), nullptr,
            QStringLiteral("4.4.2"));
    else
        hostFailed(text);
    closeConnection(QStringLiteral("timeout"));
}

void SmtpClient::report(SmtpAttemptResult result)
{
    result.remoteHost = m_session ? hostName() : QString();
    if (result.remoteHost.isEmpty()) {
        for (RecipientResult& r : result.recipients)
            r.remoteHost.clear();
    }
    if (Done done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

void SmtpClient::hostFailed(const QString& text, const SmtpReply* reply, bool retryWithoutTls)
{
    SmtpAttemptResult result;
    result.hostFailed = true;
    result.text = text;
    result.retryWithoutTls = retryWithoutTls;
    if (reply) {
        result.replyCode = reply->code;
        result.enhancedCode = reply->enhancedCode;
        result.permanent = reply->isPermanent();
    }
    note(QStringLiteral("host failed: %1").arg(text));
    report(std::move(result));
    quit();
}

RecipientResult SmtpClient::resultFrom(const QString& address, const SmtpReply& reply) const
{
    RecipientResult r;
    r.address = address;
    r.status = reply.isPositive() ? RecipientResult::Status::Delivered
        : reply.isPermanent()     ? RecipientResult::Status::PermanentFailure
                                  : RecipientResult::Status::TemporaryFailure;
    r.replyCode = reply.code;
    r.enhancedCode = reply.enhancedCode;
    r.text = reply.text();
    r.remoteHost = hostName();
    return r;
}

void SmtpClient::failAll(
    RecipientResult::Status status, const QString& text, const SmtpReply* reply, const QString& enhancedCode)
{
    // Recipients the server already refused keep their own answer.
    for (size_t i = 0; i < m_results.size(); ++i) {
        if (m_results[i].replyCode != 0 && !m_accepted[i])
            continue;
        RecipientResult& r = m_results[i];
        r.status = status;
        r.replyCode = reply ? reply->code : 0;
        r.enhancedCode = reply && !reply->enhancedCode.isEmpty() ? reply->enhancedCode : enhancedCode;
        r.text = text;
        r.remoteHost = hostName();
    }
    finishWithResults();
}

void SmtpClient::finishWithResults()
{
    SmtpAttemptResult result;
    result.recipients = m_results;
    report(std::move(result));
    quit();
}

void SmtpClient::quit()
{
    if (m_phase == Phase::Closed || m_phase == Phase::Quit)
        return;
    if (m_broken || !m_session || m_phase == Phase::Connecting || m_phase == Phase::Handshake
        || m_socket->state() != QAbstractSocket::ConnectedState || (m_phase == Phase::Data && !m_dataFinished)) {
        // Mid-handshake or mid-message nothing polite can be said: just close.
        closeConnection(QStringLiteral("attempt over"));
        return;
    }
    m_phase = Phase::Quit;
    send("QUIT", &SmtpClient::onQuit, m_job.timeouts.quitMs, QStringLiteral("the reply to QUIT"));
}

void SmtpClient::onQuit(const SmtpReply&)
{
    closeConnection(QStringLiteral("QUIT"));
}

void SmtpClient::closeConnection(const QString& reason)
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_timer.stop();
    m_handler = nullptr;
    if (m_session)
        m_session->disconnected(reason);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    deleteLater();
}

} // namespace tegami
