#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tegami {

// What a finished SASL exchange yielded.
struct SmtpSaslCredentials {
    QString username;
    QString password;
};

// One step of an exchange: send a challenge and wait, or finished one way or another.
struct SmtpSaslStep {
    enum class Kind { Challenge, Done, Failed, Cancelled };
    Kind kind = Kind::Failed;
    QByteArray challenge; // Challenge: base64 text for "334 <challenge>"
    SmtpSaslCredentials credentials; // Done
    QString error; // Failed: what was wrong with the client's data, for the client and the log
};

// TODO(tegami): the same as pop3's SaslExchange (smtp comes before pop3 in the module
// order, so it cannot use it); both should move to accounts.
// The server side of the SASL mechanisms SMTP AUTH offers (RFC 4954): PLAIN (RFC 4616) and LOGIN
// (draft-murchison-sasl-login). Pure: base64 lines in, steps out. Both send the password
// itself, which is why they are only offered over TLS unless the admin allows plain text.
class SmtpSaslExchange {
public:
    static QByteArrayList mechanisms() { return { "PLAIN", "LOGIN" }; }
    static bool isSupported(QByteArrayView mechanism); // case-insensitive

    explicit SmtpSaslExchange(QByteArrayView mechanism);
    QByteArray mechanism() const { return m_mechanism; }

    // RFC 4954: the client may send a first response with AUTH ("=" stands for empty).
    SmtpSaslStep start(const std::optional<QByteArray>& initialResponse);
    // One continuation line from the client (without its line ending); "*" cancels.
    SmtpSaslStep respond(QByteArrayView line);

private:
    SmtpSaslStep takePlain(QByteArrayView base64);
    SmtpSaslStep takeLoginField(QByteArrayView base64);

    QByteArray m_mechanism;
    int m_loginStep = 0; // LOGIN: 0 = username expected, 1 = password expected
    QString m_username;
};

// Strict base64 as SASL uses it: nullopt for anything else (so a client bug is reported
// rather than guessed at).
std::optional<QByteArray> decodeSmtpSaslBase64(QByteArrayView text);

} // namespace tegami
