#pragma once

#include "core/Result.h"

#include <QString>

namespace tegami {

// A validated, normalised mailbox address. Two spellings of the same address
// ("Alice@EXAMPLE.com", "alice@example.com", "user@xn--r8jz45g.jp" / "user@例え.jp")
// normalise to equal values, so the normalised string is the key everywhere.
struct EmailAddress {
    QString local; // dot-atom, lower-case, NFC (may hold UTF-8 letters, RFC 6531)
    QString domain; // Unicode U-label form, lower-case, NFC: "例え.jp"
    QString domainAce; // ASCII (punycode) form for DNS and non-SMTPUTF8 peers: "xn--r8jz45g.jp"

    QString toString() const { return local + QLatin1Char('@') + domain; }
    QString toAceString() const { return local + QLatin1Char('@') + domainAce; }
    // True when the address needs SMTPUTF8 to travel (a non-ASCII local part).
    bool needsSmtpUtf8() const;

    friend bool operator==(const EmailAddress& a, const EmailAddress& b)
    {
        return a.local == b.local && a.domain == b.domain;
    }
};

inline constexpr int maxLocalPartOctets = 64;
inline constexpr int maxDomainOctets = 255;
inline constexpr int maxLabelOctets = 63;

// Parses "local@domain". Surrounding whitespace is ignored; everything else that is not a
// plain dot-atom address is refused with a message naming the problem: quoted local parts,
// source routes (@a:b@c), the percent hack (a%b@c), bang paths (a!b@c), more than one '@',
// address literals ([192.0.2.1]), bad dots, over-long parts. `field` names the input in errors.
Result<EmailAddress> parseAddress(const QString& text, const QString& field = QStringLiteral("address"));

// Validates a domain name (Unicode or ACE) and returns its Unicode, lower-case, NFC form.
Result<QString> normaliseDomain(const QString& domain, const QString& field = QStringLiteral("domain"));

// The same as normaliseDomain() but also returns the ACE form.
struct DomainName {
    QString unicode;
    QString ace;
};
Result<DomainName> parseDomain(const QString& domain, const QString& field = QStringLiteral("domain"));

} // namespace tegami
