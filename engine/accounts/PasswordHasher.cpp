#include "accounts/PasswordHasher.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QStringList>

#include <argon2.h>
#include <array>

namespace tegami {

namespace {

// A plain memset may be optimised away because the buffer is dead afterwards.
void wipe(QByteArray& bytes)
{
    volatile char* p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

// The UTF-8 bytes libargon2 sees. NFC first (as PRECIS OpaqueString does), so a password
// typed on a system that sends decomposed accents still matches.
class WipedUtf8 {
public:
    explicit WipedUtf8(const QString& text)
        : m_bytes(text.normalized(QString::NormalizationForm_C).toUtf8())
    { }
    ~WipedUtf8() { wipe(m_bytes); }
    WipedUtf8(const WipedUtf8&) = delete;
    WipedUtf8& operator=(const WipedUtf8&) = delete;

    const char* data() const { return m_bytes.constData(); }
    size_t size() const { return static_cast<size_t>(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

} // namespace

PasswordHasher::PasswordHasher(Argon2Params params)
    : m_params(params)
{ }

Result<void> PasswordHasher::checkNewPassword(const QString& password, const QString& field)
{
    if (password.isEmpty())
        return Error::invalid(field,
            QStringLiteral("the password is empty: choose one of at least %1 characters").arg(minNewPasswordLength));
    const qsizetype chars = password.toUcs4().size();
    if (chars < minNewPasswordLength) {
        return Error::invalid(field,
            QStringLiteral("the password has %1 characters; use at least %2").arg(chars).arg(minNewPasswordLength));
    }
    // The length of the UTF-8 form is all we need; the copy is wiped at once.
    const qsizetype bytes = WipedUtf8(password).size();
    if (bytes > maxPasswordBytes) {
        return Error::invalid(field,
            QStringLiteral("the password is %1 bytes long in UTF-8; the limit is %2").arg(bytes).arg(maxPasswordBytes));
    }
    return {};
}

Result<QString> PasswordHasher::hash(const QString& password) const
{
    if (Result<void> policy = checkNewPassword(password); !policy)
        return policy.error();

    std::array<quint32, passwordSaltBytes / sizeof(quint32)> salt {};
    QRandomGenerator::system()->fillRange(salt.data(), salt.size());

    const size_t encodedLen = argon2_encodedlen(
        m_params.timeCost, m_params.memoryKiB, m_params.parallelism, passwordSaltBytes, passwordHashBytes, Argon2_id);
    QByteArray encoded(static_cast<qsizetype>(encodedLen), '\0');
    const WipedUtf8 pwd(password);
    const int rc = argon2id_hash_encoded(m_params.timeCost, m_params.memoryKiB, m_params.parallelism, pwd.data(),
        pwd.size(), salt.data(), passwordSaltBytes, passwordHashBytes, encoded.data(), encodedLen);
    if (rc != ARGON2_OK) {
        return Error::internal(QStringLiteral("cannot hash the password with Argon2id (t=%1, m=%2 KiB, p=%3): %4")
                                   .arg(m_params.timeCost)
                                   .arg(m_params.memoryKiB)
                                   .arg(m_params.parallelism)
                                   .arg(QString::fromUtf8(argon2_error_message(rc))));
    }
    return QString::fromLatin1(encoded.constData()); // stops at the terminating NUL
}

Result<bool> PasswordHasher::verify(const QString& encoded, const QString& password) const
{
    if (!encoded.startsWith(QLatin1String("$argon2id$")))
        return Error::internal(QStringLiteral("the stored password hash is not an Argon2id hash"));
    if (password.isEmpty())
        return false;
    const WipedUtf8 pwd(password);
    if (pwd.size() > static_cast<size_t>(maxPasswordBytes))
        return false;
    const QByteArray encodedBytes = encoded.toLatin1();
    const int rc = argon2id_verify(encodedBytes.constData(), pwd.data(), pwd.size());
    if (rc == ARGON2_OK)
        return true;
    if (rc == ARGON2_VERIFY_MISMATCH)
        return false;
    return Error::internal(QStringLiteral("cannot verify against the stored password hash: %1")
                               .arg(QString::fromUtf8(argon2_error_message(rc))));
}

bool PasswordHasher::needsRehash(const QString& encoded) const
{
    // "$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>"
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[1] != QLatin1String("argon2id") || parts[2] != QLatin1String("v=19"))
        return true;
    const QString expected
        = QStringLiteral("m=%1,t=%2,p=%3").arg(m_params.memoryKiB).arg(m_params.timeCost).arg(m_params.parallelism);
    return parts[3] != expected;
}

} // namespace tegami
