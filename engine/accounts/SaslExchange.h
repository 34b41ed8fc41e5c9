#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tegami {

// What a finished SASL exchange yielded.
struct SaslCredentials {
    QString username;
    QString password;
};

// One step of an exchange: send a challenge and wait, or finished one way or another.
struct SaslStep {
    enum class Kind { Challenge, Done, Failed, Cancelled };
    Kind kind = Kind::Failed;
    QByteArray challenge; // Challenge: base64 text ("+ <challenge>" in POP3 and IMAP, "334 <challenge>" in SMTP)
    SaslCredentials credentials; // Done
    QString error; // Failed: what was wrong with the client's data, for the client and the log
};

// The server side of the SASL mechanisms POP3, SMTP and IMAP offer: PLAIN (RFC 4616) and LOGIN
// (draft-murchison-sasl-login). Pure: base64 lines in, steps out. Both send the password
// itself, which is why they are only offered over TLS unless the admin allows plain text.
class SaslExchange {
public:
    static QByteArrayList mechanisms() { return { "PLAIN", "LOGIN" }; }
    static bool isSupported(QByteArrayView mechanism); // case-insensitive

    explicit SaslExchange(QByteArrayView mechanism);
    QByteArray mechanism() const { return m_mechanism; }

    // RFC 5034, 4954 and 4959: the client may send a first response with the command ("=" stands for empty).
    SaslStep start(const std::optional<QByteArray>& initialResponse);
    // One continuation line from the client (without its line ending); "*" cancels.
    SaslStep respond(QByteArrayView line);

private:
    SaslStep takePlain(QByteArrayView base64);
    SaslStep takeLoginField(QByteArrayView base64);

    QByteArray m_mechanism;
    int m_loginStep = 0; // LOGIN: 0 = username expected, 1 = password expected
    QString m_username;
};

// Strict base64 as SASL uses it: nullopt for anything else (so a client bug is reported
// rather than guessed at).
std::optional<QByteArray> decodeSaslBase64(QByteArrayView text);

} // namespace tegami
