#pragma once

#include "core/Result.h"

#include <QString>

namespace tegami {

// Argon2id cost parameters. They are written into every encoded hash, so changing them
// only affects new hashes; old ones still verify and needsRehash() reports them.
struct Argon2Params {
    quint32 timeCost = 3; // passes over memory
    quint32 memoryKiB = 65536; // 64 MiB
    quint32 parallelism = 1; // lanes

    // Cheap parameters so tests run in milliseconds. Never for stored passwords.
    static Argon2Params forTests() { return { 1, 256, 1 }; }

    friend bool operator==(const Argon2Params&, const Argon2Params&) = default;
};

inline constexpr int minNewPasswordLength = 8; // characters
inline constexpr int maxPasswordBytes = 1024; // UTF-8; bounds the work one login can cause
inline constexpr int passwordSaltBytes = 16;
inline constexpr int passwordHashBytes = 32;

// Hashes and verifies passwords as PHC strings ("$argon2id$v=19$m=65536,t=3,p=1$salt$hash").
// Passwords are NFC-normalised first, so the same password typed with composed or
// decomposed accents matches. The UTF-8 copy handed to libargon2 is wiped before each
// call returns; the caller's QString is the caller's to clear.
class PasswordHasher {
public:
    explicit PasswordHasher(Argon2Params params = {});

    const Argon2Params& params() const { return m_params; }

    // Hashes a new password with a fresh random salt after checkNewPassword().
    Result<QString> hash(const QString& password) const;

    // true on a match, false on a mismatch (and for empty or over-long passwords, without
    // spending any work); an Error when `encoded` is not an Argon2id hash we can read.
    Result<bool> verify(const QString& encoded, const QString& password) const;

    // True when `encoded` was made with other parameters than ours (or cannot be read),
    // so the caller may store a fresh hash after the next successful login.
    bool needsRehash(const QString& encoded) const;

    // The policy for a new password: not empty, at least minNewPasswordLength characters,
    // at most maxPasswordBytes in UTF-8. Errors name `field` and say what is needed.
    static Result<void> checkNewPassword(const QString& password, const QString& field = QStringLiteral("password"));

private:
    Argon2Params m_params;
};

} // namespace tegami
