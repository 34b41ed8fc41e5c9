#include "accounts/SaslExchange.h"

#include <QStringDecoder>

namespace tegami {

namespace {

SaslStep challenge(QByteArray text)
{
    SaslStep step;
    step.kind = SaslStep::Kind::Challenge;
    step.challenge = std::move(text);
    return step;
}

SaslStep failed(QString error)
{
    SaslStep step;
    step.kind = SaslStep::Kind::Failed;
    step.error = std::move(error);
    return step;
}

SaslStep done(QString username, QString password)
{
    SaslStep step;
    step.kind = SaslStep::Kind::Done;
    step.credentials = { std::move(username), std::move(password) };
    return step;
}

std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

std::optional<QByteArray> decodeSaslBase64(QByteArrayView text)
{
    if (text.size() % 4 != 0)
        return std::nullopt;
    QByteArray::FromBase64Result r
        = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return std::nullopt;
    return std::move(r.decoded);
}

bool SaslExchange::isSupported(QByteArrayView mechanism)
{
    for (const QByteArray& m : mechanisms()) {
        if (mechanism.compare(m, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

SaslExchange::SaslExchange(QByteArrayView mechanism)
    : m_mechanism(mechanism.toByteArray().toUpper())
{ }

SaslStep SaslExchange::start(const std::optional<QByteArray>& initialResponse)
{
    if (!isSupported(m_mechanism))
        return failed(QStringLiteral("unsupported mechanism; use PLAIN or LOGIN"));
    if (!initialResponse)
        return challenge(m_mechanism == "PLAIN" ? QByteArray() : QByteArray("Username:").toBase64());
    const QByteArrayView response = *initialResponse == "=" ? QByteArrayView() : QByteArrayView(*initialResponse);
    return m_mechanism == "PLAIN" ? takePlain(response) : takeLoginField(response);
}

SaslStep SaslExchange::respond(QByteArrayView line)
{
    if (line == "*") {
        SaslStep step;
        step.kind = SaslStep::Kind::Cancelled;
        return step;
    }
    return m_mechanism == "PLAIN" ? takePlain(line) : takeLoginField(line);
}

SaslStep SaslExchange::takePlain(QByteArrayView base64)
{
    const std::optional<QByteArray> decoded = decodeSaslBase64(base64);
    if (!decoded)
        return failed(QStringLiteral("the PLAIN response is not valid base64"));
    // authzid NUL authcid NUL password
    const QByteArrayList parts = decoded->split('\0');
    if (parts.size() != 3)
        return failed(QStringLiteral("the PLAIN response must be authzid, user name and password separated by NUL"));
    const std::optional<QString> authzid = strictUtf8(parts[0]);
    const std::optional<QString> username = strictUtf8(parts[1]);
    const std::optional<QString> password = strictUtf8(parts[2]);
    if (!authzid || !username || !password)
        return failed(QStringLiteral("the PLAIN response is not valid UTF-8"));
    if (!authzid->isEmpty() && authzid->compare(*username, Qt::CaseInsensitive) != 0)
        return failed(QStringLiteral("logging in as another user (an authorization identity) is not supported; "
                                     "leave it empty"));
    return done(*username, *password);
}

SaslStep SaslExchange::takeLoginField(QByteArrayView base64)
{
    const std::optional<QByteArray> decoded = decodeSaslBase64(base64);
    if (!decoded)
        return failed(QStringLiteral("the LOGIN response is not valid base64"));
    const std::optional<QString> text = strictUtf8(*decoded);
    if (!text)
        return failed(QStringLiteral("the LOGIN response is not valid UTF-8"));
    if (m_loginStep == 0) {
        m_username = *text;
        m_loginStep = 1;
        return challenge(QByteArray("Password:").toBase64());
    }
    return done(m_username, *text);
}

} // namespace tegami
