#include "tls/CertificateCheck.h"
#include "tls/CertificateStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include "engine/tls/TlsTestUtil.h"

using namespace tegami;
using namespace tegami::test;

namespace {

const QStringList kRsa2048 { QStringLiteral("-newkey"), QStringLiteral("rsa:2048") };

} // namespace

// Inputs are made with the openssl tool, so the store is checked against files it did not write.
class TestTlsImport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp; // inputs shared by the tests
    ExternalCert m_ec; // P-256, CN mail.example.com
    ExternalCert m_rsa; // RSA 2048, CN rsa.example.com
    ExternalCert m_other;
    TestCa m_ca;
    ExternalCert m_leaf; // signed by m_ca
    QString m_storeDir;
    std::unique_ptr<CertificateStore> m_store;

    QString path(const QString& name) const { return m_tmp.filePath(name); }

    // Runs `op`, which must fail with `code`, on `field`, with `text` in the message, and
    // leave every file of the store as it was.
    void expectRefused(
        const std::function<Result<CertificateInfo>()>& op, ErrorCode code, const QString& field, const QString& text)
    {
        const QStringList before = snapshot(m_storeDir);
        const int count = int(m_store->list().size());
        const Result<CertificateInfo> r = op();
        QVERIFY2(!r, "the input was accepted");
        QCOMPARE(r.error().code, code);
        QCOMPARE(r.error().field, field);
        QVERIFY2(r.error().message.contains(text, Qt::CaseInsensitive), qPrintable(r.error().message));
        QCOMPARE(snapshot(m_storeDir), before);
        QCOMPARE(int(m_store->list().size()), count);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_ec = makeExternalCert(m_tmp.path(), QStringLiteral("ec"), QStringLiteral("mail.example.com"),
            QStringLiteral("DNS:mail.example.com,DNS:smtp.example.com"));
        m_rsa = makeExternalCert(m_tmp.path(), QStringLiteral("rsa"), QStringLiteral("rsa.example.com"),
            QStringLiteral("DNS:rsa.example.com"), kRsa2048);
        m_other = makeExternalCert(m_tmp.path(), QStringLiteral("other"), QStringLiteral("other.example.com"),
            QStringLiteral("DNS:other.example.com"));
        QVERIFY(!m_ec.certPem.isEmpty() && !m_rsa.keyPem.isEmpty() && !m_other.keyPem.isEmpty());

        // A leaf signed by a test CA, for chains.
        const QString caDir = path(QStringLiteral("ca"));
        QVERIFY(QDir().mkpath(caDir));
        m_ca = makeTestCa(caDir);
        QVERIFY(!m_ca.certPem.isEmpty());
        m_leaf.keyPath = path(QStringLiteral("leaf.key"));
        const QString csrPath = path(QStringLiteral("leaf.csr"));
        QVERIFY(openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                            QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                            QStringLiteral("-nodes"), QStringLiteral("-keyout"), m_leaf.keyPath, QStringLiteral("-out"),
                            csrPath, QStringLiteral("-subj"), QStringLiteral("/CN=leaf.example.com"),
                            QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:leaf.example.com") })
                    .ok());
        m_leaf.certPem = m_ca.sign(readAll(csrPath));
        m_leaf.keyPem = readAll(m_leaf.keyPath);
        QVERIFY(m_leaf.certPem.startsWith("-----BEGIN CERTIFICATE-----"));
    }

    void init()
    {
        m_storeDir = path(QStringLiteral("store-%1").arg(QString::fromLatin1(QTest::currentTestFunction())));
        QDir(m_storeDir).removeRecursively();
        auto store = CertificateStore::open(m_storeDir);
        QVERIFY(store);
        m_store = std::move(*store);
    }

    void cleanup() { m_store.reset(); }

    void pemWithKeyInTheSameText()
    {
        auto r = m_store->importPem(m_ec.certPem + m_ec.keyPem);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->sha256, opensslFingerprint(m_ec.certPath, QStringLiteral("sha256")));
        QCOMPARE(r->origin, QStringLiteral("pem"));
        QCOMPARE(r->keyType, QStringLiteral("ec"));
        QCOMPARE(r->sans, (QStringList { QStringLiteral("mail.example.com"), QStringLiteral("smtp.example.com") }));
        auto loaded = m_store->load(r->id);
        QVERIFY(loaded);
        QCOMPARE(loaded->key, QSslKey(m_ec.keyPem, QSsl::Ec));
        QVERIFY(checkCertificate(*loaded, QStringLiteral("smtp.example.com"), QDateTime::currentDateTimeUtc()).usable);
    }

    void pemWithSeparateKeyFirst()
    {
        // Key before certificate, in a separate file: order does not matter.
        auto r = m_store->importPem(m_rsa.certPem, m_rsa.keyPem);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->keyType, QStringLiteral("rsa"));
        QCOMPARE(r->keyBits, 2048);
        QCOMPARE(m_store->load(r->id)->key, QSslKey(m_rsa.keyPem, QSsl::Rsa));
    }

    void chainIsOrderedAndKept()
    {
        // CA first, key in the middle, leaf last, leaf repeated: the store sorts it out.
        auto r = m_store->importPem(m_ca.certPem + m_leaf.keyPem + m_leaf.certPem + m_leaf.certPem);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->subject, QStringLiteral("CN=leaf.example.com"));
        QCOMPARE(r->issuer, QStringLiteral("CN=Tegami Test CA"));
        QCOMPARE(r->chainLength, 2);
        QVERIFY(!r->selfSigned);
        QVERIFY(!r->trusted); // the test CA is not a system root
        QVERIFY(r->trustProblem.contains(QStringLiteral("root")));
        auto loaded = m_store->load(r->id);
        QCOMPARE(loaded->chain.size(), 1);
        QCOMPARE(loaded->chain.first(), QSslCertificate(m_ca.certPem, QSsl::Pem));
        auto exported = m_store->exportCertificate(r->id);
        QCOMPARE(*exported, QSslCertificate(m_leaf.certPem, QSsl::Pem).toPem() + QSslCertificate(m_ca.certPem).toPem());
        QCOMPARE(*m_store->exportCertificate(r->id, false), QSslCertificate(m_leaf.certPem, QSsl::Pem).toPem());
    }

    void encryptedKeys_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("PKCS#8 AES-256") << QStringList { QStringLiteral("pkcs8"), QStringLiteral("-topk8"),
            QStringLiteral("-v2"), QStringLiteral("aes-256-cbc"), QStringLiteral("-passout"),
            QStringLiteral("pass:Right Horse") };
        QTest::newRow("traditional Proc-Type") << QStringList { QStringLiteral("pkey"), QStringLiteral("-traditional"),
            QStringLiteral("-aes256"), QStringLiteral("-passout"), QStringLiteral("pass:Right Horse") };
    }

    void encryptedKeys()
    {
        QFETCH(QStringList, args);
        const QString out = path(QStringLiteral("enc-%1.key").arg(QString::fromLatin1(QTest::currentDataTag()).size()));
        QVERIFY(openssl(args + QStringList { QStringLiteral("-in"), m_rsa.keyPath, QStringLiteral("-out"), out }).ok());
        const QByteArray encrypted = readAll(out);
        QVERIFY(encrypted.contains("ENCRYPTED"));

        expectRefused([&] { return m_store->importPem(m_rsa.certPem, encrypted); }, ErrorCode::InvalidArgument,
            QStringLiteral("passphrase"), QStringLiteral("encrypted: give its passphrase"));
        expectRefused([&] { return m_store->importPem(m_rsa.certPem, encrypted, "right horse"); },
            ErrorCode::InvalidArgument, QStringLiteral("passphrase"),
            QStringLiteral("passphrase of the private key is wrong"));
        auto r = m_store->importPem(m_rsa.certPem + encrypted, {}, "Right Horse");
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        // Stored decrypted (the service must start unattended), readable by the owner only.
        const QByteArray stored = readAll(QDir(m_storeDir).filePath(r->id + QStringLiteral("/key.pem")));
        QVERIFY(stored.startsWith("-----BEGIN PRIVATE KEY-----"));
        QCOMPARE(m_store->load(r->id)->key, QSslKey(m_rsa.keyPem, QSsl::Rsa));
    }

    void pkcs12RoundTrip()
    {
        const QString p12 = path(QStringLiteral("leaf.p12"));
        const QString leafCert = path(QStringLiteral("leaf.crt"));
        QVERIFY(writeAll(leafCert, m_leaf.certPem));
        QVERIFY(
            openssl({ QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"), leafCert,
                        QStringLiteral("-certfile"), m_ca.certPath, QStringLiteral("-inkey"), m_leaf.keyPath,
                        QStringLiteral("-out"), p12, QStringLiteral("-passout"), QStringLiteral("pass:p12-secret") })
                .ok());
        const QByteArray data = readAll(p12);

        expectRefused([&] { return m_store->importPkcs12(data, "p12-wrong"); }, ErrorCode::InvalidArgument,
            QStringLiteral("password"), QStringLiteral("password of the PKCS#12 file is wrong"));
        expectRefused([&] { return m_store->importPkcs12(data, QByteArray()); }, ErrorCode::InvalidArgument,
            QStringLiteral("password"), QStringLiteral("protected by a password"));

        auto r = m_store->importPkcs12(data, "p12-secret");
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->sha256, opensslFingerprint(leafCert, QStringLiteral("sha256")));
        QCOMPARE(r->chainLength, 2);
        QCOMPARE(r->origin, QStringLiteral("pkcs12"));
        auto loaded = m_store->load(r->id);
        QCOMPARE(loaded->key, QSslKey(m_leaf.keyPem, QSsl::Ec));
        QCOMPARE(loaded->chain.value(0), QSslCertificate(m_ca.certPem, QSsl::Pem));

        expectRefused([&] { return m_store->importPkcs12(data, "p12-secret"); }, ErrorCode::AlreadyExists, QString(),
            QStringLiteral("already in the store (id %1)").arg(r->id));
    }

    void pkcs12Variants_data()
    {
        QTest::addColumn<QStringList>("extraArgs");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("legacy RC2/3DES") << QStringList { QStringLiteral("-legacy") } << QByteArray("old-secret");
        QTest::newRow("empty password") << QStringList {} << QByteArray();
    }

    void pkcs12Variants()
    {
        QFETCH(QStringList, extraArgs);
        QFETCH(QByteArray, password);
        const QString p12 = path(QStringLiteral("variant.p12"));
        QFile::remove(p12);
        QVERIFY(openssl(QStringList { QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"),
                            m_ec.certPath, QStringLiteral("-inkey"), m_ec.keyPath, QStringLiteral("-out"), p12,
                            QStringLiteral("-passout"), QStringLiteral("pass:") + QString::fromLatin1(password) }
            + extraArgs)
                    .ok());
        auto r = m_store->importPkcs12(readAll(p12), password);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->sha256, opensslFingerprint(m_ec.certPath, QStringLiteral("sha256")));
    }

    void pkcs12BadInput()
    {
        const QString noKey = path(QStringLiteral("nokey.p12"));
        QVERIFY(openssl(
            { QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-nokeys"), QStringLiteral("-in"),
                m_ec.certPath, QStringLiteral("-out"), noKey, QStringLiteral("-passout"), QStringLiteral("pass:x") })
                    .ok());
        expectRefused([&] { return m_store->importPkcs12(readAll(noKey), "x"); }, ErrorCode::InvalidArgument,
            QStringLiteral("file"), QStringLiteral("no private key"));

        const QString good = path(QStringLiteral("good.p12"));
        QVERIFY(openssl({ QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"), m_ec.certPath,
                            QStringLiteral("-inkey"), m_ec.keyPath, QStringLiteral("-out"), good,
                            QStringLiteral("-passout"), QStringLiteral("pass:x") })
                    .ok());
        const QByteArray data = readAll(good);
        expectRefused([&] { return m_store->importPkcs12(data.left(data.size() / 2), "x"); },
            ErrorCode::InvalidArgument, QStringLiteral("file"), QStringLiteral("truncated"));
        expectRefused([&] { return m_store->importPkcs12(m_ec.certPem + m_ec.keyPem, "x"); },
            ErrorCode::InvalidArgument, QStringLiteral("file"), QStringLiteral("PEM text"));
        expectRefused([&] { return m_store->importPkcs12(QByteArray(), "x"); }, ErrorCode::InvalidArgument,
            QStringLiteral("file"), QStringLiteral("empty"));
    }

    void pemBadInput()
    {
        const QString der = path(QStringLiteral("ec.der"));
        QVERIFY(openssl({ QStringLiteral("x509"), QStringLiteral("-in"), m_ec.certPath, QStringLiteral("-outform"),
                            QStringLiteral("der"), QStringLiteral("-out"), der })
                    .ok());
        const QByteArray derData = readAll(der);
        expectRefused([&] { return m_store->importPem(derData); }, ErrorCode::InvalidArgument, QStringLiteral("pem"),
            QStringLiteral("binary (DER) data, not PEM"));
        expectRefused([&] { return m_store->importPem(derData); }, ErrorCode::InvalidArgument, QStringLiteral("pem"),
            QStringLiteral("PKCS#12 import"));
        expectRefused([&] { return m_store->importPem(m_ec.certPem, derData); }, ErrorCode::InvalidArgument,
            QStringLiteral("key"), QStringLiteral("DER"));

        const QByteArray whole = m_ec.certPem + m_ec.keyPem;
        expectRefused([&] { return m_store->importPem(whole.left(whole.size() - 80)); }, ErrorCode::InvalidArgument,
            QStringLiteral("pem"), QStringLiteral("truncated"));
        expectRefused([&] { return m_store->importPem(m_ec.certPem.left(m_ec.certPem.size() / 2)); },
            ErrorCode::InvalidArgument, QStringLiteral("pem"), QStringLiteral("truncated"));

        expectRefused([&] { return m_store->importPem(m_ec.certPem); }, ErrorCode::InvalidArgument,
            QStringLiteral("key"), QStringLiteral("private key is missing"));
        expectRefused([&] { return m_store->importPem(m_ec.certPem, m_other.keyPem); }, ErrorCode::InvalidArgument,
            QStringLiteral("key"), QStringLiteral("does not belong to the certificate"));
        expectRefused([&] { return m_store->importPem(m_ec.keyPem); }, ErrorCode::InvalidArgument,
            QStringLiteral("pem"), QStringLiteral("no certificate"));
        expectRefused([&] { return m_store->importPem(m_ec.certPem + m_ec.keyPem + m_other.keyPem); },
            ErrorCode::InvalidArgument, QStringLiteral("key"), QStringLiteral("2 private keys"));
        expectRefused([&] { return m_store->importPem(QByteArray("hello\n")); }, ErrorCode::InvalidArgument,
            QStringLiteral("pem"), QStringLiteral("no PEM data"));
        expectRefused([&] { return m_store->importPem(QByteArray()); }, ErrorCode::InvalidArgument,
            QStringLiteral("pem"), QStringLiteral("empty"));

        // A damaged body (END line intact) and a request instead of a certificate.
        QByteArray damaged = m_ec.certPem;
        damaged.replace(40, 30, QByteArray(30, 'A'));
        expectRefused([&] { return m_store->importPem(damaged + m_ec.keyPem); }, ErrorCode::InvalidArgument,
            QStringLiteral("pem"), QStringLiteral("damaged"));
        const QByteArray csr = openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"),
                                           m_ec.keyPath, QStringLiteral("-subj"), QStringLiteral("/CN=x.example.com") })
                                   .out;
        QVERIFY(csr.contains("CERTIFICATE REQUEST"));
        expectRefused([&] { return m_store->importPem(csr + m_ec.keyPem); }, ErrorCode::InvalidArgument,
            QStringLiteral("pem"), QStringLiteral("certificate request (CSR)"));
        expectRefused([&] { return m_store->importPem(QByteArray(CertificateStore::kMaxInputBytes + 1, 'A')); },
            ErrorCode::InvalidArgument, QStringLiteral("pem"), QStringLiteral("not one"));
    }

    void duplicateIsRefused()
    {
        auto first = m_store->importPem(m_ec.certPem + m_ec.keyPem);
        QVERIFY(first);
        expectRefused([&] { return m_store->importPem(m_ec.certPem, m_ec.keyPem); }, ErrorCode::AlreadyExists,
            QString(), QStringLiteral("already in the store (id %1)").arg(first->id));
    }
};

QTEST_GUILESS_MAIN(TestTlsImport)
#include "TestTlsImport.moc"
