#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tegami {

// The client-facing services an admin enables. `Smtp` is the inbound MX (25);
// `Submission` is authenticated submission (587 STARTTLS, 465 implicit TLS).
enum class Protocol { Smtp, Submission, Pop3, Imap };

inline constexpr Protocol allProtocols[] = { Protocol::Smtp, Protocol::Submission, Protocol::Pop3, Protocol::Imap };

QString protocolName(Protocol p); // "smtp", "submission", "pop3", "imap"
std::optional<Protocol> protocolFromName(const QString& name); // case-insensitive
QStringList protocolNames();

// How a listener speaks TLS.
enum class TlsMode { None, StartTls, Implicit };
QString tlsModeName(TlsMode m); // "none", "starttls", "implicit"

} // namespace tegami
