#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSslError>
#include <QString>

#include <optional>

class QSslCertificate;

namespace tegami {

// How a connectivity test connects: Exchange's ConnectionType Plaintext / Tls / Ssl.
enum class ConnectionSecurity { Plain, StartTls, Tls };
QString connectionSecurityName(ConnectionSecurity s); // "plain", "starttls", "tls"
std::optional<ConnectionSecurity> connectionSecurityFromName(const QString& name);

// What one step of a connectivity test ended with (Test-PopConnectivity's Result).
enum class StepResult { Success, Skipped, Failure };
QString stepResultName(StepResult r); // "success", "skipped", "failure"

struct ConnectivityOptions {
    QString host;
    quint16 port = 0;
    ConnectionSecurity security = ConnectionSecurity::Tls;
    QString user;
    QString password; // used on the wire only, never recorded
    bool trustAnyCertificate = false;
    bool loginOnly = false; // stop after login (and SELECT INBOX / STAT)
    int stepTimeoutMs = 10000;
    int findWaitMs = 30000; // how long IMAP and POP3 look for the test message before giving up
    int pollIntervalMs = 300;
    // The name the certificate must match (the listener's FQDN when the test connects to a
    // loopback address a real client would not use); empty: the host.
    QString verifyName;
    // SMTP: the subject token of the message to submit; IMAP/POP3: the token to look for.
    // Empty for IMAP/POP3: no test message was sent, and `noMessageReason` says why.
    QString token;
    QString noMessageReason;
    QString recipient; // SMTP: where the test message goes (default: user)
};

struct StepReport {
    QString step; // "connect", "tls", "login", "select", "stat", "submit", "find", "delete"
    QString title;
    StepResult result = StepResult::Skipped;
    qint64 latencyMs = 0;
    QString detail;
    QString error;
    QJsonObject tls; // the tls step: protocol, cipher, subject, issuer, expires, selfSigned

    QJsonObject toJson() const;
};

struct ProtocolReport {
    QString protocol; // "pop3", "imap", "smtp"
    QString host;
    quint16 port = 0;
    ConnectionSecurity security = ConnectionSecurity::Tls;
    QString localAddress; // of the test's first connection: the server's "remote"
    quint16 localPort = 0;
    QString sessionId; // the server's protocol-log session (filled in by the service)
    QList<StepReport> steps;

    bool passed() const; // no step failed
    QJsonObject toJson() const;
};

// The message SMTP submits: a Subject carrying the token, so IMAP and POP3 find exactly it.
QByteArray connectivityTestMessage(const QString& from, const QString& to, const QString& token);
QString connectivityTestSubject(const QString& token);
// A fresh random token ("tegami-test-3f2a9c1b0d4e").
QString newConnectivityToken();

// Why a TLS handshake failed, in words an admin can act on (the first error that matters).
QString explainTlsErrors(const QList<QSslError>& errors, const QString& verifyName);
// "CN=mail.example.com" style one-liners of a certificate's subject and issuer.
QString certificateSubject(const QSslCertificate& certificate);
QString certificateIssuer(const QSslCertificate& certificate);

} // namespace tegami
