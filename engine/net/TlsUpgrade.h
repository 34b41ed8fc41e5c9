#pragma once

#include <QSslConfiguration>

#include <functional>

class QSslSocket;

namespace tegami {

class LogSession;

// Runs the server side of a TLS handshake on a connected socket, for implicit TLS (at
// connect) and STARTTLS/STLS (mid-session) alike. The outcome goes to the protocol log
// (version and cipher, or why it failed) and then to `done` — exactly once, on the
// socket's thread. A handshake that has not finished within `timeoutMs` fails.
//
// STARTTLS injection: the caller must drop anything the client sent before the
// handshake (QSslSocket does not hand plain-text bytes over as decrypted data; callers
// clear their own buffers).
void upgradeToTls(QSslSocket* socket, const QSslConfiguration& configuration, LogSession& log,
    std::function<void(bool ok)> done, int timeoutMs = 30000);

} // namespace tegami
