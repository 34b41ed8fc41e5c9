#pragma once

#include "diag/ClientSettings.h"

#include <QString>
#include <QStringList>

namespace tegami {

// What Thunderbird's config-v1.1 file says about the provider besides the servers.
struct AutoconfigOptions {
    QString domain; // the emailProvider id and first <domain>
    QStringList otherDomains; // further <domain> elements (more domains served by the same servers)
    QString displayName; // empty: the domain
    QString displayShortName; // empty: the domain's first label
};

// Thunderbird's autoconfig file (https://autoconfig.DOMAIN/mail/config-v1.1.xml, or
// .well-known/autoconfig/mail/config-v1.1.xml): clientConfig version="1.1" with one
// emailProvider; incomingServer elements for IMAP (first: it keeps mail on the server for
// several devices) then POP3, and outgoingServer elements for SMTP submission, each list in
// the card's order (the client tries them in turn). The user name is %EMAILADDRESS%, the
// authentication password-cleartext (the password goes inside TLS).
QString autoconfigXml(const ClientScope& scope, const AutoconfigOptions& options);

// config-v1.1 names for the card's security: "SSL", "STARTTLS", "plain".
QString autoconfigSocketType(const QString& security);

} // namespace tegami
