#pragma once

#include "core/Result.h"

#include <QSslCertificate>
#include <QString>
#include <QStringList>

namespace tegami {

// One certificate name (a DNS SAN or the CN) against one host name, the RFC 6125 way:
// case-insensitive, a trailing dot ignored, internationalised names compared in their ACE
// ("xn--") form. A wildcard is allowed only as the whole left-most label and covers exactly
// one label: "*.example.com" matches "a.example.com" but neither "a.b.example.com" nor
// "example.com". "f*.example.com", "*" alone and "*.com" (fewer than two labels after the
// "*.") never match anything.
// TODO(tegami): patterns like "*.co.uk" pass the two-label rule; refusing them needs the
// Public Suffix List, which Qt 6.4 keeps private.
bool hostnameMatches(const QString& pattern, const QString& host);

// Whether a certificate is valid for `host` (a DNS name or an IP address): DNS names are
// matched against the DNS SANs when there are any, and against the subject CN only when
// there are none (RFC 6125 section 6.4.4); IP addresses only against IP SANs.
bool certificateMatchesHost(const QSslCertificate& cert, const QString& host);

// The names a certificate is for: its DNS and IP SANs, or its CNs when it has no SAN.
QStringList certificateNames(const QSslCertificate& cert); // DNS names first, then IP addresses

// Names an admin asks to put in a certificate, checked and split by kind.
struct SubjectNames {
    QStringList dns; // lower-case ACE form, possibly "*.example.com"
    QStringList ip; // canonical text of each address
};

// Checks one DNS name for a certificate and returns its lower-case ACE form ("Mail.例え.jp."
// -> "mail.xn--r8jz45g.jp"). `field` names the input in the error.
Result<QString> normaliseCertificateName(const QString& name, const QString& field);

// Checks and splits names ("mail.example.com", "*.example.com", "192.0.2.10", "::1");
// duplicates are dropped, order is kept.
Result<SubjectNames> parseSubjectNames(const QStringList& names, const QString& field);

} // namespace tegami
