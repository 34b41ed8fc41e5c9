#pragma once

#include "diag/ClientSettings.h"

#include <QString>

namespace tegami {

// Outlook's "Plain Old XML" Autodiscover answer for an IMAP/POP3 account (what
// https://autodiscover.DOMAIN/autodiscover/autodiscover.xml returns): an Account of type
// email with one Protocol element each for IMAP, POP3 and SMTP, the card's preferred entry of
// each (IMAP first, so Outlook picks it over POP3). SSL on|off and Encryption SSL (implicit
// TLS), TLS (STARTTLS) or None; SPA off (the password goes inside TLS); AuthRequired on.
// LoginName is `emailAddress` when given; without it the element is left out and Outlook
// logs in with the address the user typed, which is the user name Tegami expects.
QString autodiscoverXml(const ClientScope& scope, const QString& emailAddress = {});

// The Encryption element for the card's security: "SSL", "TLS" or "None".
QString autodiscoverEncryption(const QString& security);

inline constexpr const char* kAutodiscoverResponseNs
    = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
inline constexpr const char* kAutodiscoverOutlookNs
    = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

} // namespace tegami
