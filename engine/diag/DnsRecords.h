#pragma once

#include "diag/ClientSettings.h"

#include <QString>

namespace tegami {

struct DnsRecordOptions {
    QString domain; // the mail domain: owner of the MX, SPF and SRV records
    QString mxHost; // the host other servers deliver to (the external host name)
    bool mxEnabled = true; // the inbound SMTP (MX) listener runs
    bool mxOnPort25 = true; // other servers only ever connect to port 25
    bool strictSpf = false; // "-all" (refuse mail from other hosts) instead of "~all" (soft fail)
    QString smarthost; // outbound.smarthost: mail leaves through it, so SPF must allow it
    int ttl = 3600;
};

// The records to publish for a domain, as zone-file lines with comments: the MX, an SPF TXT
// record (v=spf1 mx ~all, or -all; the comment says which and why), the RFC 6186 SRV records
// with RFC 8314's preference for implicit TLS (_submissions, _submission, _imaps, _imap,
// _pop3s, _pop3; a service that is not offered gets "0 0 0 ." so clients stop looking), and
// the autoconfig/autodiscover CNAMEs as commented hints. Names are in their ACE form.
QString dnsRecords(const ClientScope& scope, const DnsRecordOptions& options);

// "xn--bcher-kva.example." for "Bücher.example": the absolute ACE form of a name.
QString absoluteDnsName(const QString& name);

} // namespace tegami
