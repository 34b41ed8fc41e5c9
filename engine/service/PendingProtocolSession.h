#pragma once

#include "net/SessionFactory.h"

#include <QObject>
#include <QTimer>

namespace tegami {

class Settings;

// TODO(tegami): replaced protocol by protocol by the SMTP, POP3 and IMAP issues.
// Until a protocol's real sessions exist, its listeners run this stand-in. It speaks
// just enough of the protocol to greet, list capabilities, negotiate STARTTLS/STLS (so
// an admin can check TLS with `openssl s_client -starttls ...`) and say goodbye; every
// other command gets the protocol's temporary "not available yet" reply, so senders
// retry later and nothing is lost.
class PendingProtocolSession : public QObject {
    Q_OBJECT
public:
    PendingProtocolSession(Connection connection, const Settings& settings, const TlsProvider* tls);
    ~PendingProtocolSession() override;

    void start();

private:
    void readLines();
    void handle(const QByteArray& line);
    void handleSmtp(const QByteArray& verb, const QByteArray& line);
    void handlePop3(const QByteArray& verb);
    void handleImap(const QByteArray& tag, const QByteArray& verb);
    void reply(const QByteArray& text);
    void close(const QString& reason);
    void startTls(const QByteArray& goAhead);
    bool tlsActive() const;
    bool tlsOffered() const;

    Connection m_connection;
    const Settings& m_settings;
    const TlsProvider* m_tls;
    QByteArray m_buffer;
    QTimer m_idle;
    int m_errors = 0;
    bool m_closing = false;
    bool m_upgrading = false;
};

class PendingProtocolSessionFactory final : public SessionFactory {
public:
    PendingProtocolSessionFactory(Protocol protocol, const Settings& settings, const TlsProvider* tls);
    void startSession(Connection connection) override;
    QByteArray refusal(const QString& reason) const override;
    bool protocolLogEnabled() const override;

private:
    Protocol m_protocol;
    const Settings& m_settings;
    const TlsProvider* m_tls;
};

} // namespace tegami
