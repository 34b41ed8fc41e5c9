#include "accounts/PasswordHasher.h"

#include <QTest>

using namespace tegami;
using namespace Qt::StringLiterals;

class TestAccountsHasher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hashThenVerify()
    {
        const PasswordHasher hasher(Argon2Params::forTests());
        const Result<QString> hash = hasher.hash(u"correct horse battery"_s);
        QVERIFY2(hash.ok(), qPrintable(hash.ok() ? QString() : hash.error().toString()));
        QCOMPARE(*hasher.verify(*hash, u"correct horse battery"_s), true);
        QCOMPARE(*hasher.verify(*hash, u"correct horse batterY"_s), false);
        QCOMPARE(*hasher.verify(*hash, u"correct horse battery "_s), false);
        QVERIFY(!hash->contains(u"correct"_s));
    }

    void freshSaltEachTime()
    {
        const PasswordHasher hasher(Argon2Params::forTests());
        const QString a = *hasher.hash(u"same password"_s);
        const QString b = *hasher.hash(u"same password"_s);
        QVERIFY(a != b);
        QVERIFY(*hasher.verify(a, u"same password"_s));
        QVERIFY(*hasher.verify(b, u"same password"_s));
        // PHC fields: "", "argon2id", "v=19", params, salt, hash. 16 salt bytes are 22
        // unpadded base64 characters, 32 hash bytes 43.
        const QStringList parts = a.split(u'$');
        QCOMPARE(parts.size(), 6);
        QCOMPARE(parts[4].size(), 22);
        QCOMPARE(parts[5].size(), 43);
        QVERIFY(parts[4] != b.split(u'$')[4]);
    }

    void parametersAreEncoded()
    {
        const PasswordHasher hasher(Argon2Params { 2, 512, 2 });
        const QString hash = *hasher.hash(u"parameters!"_s);
        QVERIFY2(hash.startsWith(u"$argon2id$v=19$m=512,t=2,p=2$"_s), qPrintable(hash));
        // Verification reads the parameters from the hash, not from the hasher.
        const PasswordHasher other(Argon2Params::forTests());
        QVERIFY(*other.verify(hash, u"parameters!"_s));
        QVERIFY(other.needsRehash(hash));
        QVERIFY(!hasher.needsRehash(hash));
        QVERIFY(hasher.needsRehash(u"$argon2i$v=19$m=512,t=2,p=2$abc$def"_s));
        QVERIFY(hasher.needsRehash(u"garbage"_s));

        const Argon2Params production;
        QCOMPARE(production.timeCost, 3u);
        QCOMPARE(production.memoryKiB, 65536u);
        QCOMPARE(production.parallelism, 1u);
    }

    void newPasswordPolicy_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << u"the password is empty"_s;
        QTest::newRow("seven") << u"1234567"_s << u"has 7 characters; use at least 8"_s;
        QTest::newRow("five kana") << u"パスワード"_s << u"has 5 characters"_s;
        QTest::newRow("too long") << QString(1025, u'a') << u"1025 bytes long in UTF-8; the limit is 1024"_s;
        QTest::newRow("800 utf8 bytes accepted") << QString(400, u'é') << QString();
    }
    void newPasswordPolicy()
    {
        QFETCH(QString, password);
        QFETCH(QString, expected);
        const PasswordHasher hasher(Argon2Params::forTests());
        const Result<QString> hash = hasher.hash(password);
        if (password.toUtf8().size() <= maxPasswordBytes && password.size() >= minNewPasswordLength) {
            QVERIFY(hash.ok());
            return;
        }
        QVERIFY(!hash.ok());
        QCOMPARE(hash.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(hash.error().field, u"password"_s);
        QVERIFY2(hash.error().message.contains(expected), qPrintable(hash.error().message));
    }

    void limitsAtTheEdges()
    {
        const PasswordHasher hasher(Argon2Params::forTests());
        QVERIFY(hasher.hash(u"12345678"_s).ok());
        const QString longest(maxPasswordBytes, u'a');
        const Result<QString> hash = hasher.hash(longest);
        QVERIFY(hash.ok());
        QVERIFY(*hasher.verify(*hash, longest));
        // Verification refuses without work what hashing refuses.
        QCOMPARE(*hasher.verify(*hash, longest + u"a"_s), false);
        QCOMPARE(*hasher.verify(*hash, QString()), false);
        QVERIFY(hasher.hash(u"日本語のパスワード"_s).ok()); // 9 characters, 27 bytes
    }

    void unicodeIsNormalised()
    {
        const PasswordHasher hasher(Argon2Params::forTests());
        const QString composed = u"p\u00e4ssw\u00f6rd\u2713"_s;
        const QString decomposed = u"pa\u0308ssw o\u0308rd\u2713"_s.remove(u' ');
        QVERIFY(composed != decomposed);
        const QString hash = *hasher.hash(decomposed);
        QVERIFY(*hasher.verify(hash, composed));
        QVERIFY(*hasher.verify(hash, decomposed));
    }

    void malformedHashIsAnError()
    {
        const PasswordHasher hasher(Argon2Params::forTests());
        const Result<bool> notArgon = hasher.verify(u"$2y$10$abcdefghijklmnopqrstuv"_s, u"whatever1"_s);
        QVERIFY(!notArgon.ok());
        QVERIFY(notArgon.error().message.contains(u"not an Argon2id hash"_s));
        const Result<bool> broken = hasher.verify(u"$argon2id$v=19$m=256,t=1,p=1$!!!$???"_s, u"whatever1"_s);
        QVERIFY(!broken.ok());
    }
};

QTEST_GUILESS_MAIN(TestAccountsHasher)
#include "TestAccountsHasher.moc"
