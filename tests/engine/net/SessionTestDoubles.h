#pragma once

// What every protocol's session tests put in place of a socket and of the certificate
// store: a transport that records what the session sends (with socket-like backpressure
// when asked), and a TLS provider that offers TLS or says why it cannot.

#include "core/Protocol.h"
#include "net/SessionFactory.h"
#include "net/SessionTransport.h"

#include <QByteArray>
#include <QSslConfiguration>

#include <optional>
#include <utility>

namespace tegami::testing {

class FakeTlsProvider : public TlsProvider {
public:
    std::optional<QSslConfiguration> serverConfiguration(Protocol protocol, QString* problem) const override
    {
        if (configuration)
            return configuration;
        *problem = QStringLiteral("no certificate is assigned to %1").arg(protocolName(protocol));
        return std::nullopt;
    }
    // Empty: TLS cannot be offered.
    std::optional<QSslConfiguration> configuration = QSslConfiguration::defaultConfiguration();
};

class RecordingTransport : public SessionTransport {
public:
    void send(QByteArrayView bytes) override
    {
        output += bytes.toByteArray();
        ++sends;
        if (sendsAllowed > 0)
            --sendsAllowed;
    }
    // Backpressure as a socket would apply it: -1 never blocks, n allows n more sends.
    bool canSend() const override { return sendsAllowed != 0; }
    void startTls(const QSslConfiguration&) override { ++tlsStarts; }
    void close(const QString& reason) override
    {
        closed = true;
        closeReason = reason;
    }
    void inputWanted() override { ++inputWants; }
    TlsSessionInfo tlsInfo() const override { return tls; }

    QByteArray take() { return std::exchange(output, QByteArray()); }

    QByteArray output;
    int sendsAllowed = -1;
    int sends = 0;
    bool closed = false;
    QString closeReason;
    int tlsStarts = 0;
    int inputWants = 0;
    TlsSessionInfo tls { QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"), 256, 256 };
};

} // namespace tegami::testing
