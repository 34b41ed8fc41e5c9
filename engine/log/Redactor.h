#pragma once

#include "core/Protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tegami {

// Masks credentials in one session's traffic before it becomes a log event, so passwords,
// SASL payloads and their continuation lines never reach a file or the live stream.
//
// It is stateful: a SASL exchange spans several client lines, and only the server's
// replies tell when it ends, so the session must pass every line in wire order:
// client() for each line read (before acting on it), server() for each line sent.
// Covered: SMTP/submission AUTH (any mechanism, initial response, 334 continuations, "*"
// cancel); POP3 PASS, APOP, AUTH; IMAP LOGIN (atoms, quoted strings, literals) and
// AUTHENTICATE. When in doubt it masks more: an unknown SASL mechanism is masked like PLAIN.
class Redactor {
public:
    static constexpr const char* kMask = "********";

    explicit Redactor(Protocol protocol);

    // The line as it may be logged: the same bytes, with secrets replaced by kMask.
    // A trailing CRLF or LF is kept.
    QByteArray client(QByteArrayView line);
    void server(QByteArrayView line);
    // For callers holding text (separate names: QByteArray converts to both QString and views).
    QString clientText(const QString& line);
    void serverText(const QString& line);

    // True while whole client lines are masked (inside an AUTH exchange, or the rest of
    // an IMAP LOGIN sent as literals).
    bool inSecretExchange() const { return m_state != State::Commands; }

private:
    enum class State {
        Commands,            // ordinary command lines
        AuthPending,         // AUTH sent; the server has not answered yet
        SaslExchange,        // the server asked for a continuation (334 / "+ ")
        ImapLoginContinues,  // IMAP LOGIN with a literal: the rest arrives on later lines
    };

    QByteArray clientSmtp(QByteArrayView body);
    QByteArray clientPop3(QByteArrayView body);
    QByteArray clientImap(QByteArrayView body);
    void serverSmtp(QByteArrayView body);
    void serverPop3(QByteArrayView body);
    void serverImap(QByteArrayView body);

    Protocol m_protocol;
    State m_state = State::Commands;
    QByteArray m_imapTag; // the tag whose tagged reply ends the IMAP exchange
};

} // namespace tegami
