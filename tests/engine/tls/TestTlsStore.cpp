#include "core/Clock.h"
#include "tls/CertificateCheck.h"
#include "tls/CertificateStore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include "engine/tls/TlsTestUtil.h"

using namespace tegami;
using namespace tegami::test;

class TestTlsStore : public QObject {
    Q_OBJECT

private:
    static QString storeDir(const QTemporaryDir& tmp) { return tmp.filePath(QStringLiteral("certs")); }

    std::unique_ptr<CertificateStore> openStore(const QString& dir, const Clock& clock = Clock::system())
    {
        auto store = CertificateStore::open(dir, clock);
        if (!store)
            qWarning("open failed: %s", qPrintable(store.error().message));
        return store ? std::move(*store) : nullptr;
    }

private Q_SLOTS:
    void generateEachKeyType_data()
    {
        QTest::addColumn<KeyType>("keyType");
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<int>("bits");
        QTest::newRow("rsa2048") << KeyType::Rsa2048 << "rsa" << 2048;
        QTest::newRow("rsa3072") << KeyType::Rsa3072 << "rsa" << 3072;
        QTest::newRow("rsa4096") << KeyType::Rsa4096 << "rsa" << 4096;
        QTest::newRow("ec-p256") << KeyType::EcP256 << "ec" << 256;
    }

    void generateEachKeyType()
    {
        QFETCH(KeyType, keyType);
        QFETCH(QString, algorithm);
        QFETCH(int, bits);
        QTemporaryDir tmp;
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto store = openStore(storeDir(tmp), clock);
        QVERIFY(store);

        SelfSignedRequest request;
        request.commonName = QStringLiteral("Mail.Example.com");
        request.sans = { QStringLiteral("mail.example.com"), QStringLiteral("imap.example.com"),
            QStringLiteral("*.example.net"), QStringLiteral("192.0.2.25") };
        request.keyType = keyType;
        request.validityDays = 90;
        auto generated = store->generateSelfSigned(request);
        QVERIFY2(generated, qPrintable(generated ? QString() : generated.error().message));

        const QList<CertificateInfo> all = store->list();
        QCOMPARE(all.size(), 1);
        const CertificateInfo& info = all.first();
        QCOMPARE(info.id, generated->id);
        QCOMPARE(info.keyType, algorithm);
        QCOMPARE(info.keyBits, bits);
        QVERIFY(info.selfSigned);
        QVERIFY(!info.trusted);
        QVERIFY(info.trustProblem.contains(QStringLiteral("self-signed")));
        QCOMPARE(info.chainLength, 1);
        QCOMPARE(info.origin, QStringLiteral("self-signed"));
        QCOMPARE(info.subject, QStringLiteral("CN=mail.example.com"));
        QCOMPARE(info.issuer, info.subject);
        // The CN is among the SANs once, the rest in the order given, the address last.
        QCOMPARE(info.sans,
            (QStringList { QStringLiteral("mail.example.com"), QStringLiteral("imap.example.com"),
                QStringLiteral("*.example.net"), QStringLiteral("192.0.2.25") }));
        QVERIFY(qAbs(info.notAfter.secsTo(clock.now().addDays(90))) < 5);
        QVERIFY(info.notBefore < clock.now()); // backdated for clients with slow clocks
        QVERIFY(info.notBefore > clock.now().addSecs(-2 * 3600));

        // Thumbprints as openssl prints them; the id is the start of the SHA-256 one.
        const QString certPath = QDir(storeDir(tmp)).filePath(info.id + QStringLiteral("/certificate.pem"));
        QCOMPARE(info.sha256, opensslFingerprint(certPath, QStringLiteral("sha256")));
        QCOMPARE(info.sha1, opensslFingerprint(certPath, QStringLiteral("sha1")));
        QCOMPARE(info.id, info.sha256.left(23).remove(QLatin1Char(':')).toLower());

        // openssl sees a v3 server certificate with the SANs, and the key on disk matches it.
        const ProcessResult text = openssl({ QStringLiteral("x509"), QStringLiteral("-in"), certPath,
            QStringLiteral("-noout"), QStringLiteral("-text") });
        QVERIFY(text.ok());
        QVERIFY(text.out.contains("Version: 3"));
        QVERIFY(
            text.out.contains("DNS:mail.example.com, DNS:imap.example.com, DNS:*.example.net, IP Address:192.0.2.25"));
        QVERIFY(text.out.contains("TLS Web Server Authentication"));
        QVERIFY(text.out.contains("CA:FALSE"));
        QVERIFY(text.out.contains("sha256WithRSAEncryption") || text.out.contains("ecdsa-with-SHA256"));

        auto loaded = store->load(info.id);
        QVERIFY(loaded);
        QVERIFY(!loaded->key.isNull());
        const CertificateCheck check = checkCertificate(*loaded, QStringLiteral("imap.example.com"), clock.now());
        QVERIFY2(check.usable, qPrintable(check.problems.join(QStringLiteral("; "))));
    }

    void filesArePrivate()
    {
        QTemporaryDir tmp;
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        auto info = store->generateSelfSigned({ QStringLiteral("mail.example.com"), {}, KeyType::EcP256, 30 });
        QVERIFY(info);
        const QString entry = QDir(storeDir(tmp)).filePath(info->id);
        const QFile::Permissions ownerRw = QFile::ReadOwner | QFile::WriteOwner;
        const QFile::Permissions ownerRwx = ownerRw | QFile::ExeOwner;
        const auto perms = [](const QString& p) {
            // Qt reports ReadUser etc. too; keep the owner/group/other bits only.
            return QFile::permissions(p) & ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser);
        };
        QCOMPARE(perms(storeDir(tmp)), ownerRwx);
        QCOMPARE(perms(entry), ownerRwx);
        QCOMPARE(perms(entry + QStringLiteral("/key.pem")), ownerRw);
        QCOMPARE(perms(entry + QStringLiteral("/certificate.pem")), ownerRw);
        QVERIFY(readAll(entry + QStringLiteral("/key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));

        // A key file someone made readable is put back to 0600 on open, with a warning.
        QVERIFY(
            QFile::setPermissions(entry + QStringLiteral("/key.pem"), ownerRw | QFile::ReadGroup | QFile::ReadOther));
        store.reset();
        store = openStore(storeDir(tmp));
        QVERIFY(store);
        QCOMPARE(store->list().size(), 1);
        QCOMPARE(perms(entry + QStringLiteral("/key.pem")), ownerRw);
        QCOMPARE(store->openWarnings().size(), 1);
        QVERIFY(store->openWarnings().first().contains(QStringLiteral("0600")));
    }

    void reopenKeepsEverything()
    {
        QTemporaryDir tmp;
        ManualClock clock(QDateTime::currentDateTimeUtc());
        QList<CertificateInfo> before;
        QList<PendingRequest> pendingBefore;
        {
            auto store = openStore(storeDir(tmp), clock);
            QVERIFY(store);
            QVERIFY(store->generateSelfSigned({ QStringLiteral("a.example.com"), {}, KeyType::EcP256, 30 }));
            clock.advanceSecs(60);
            QVERIFY(store->generateSelfSigned({ QStringLiteral("b.example.com"), {}, KeyType::EcP256, 60 }));
            CsrRequest csr;
            csr.commonName = QStringLiteral("c.example.com");
            csr.keyType = KeyType::EcP256;
            QVERIFY(store->createCsr(csr));
            before = store->list();
            pendingBefore = store->pendingRequests();
        }
        auto store = openStore(storeDir(tmp), clock);
        QVERIFY(store);
        QVERIFY(store->openWarnings().isEmpty());
        const QList<CertificateInfo> after = store->list();
        QCOMPARE(after.size(), 2);
        for (int i = 0; i < after.size(); ++i)
            QCOMPARE(after.at(i).toJson(), before.at(i).toJson());
        // Latest expiry first.
        QVERIFY(after.at(0).notAfter > after.at(1).notAfter);
        QCOMPARE(store->pendingRequests().size(), 1);
        QCOMPARE(store->pendingRequests().first().toJson(), pendingBefore.first().toJson());
    }

    void findByIdOrThumbprint()
    {
        QTemporaryDir tmp;
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        auto info = store->generateSelfSigned({ QStringLiteral("mail.example.com"), {}, KeyType::EcP256, 30 });
        QVERIFY(info);
        QCOMPARE(store->find(info->id)->id, info->id);
        QCOMPARE(store->find(info->id.toUpper())->id, info->id);
        QCOMPARE(store->find(info->sha256)->id, info->id);
        QCOMPARE(store->find(info->sha256.left(11))->id, info->id); // "AB:CD:EF:01"
        QCOMPARE(store->find(QString(info->sha1).remove(QLatin1Char(':')).toLower())->id, info->id);

        auto tooShort = store->find(info->sha256.left(2));
        QVERIFY(!tooShort);
        QCOMPARE(tooShort.error().code, ErrorCode::InvalidArgument);
        auto notHex = store->find(QStringLiteral("mail.example.com"));
        QVERIFY(!notHex);
        QVERIFY(notHex.error().message.contains(QStringLiteral("thumbprint")));
        const QString other
            = info->sha256.startsWith(QLatin1Char('0')) ? QStringLiteral("1111") : QStringLiteral("0000");
        auto missing = store->find(other);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(!store->load(other));
    }

    void removeDeletesTheEntry()
    {
        QTemporaryDir tmp;
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        auto keep = store->generateSelfSigned({ QStringLiteral("keep.example.com"), {}, KeyType::EcP256, 30 });
        auto gone = store->generateSelfSigned({ QStringLiteral("gone.example.com"), {}, KeyType::EcP256, 30 });
        QVERIFY(keep && gone);
        QVERIFY(store->remove(gone->sha256));
        QCOMPARE(store->list().size(), 1);
        QCOMPARE(store->list().first().id, keep->id);
        QVERIFY(!QFileInfo::exists(QDir(storeDir(tmp)).filePath(gone->id)));
        auto again = store->remove(gone->id);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::NotFound);

        store.reset();
        store = openStore(storeDir(tmp));
        QCOMPARE(store->list().size(), 1);
        // Only the kept entry and the pending directory remain: no staging or trash left.
        QCOMPARE(QDir(storeDir(tmp)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
            (QStringList { keep->id, QStringLiteral("pending") }));
    }

    void exportsPublicPartsAndPkcs12()
    {
        QTemporaryDir tmp;
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        auto info = store->generateSelfSigned({ QStringLiteral("mail.example.com"), {}, KeyType::Rsa2048, 30 });
        QVERIFY(info);
        auto pem = store->exportCertificate(info->id);
        QVERIFY(pem);
        QVERIFY(pem->startsWith("-----BEGIN CERTIFICATE-----"));
        QVERIFY(!pem->contains("PRIVATE KEY"));
        QCOMPARE(QSslCertificate(*pem, QSsl::Pem), store->load(info->id)->certificate);

        QVERIFY(!store->exportPkcs12(info->id, QByteArray()));
        auto p12 = store->exportPkcs12(info->id, "export-secret");
        QVERIFY(p12);
        const QString p12Path = tmp.filePath(QStringLiteral("out.p12"));
        QVERIFY(writeAll(p12Path, *p12));
        // openssl reads it with the password and finds the certificate and the key.
        const ProcessResult dump = openssl({ QStringLiteral("pkcs12"), QStringLiteral("-in"), p12Path,
            QStringLiteral("-passin"), QStringLiteral("pass:export-secret"), QStringLiteral("-nodes") });
        QVERIFY2(dump.ok(), dump.err.constData());
        QVERIFY(dump.out.contains("BEGIN CERTIFICATE"));
        QVERIFY(dump.out.contains("BEGIN PRIVATE KEY"));
        QVERIFY(dump.out.contains("friendlyName: mail.example.com"));

        // Round trip into another store: the same certificate and key.
        QTemporaryDir other;
        auto second = openStore(storeDir(other));
        QVERIFY(second);
        auto imported = second->importPkcs12(*p12, "export-secret");
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        QCOMPARE(imported->id, info->id);
        QCOMPARE(imported->origin, QStringLiteral("pkcs12"));
        QCOMPARE(second->load(info->id)->key, store->load(info->id)->key);
    }

    void invalidRequestsChangeNothing_data()
    {
        QTest::addColumn<QString>("commonName");
        QTest::addColumn<QStringList>("sans");
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("field");
        QTest::newRow("no name at all") << "" << QStringList {} << 30 << "commonName";
        QTest::newRow("bad CN") << "mail server" << QStringList {} << 30 << "commonName";
        QTest::newRow("bad SAN") << "mail.example.com" << QStringList { QStringLiteral("a_b.example.com") } << 30
                                 << "sans";
        QTest::newRow("partial wildcard")
            << "mail.example.com" << QStringList { QStringLiteral("m*.example.com") } << 30 << "sans";
        QTest::newRow("zero days") << "mail.example.com" << QStringList {} << 0 << "validityDays";
        QTest::newRow("too many days") << "mail.example.com" << QStringList {} << 4000 << "validityDays";
        QTest::newRow("CN too long") << QString(60, QLatin1Char('a')) + QStringLiteral(".example.com") << QStringList {}
                                     << 30 << "commonName";
    }

    void invalidRequestsChangeNothing()
    {
        QFETCH(QString, commonName);
        QFETCH(QStringList, sans);
        QFETCH(int, days);
        QFETCH(QString, field);
        QTemporaryDir tmp;
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        const QStringList before = snapshot(storeDir(tmp));
        auto r = store->generateSelfSigned({ commonName, sans, KeyType::EcP256, days });
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(r.error().field, field);
        QCOMPARE(snapshot(storeDir(tmp)), before);
        QVERIFY(store->list().isEmpty());
    }

    void cnFromFirstSanWhenMissing()
    {
        QTemporaryDir tmp;
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        auto r = store->generateSelfSigned(
            { QString(), { QStringLiteral("192.0.2.1"), QStringLiteral("mx.example.com") }, KeyType::EcP256, 30 });
        QVERIFY(r);
        QCOMPARE(r->subject, QStringLiteral("CN=mx.example.com"));
        QCOMPARE(r->sans, (QStringList { QStringLiteral("mx.example.com"), QStringLiteral("192.0.2.1") }));
    }

    void damagedEntriesAreSkippedWithAWarning()
    {
        QTemporaryDir tmp;
        QString brokenId;
        {
            auto store = openStore(storeDir(tmp));
            QVERIFY(store);
            QVERIFY(store->generateSelfSigned({ QStringLiteral("good.example.com"), {}, KeyType::EcP256, 30 }));
            auto broken = store->generateSelfSigned({ QStringLiteral("broken.example.com"), {}, KeyType::EcP256, 30 });
            QVERIFY(broken);
            brokenId = broken->id;
        }
        QVERIFY(QFile::remove(QDir(storeDir(tmp)).filePath(brokenId + QStringLiteral("/key.pem"))));
        // Leftovers of an interrupted write are cleaned up.
        QVERIFY(QDir(storeDir(tmp)).mkdir(QStringLiteral(".tmp-123")));
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        QCOMPARE(store->list().size(), 1);
        QCOMPARE(store->list().first().subject, QStringLiteral("CN=good.example.com"));
        QCOMPARE(store->openWarnings().size(), 1);
        QVERIFY(store->openWarnings().first().contains(brokenId));
        QVERIFY(!QFileInfo::exists(QDir(storeDir(tmp)).filePath(QStringLiteral(".tmp-123"))));
    }

    void infoJsonUsesCamelCase()
    {
        QTemporaryDir tmp;
        auto store = openStore(storeDir(tmp));
        QVERIFY(store);
        auto info = store->generateSelfSigned({ QStringLiteral("mail.example.com"), {}, KeyType::EcP256, 30 });
        QVERIFY(info);
        const QJsonObject o = info->toJson();
        for (const char* key : { "id", "sha256", "sha1", "subject", "issuer", "sans", "notBefore", "notAfter",
                 "keyType", "keyBits", "selfSigned", "trusted", "trustProblem", "chainLength" })
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QStringLiteral("keyBits")).toInt(), 256);
        QVERIFY(o.value(QStringLiteral("notAfter")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(o.value(QStringLiteral("sans")).toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTlsStore)
#include "TestTlsStore.moc"
