#include "core/Clock.h"
#include "tls/CertificateCheck.h"
#include "tls/CertificateStore.h"
#include "tls/OpenSslBackend.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "engine/tls/TlsTestUtil.h"

using namespace tegami;
using namespace tegami::test;

class TestTlsCsr : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    TestCa m_ca;

    QString storeDir(const char* name) const { return m_tmp.filePath(QStringLiteral("store-") + QLatin1String(name)); }

    static CsrRequest fullRequest()
    {
        CsrRequest r;
        r.commonName = QStringLiteral("mail.example.com");
        r.organisation = QStringLiteral("Example Trading Ltd");
        r.organisationalUnit = QStringLiteral("IT");
        r.locality = QStringLiteral("Zürich");
        r.state = QStringLiteral("ZH");
        r.country = QStringLiteral("ch");
        r.email = QStringLiteral("admin@example.com");
        r.sans
            = { QStringLiteral("smtp.example.com"), QStringLiteral("imap.example.com"), QStringLiteral("192.0.2.25") };
        r.keyType = KeyType::Rsa2048;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString caDir = m_tmp.filePath(QStringLiteral("ca"));
        QVERIFY(QDir().mkpath(caDir));
        m_ca = makeTestCa(caDir);
        QVERIFY(!m_ca.certPem.isEmpty());
    }

    void csrVerifiesWithOpenssl()
    {
        auto store = CertificateStore::open(storeDir("verify"));
        QVERIFY(store);
        auto pending = (*store)->createCsr(fullRequest());
        QVERIFY2(pending, qPrintable(pending ? QString() : pending.error().message));
        QCOMPARE(pending->commonName, QStringLiteral("mail.example.com"));
        QCOMPARE(pending->sans,
            (QStringList { QStringLiteral("mail.example.com"), QStringLiteral("smtp.example.com"),
                QStringLiteral("imap.example.com"), QStringLiteral("192.0.2.25") }));
        QCOMPARE(pending->id.size(), 16);

        const QString csrPath = m_tmp.filePath(QStringLiteral("request.csr"));
        QVERIFY(writeAll(csrPath, pending->csrPem));
        const ProcessResult verify = openssl({ QStringLiteral("req"), QStringLiteral("-verify"),
            QStringLiteral("-noout"), QStringLiteral("-in"), csrPath });
        QVERIFY2(verify.ok(), verify.err.constData());
        QVERIFY((verify.out + verify.err).contains("verify OK"));

        const ProcessResult text = openssl({ QStringLiteral("req"), QStringLiteral("-noout"), QStringLiteral("-text"),
            QStringLiteral("-nameopt"), QStringLiteral("utf8,sep_comma_plus_space"), QStringLiteral("-in"), csrPath });
        QVERIFY(text.ok());
        const QString out = QString::fromUtf8(text.out);
        QVERIFY2(
            out.contains(QStringLiteral("C=CH, ST=ZH, L=Zürich, O=Example Trading Ltd, OU=IT, CN=mail.example.com, "
                                        "emailAddress=admin@example.com")),
            qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("DNS:mail.example.com, DNS:smtp.example.com, DNS:imap.example.com, "
                                            "IP Address:192.0.2.25")));
        QVERIFY(out.contains(QStringLiteral("Public-Key: (2048 bit)")));
        QVERIFY(out.contains(QStringLiteral("sha256WithRSAEncryption")));

        // The key waits in pending/, private; the request survives a reopen.
        const QString keyPath
            = storeDir("verify") + QStringLiteral("/pending/") + pending->id + QStringLiteral("/key.pem");
        QCOMPARE(QFile::permissions(keyPath) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
            QFile::Permissions());
        store->reset();
        auto reopened = CertificateStore::open(storeDir("verify"));
        QCOMPARE((*reopened)->pendingRequests().size(), 1);
        QCOMPARE((*reopened)->pendingRequests().first().csrPem, pending->csrPem);
    }

    void completeWithTestCa()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        // A backend that trusts the test CA, as an office trusting its own CA would.
        auto backend = std::make_shared<OpenSslBackend>(OpenSslBackend::Options { true, { m_ca.certPem } });
        auto opened = CertificateStore::open(storeDir("complete"), clock, backend);
        QVERIFY(opened);
        CertificateStore& store = **opened;
        CsrRequest request = fullRequest();
        request.keyType = KeyType::EcP256;
        auto pending = store.createCsr(request);
        QVERIFY(pending);
        auto unrelated
            = store.createCsr({ QStringLiteral("other.example.com"), {}, {}, {}, {}, {}, {}, {}, KeyType::EcP256 });
        QVERIFY(unrelated);
        QCOMPARE(store.pendingRequests().size(), 2);

        const QByteArray signedPem = m_ca.sign(pending->csrPem);
        QVERIFY(signedPem.startsWith("-----BEGIN CERTIFICATE-----"));
        // The CA dated the certificate "now", which on a busy machine is after the clock was made.
        clock.set(QDateTime::currentDateTimeUtc().addSecs(1));
        auto info = store.completeCsr(signedPem + m_ca.certPem);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->origin, QStringLiteral("csr"));
        QCOMPARE(info->chainLength, 2);
        QCOMPARE(info->issuer, QStringLiteral("CN=Tegami Test CA"));
        QVERIFY(!info->selfSigned);
        QVERIFY2(info->trusted, qPrintable(info->trustProblem));
        QCOMPARE(info->sans,
            (QStringList { QStringLiteral("mail.example.com"), QStringLiteral("smtp.example.com"),
                QStringLiteral("imap.example.com"), QStringLiteral("192.0.2.25") }));

        // Only the request that was answered is gone, and its directory with it.
        QCOMPARE(store.pendingRequests().size(), 1);
        QCOMPARE(store.pendingRequests().first().id, unrelated->id);
        QVERIFY(!QFileInfo::exists(storeDir("complete") + QStringLiteral("/pending/") + pending->id));

        auto loaded = store.load(info->id);
        QVERIFY(loaded);
        QCOMPARE(loaded->chain.size(), 1);
        const CertificateCheck check
            = checkCertificate(*loaded, QStringLiteral("imap.example.com"), clock.now(), backend.get());
        QVERIFY2(check.usable, qPrintable(check.problems.join(QStringLiteral("; "))));
        QVERIFY(check.warnings.isEmpty());

        // The same answer again: the request is gone, so nothing matches any more.
        auto again = store.completeCsr(signedPem);
        QVERIFY(!again);
        QCOMPARE(again.error().field, QStringLiteral("answer"));
    }

    void trustNeedsTheChain()
    {
        // With the default backend the test CA is not trusted, and without the chain the
        // issuer is missing: both are reported.
        auto opened = CertificateStore::open(storeDir("trust"));
        QVERIFY(opened);
        auto pending
            = (*opened)->createCsr({ QStringLiteral("t.example.com"), {}, {}, {}, {}, {}, {}, {}, KeyType::EcP256 });
        QVERIFY(pending);
        auto info = (*opened)->completeCsr(m_ca.sign(pending->csrPem));
        QVERIFY(info);
        QCOMPARE(info->chainLength, 1);
        QVERIFY(!info->trusted);
        QVERIFY2(info->trustProblem.contains(QStringLiteral("issuer")), qPrintable(info->trustProblem));
    }

    void importPemWithoutKeyCompletesARequest()
    {
        auto opened = CertificateStore::open(storeDir("viaimport"));
        QVERIFY(opened);
        auto pending
            = (*opened)->createCsr({ QStringLiteral("p.example.com"), {}, {}, {}, {}, {}, {}, {}, KeyType::EcP256 });
        QVERIFY(pending);
        auto info = (*opened)->importPem(m_ca.certPem + m_ca.sign(pending->csrPem));
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->origin, QStringLiteral("csr"));
        QCOMPARE(info->subject, QStringLiteral("CN=p.example.com"));
        QVERIFY((*opened)->pendingRequests().isEmpty());
    }

    void mismatchedAnswerIsRefused()
    {
        auto opened = CertificateStore::open(storeDir("mismatch"));
        QVERIFY(opened);
        CertificateStore& store = **opened;

        // No request at all yet.
        auto none = store.completeCsr(m_ca.certPem);
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::NotFound);

        QVERIFY(store.createCsr({ QStringLiteral("m.example.com"), {}, {}, {}, {}, {}, {}, {}, KeyType::EcP256 }));
        // A certificate for a key made elsewhere.
        const QString foreignKey = m_tmp.filePath(QStringLiteral("foreign.key"));
        const ProcessResult csr
            = openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), foreignKey, QStringLiteral("-subj"), QStringLiteral("/CN=m.example.com") });
        QVERIFY(csr.ok());
        const QByteArray foreignCert = m_ca.sign(csr.out);
        const QStringList before = snapshot(storeDir("mismatch"));
        auto r = store.completeCsr(foreignCert);
        QVERIFY(!r);
        QCOMPARE(r.error().field, QStringLiteral("answer"));
        QVERIFY2(r.error().message.contains(QStringLiteral("no pending request has the key")),
            qPrintable(r.error().message));
        QCOMPARE(snapshot(storeDir("mismatch")), before);
        QCOMPARE(store.pendingRequests().size(), 1);

        // An answer with a private key in it is not an answer.
        auto withKey = store.completeCsr(foreignCert + readAll(foreignKey));
        QVERIFY(!withKey);
        QVERIFY(withKey.error().message.contains(QStringLiteral("private key")));
        QCOMPARE(snapshot(storeDir("mismatch")), before);
    }

    void removePending()
    {
        auto opened = CertificateStore::open(storeDir("removepending"));
        QVERIFY(opened);
        auto pending
            = (*opened)->createCsr({ QStringLiteral("r.example.com"), {}, {}, {}, {}, {}, {}, {}, KeyType::EcP256 });
        QVERIFY(pending);
        QVERIFY((*opened)->removePending(pending->id));
        QVERIFY((*opened)->pendingRequests().isEmpty());
        QVERIFY(QDir(storeDir("removepending") + QStringLiteral("/pending")).isEmpty());
        auto again = (*opened)->removePending(pending->id);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::NotFound);
    }

    void invalidRequests_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("errorField");
        QTest::newRow("no CN") << "commonName"
                               << ""
                               << "commonName";
        QTest::newRow("country three letters") << "country"
                                               << "CHE"
                                               << "country";
        QTest::newRow("country digits") << "country"
                                        << "1A"
                                        << "country";
        QTest::newRow("email without at") << "email"
                                          << "admin.example.com"
                                          << "email";
        QTest::newRow("email non-ASCII") << "email"
                                         << "ädmin@example.com"
                                         << "email";
        QTest::newRow("organisation too long") << "organisation" << QString(65, QLatin1Char('x')) << "organisation";
        QTest::newRow("control character") << "locality"
                                           << "Zu\x01rich"
                                           << "locality";
        QTest::newRow("bad SAN") << "sans"
                                 << "bad name"
                                 << "sans";
    }

    void invalidRequests()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, errorField);
        auto opened = CertificateStore::open(storeDir("invalid"));
        QVERIFY(opened);
        CsrRequest r = fullRequest();
        r.keyType = KeyType::EcP256;
        if (field == QLatin1String("commonName"))
            r.commonName = value;
        else if (field == QLatin1String("country"))
            r.country = value;
        else if (field == QLatin1String("email"))
            r.email = value;
        else if (field == QLatin1String("organisation"))
            r.organisation = value;
        else if (field == QLatin1String("locality"))
            r.locality = value;
        else
            r.sans << value;
        const QStringList before = snapshot(storeDir("invalid"));
        auto result = (*opened)->createCsr(r);
        QVERIFY(!result);
        QCOMPARE(result.error().field, errorField);
        QCOMPARE(snapshot(storeDir("invalid")), before);
        QVERIFY((*opened)->pendingRequests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTlsCsr)
#include "TestTlsCsr.moc"
