#pragma once

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tegami {

// One listener the admin wants: a protocol on an address and port with its encryption.
// security: "tls" (implicit TLS, tlsBindings), "starttls" (plain port that offers STARTTLS,
// bindings) or "none" (the same plain port, but passwords are allowed without TLS).
struct ListenerChoice {
    QString protocol; // smtp, submission, pop3, imap
    QString security = QStringLiteral("tls");
    QString address = QStringLiteral("0.0.0.0");
    int port = 0;

    QString binding() const;
    bool operator==(const ListenerChoice&) const = default;
};

// What a protocol should look like after the wizard: on or off, its listeners and its login rule.
// TODO(tegami): one encryption per protocol: choosing implicit TLS removes the plain/STARTTLS
// binding and the other way round (the summary says so); the ports wizard keeps both.
struct ProtocolChoice {
    QString protocol;
    bool enabled = false;
    QString security = QStringLiteral("tls");
    // pop3/imap: secureLogin, plainTextAuthentication, plainTextLogin. submission: requireTls or
    // allowPlain (submission.requireTlsForAuth). smtp: none.
    QString loginType = QStringLiteral("secureLogin");
};

// A first mailbox of the first-run wizard.
struct NewMailboxChoice {
    QString address;
    QString displayName;
    QString password;
};

// How the wizard gets its certificate. Generate and the imports happen at apply time (the
// first-run wizard has no FQDN on the service before then); csr and complete are the
// certificate wizard's.
struct CertificateChoice {
    enum class Source { Keep, Generate, ImportPem, ImportPkcs12, CreateCsr, CompleteCsr };
    Source source = Source::Generate;
    QString commonName; // generate, csr
    QStringList extraNames;
    int validityDays = 825;
    QString organisation, country; // csr
    QByteArray pem, key; // import pem, complete (pem)
    QString passphrase;
    QByteArray pkcs12;
    QString pendingId; // complete
    QString assignTo = QStringLiteral("default"); // default or a protocol
    bool force = false; // assign although it does not match some listener
};

// The service as the wizard found it (config.get, listener.list, status, cert.list), so
// pages can show what is there and the apply step can put back what it changed.
struct ServiceSnapshot {
    QJsonArray fields;
    QJsonArray listeners;
    QJsonObject status;
    QJsonObject certificates;

    QJsonValue value(const QString& key) const;
    QString effectiveFqdn() const; // status.fqdn
    // The name clients use for a protocol's listeners: <protocol>.fqdn, else server.fqdn.
    QString listenerFqdn(const QString& protocol, const QString& serverFqdnOverride = {}) const;
    bool protocolEnabled(const QString& protocol) const;
    // The listeners of the current bindings of a protocol (both lists).
    QList<ListenerChoice> configuredListeners(const QString& protocol) const;
    bool isFresh() const; // no domain and no mailbox
};

namespace wizard {

QStringList protocols(); // submission, imap, pop3, smtp: the order the wizards show them
QString protocolLabel(const QString& protocol);
int defaultPort(const QString& protocol, const QString& security);
QString securityLabel(const QString& security);
QString loginTypeLabel(const QString& loginType);
// Host name syntax as the service checks server.fqdn; empty when fine.
QString hostNameProblem(const QString& name);

} // namespace wizard

} // namespace tegami
