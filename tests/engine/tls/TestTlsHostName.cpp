#include "tls/HostName.h"
#include "tls/OpenSslBackend.h"
#include "tls/TlsPolicy.h"

#include <QTest>

using namespace tegami;

namespace {

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// A self-signed certificate made by the backend with exactly these names (none: CN only).
QSslCertificate makeCert(const QString& cn, const QStringList& dns, const QStringList& ip = {})
{
    OpenSslBackend backend;
    auto key = backend.generateKey(KeyType::EcP256);
    if (!key)
        return QSslCertificate();
    CertificateSpec spec;
    spec.subject.commonName = cn;
    spec.names.dns = dns;
    spec.names.ip = ip;
    spec.notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
    spec.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    auto pem = backend.createSelfSigned(*key, spec);
    if (!pem)
        return QSslCertificate();
    return QSslCertificate(*pem, QSsl::Pem);
}

} // namespace

class TestTlsHostName : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matcher_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("matches");

        QTest::newRow("exact") << "mail.example.com"
                               << "mail.example.com" << true;
        QTest::newRow("other host") << "mail.example.com"
                                    << "smtp.example.com" << false;
        QTest::newRow("case") << "Mail.Example.COM"
                              << "mail.example.com" << true;
        QTest::newRow("host case") << "mail.example.com"
                                   << "MAIL.EXAMPLE.COM" << true;
        QTest::newRow("trailing dot on host") << "mail.example.com"
                                              << "mail.example.com." << true;
        QTest::newRow("trailing dot on pattern") << "mail.example.com."
                                                 << "mail.example.com" << true;
        QTest::newRow("two trailing dots") << "mail.example.com"
                                           << "mail.example.com.." << false;
        QTest::newRow("suffix is not a match") << "example.com"
                                               << "mail.example.com" << false;
        QTest::newRow("prefix is not a match") << "mail.example.com"
                                               << "mail.example.co" << false;
        QTest::newRow("empty pattern") << ""
                                       << "mail.example.com" << false;
        QTest::newRow("empty host") << "mail.example.com"
                                    << "" << false;

        QTest::newRow("wildcard one level") << "*.example.com"
                                            << "a.example.com" << true;
        QTest::newRow("wildcard case") << "*.EXAMPLE.com"
                                       << "Mail.example.COM" << true;
        QTest::newRow("wildcard two levels") << "*.example.com"
                                             << "a.b.example.com" << false;
        QTest::newRow("wildcard apex") << "*.example.com"
                                       << "example.com" << false;
        QTest::newRow("wildcard empty label") << "*.example.com"
                                              << ".example.com" << false;
        QTest::newRow("wildcard other domain") << "*.example.com"
                                               << "a.example.org" << false;
        QTest::newRow("partial label f*") << "f*.example.com"
                                          << "foo.example.com" << false;
        QTest::newRow("partial label *o") << "*o.example.com"
                                          << "foo.example.com" << false;
        QTest::newRow("wildcard not left-most") << "mail.*.com"
                                                << "mail.example.com" << false;
        QTest::newRow("two wildcards") << "*.*.example.com"
                                       << "a.b.example.com" << false;
        QTest::newRow("star alone") << "*"
                                    << "localhost" << false;
        QTest::newRow("star dot com") << "*.com"
                                      << "example.com" << false;
        QTest::newRow("star dot") << "*."
                                  << "example" << false;
        QTest::newRow("wildcard host literal") << "*.example.com"
                                               << "*.example.com" << false;
        QTest::newRow("wildcard vs IP") << "*.0.2.1"
                                        << "192.0.2.1" << false;
        QTest::newRow("IP exact") << "192.0.2.1"
                                  << "192.0.2.1" << true;
        QTest::newRow("IP other") << "192.0.2.1"
                                  << "192.0.2.2" << false;

        // Internationalised names: compared in ACE form, whichever form each side uses.
        const QString idnHost = u("メール.例え.jp");
        const QString idnHostAce = QString::fromLatin1(QUrl::toAce(idnHost));
        QTest::newRow("IDN wildcard unicode host") << u("*.例え.jp") << idnHost << true;
        QTest::newRow("IDN wildcard ACE host") << u("*.例え.jp") << idnHostAce << true;
        QTest::newRow("IDN ACE wildcard unicode host") << "*.xn--r8jz45g.jp" << idnHost << true;
        QTest::newRow("IDN exact unicode vs ACE") << idnHost << idnHostAce << true;
        QTest::newRow("IDN wildcard two levels") << u("*.例え.jp") << u("a.メール.例え.jp") << false;
        QTest::newRow("IDN wildcard apex") << u("*.例え.jp") << u("例え.jp") << false;
        QTest::newRow("IDN other domain") << u("*.例え.jp") << u("メール.例.jp") << false;
    }

    void matcher()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, host);
        QFETCH(bool, matches);
        QCOMPARE(hostnameMatches(pattern, host), matches);
    }

    void aceFormIsWhatWeThinkItIs()
    {
        // Guards the table above: the ACE form really is different text.
        QCOMPARE(QString::fromLatin1(QUrl::toAce(u("メール.例え.jp"))), QStringLiteral("xn--4dkua4c.xn--r8jz45g.jp"));
    }

    void certificateUsesSansWhenPresent()
    {
        const QSslCertificate cert = makeCert(QStringLiteral("cn-only.example.com"),
            { QStringLiteral("mail.example.com"), QStringLiteral("*.example.org") }, { QStringLiteral("192.0.2.10") });
        QVERIFY(!cert.isNull());
        QVERIFY(certificateMatchesHost(cert, QStringLiteral("mail.example.com")));
        QVERIFY(certificateMatchesHost(cert, QStringLiteral("imap.example.org")));
        QVERIFY(!certificateMatchesHost(cert, QStringLiteral("a.b.example.org")));
        // With DNS SANs, the CN is not consulted (RFC 6125 6.4.4).
        QVERIFY(!certificateMatchesHost(cert, QStringLiteral("cn-only.example.com")));
        QVERIFY(certificateMatchesHost(cert, QStringLiteral("192.0.2.10")));
        QVERIFY(!certificateMatchesHost(cert, QStringLiteral("192.0.2.11")));
        const QStringList names = certificateNames(cert);
        QCOMPARE(names,
            (QStringList {
                QStringLiteral("mail.example.com"), QStringLiteral("*.example.org"), QStringLiteral("192.0.2.10") }));
    }

    void certificateUsesCnWithoutDnsSans()
    {
        const QSslCertificate cert = makeCert(QStringLiteral("mail.example.com"), {});
        QVERIFY(!cert.isNull());
        QVERIFY(cert.subjectAlternativeNames().isEmpty());
        QVERIFY(certificateMatchesHost(cert, QStringLiteral("mail.example.com")));
        QVERIFY(certificateMatchesHost(cert, QStringLiteral("MAIL.example.com.")));
        QVERIFY(!certificateMatchesHost(cert, QStringLiteral("smtp.example.com")));
        QCOMPARE(certificateNames(cert), QStringList { QStringLiteral("mail.example.com") });

        // An IP SAN alone does not stop the CN from being used for DNS names.
        const QSslCertificate ipOnly
            = makeCert(QStringLiteral("mail.example.com"), {}, { QStringLiteral("192.0.2.1") });
        QVERIFY(certificateMatchesHost(ipOnly, QStringLiteral("mail.example.com")));
        QVERIFY(certificateMatchesHost(ipOnly, QStringLiteral("192.0.2.1")));
        QVERIFY(!certificateMatchesHost(QSslCertificate(), QStringLiteral("mail.example.com")));
    }

    void namesForCertificates_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalised"); // empty: refused

        QTest::newRow("plain") << "mail.example.com"
                               << "mail.example.com";
        QTest::newRow("case and dot") << " Mail.Example.COM. "
                                      << "mail.example.com";
        QTest::newRow("wildcard") << "*.example.com"
                                  << "*.example.com";
        QTest::newRow("IDN") << u("メール.例え.jp") << "xn--4dkua4c.xn--r8jz45g.jp";
        QTest::newRow("IDN wildcard") << u("*.例え.jp") << "*.xn--r8jz45g.jp";
        QTest::newRow("single label") << "localhost"
                                      << "localhost";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("space inside") << "mail example.com"
                                      << "";
        QTest::newRow("underscore") << "mail_1.example.com"
                                    << "";
        QTest::newRow("leading hyphen") << "-mail.example.com"
                                        << "";
        QTest::newRow("empty label") << "mail..example.com"
                                     << "";
        QTest::newRow("partial wildcard") << "f*.example.com"
                                          << "";
        QTest::newRow("wildcard too broad") << "*.com"
                                            << "";
        QTest::newRow("label too long") << QString(64, QLatin1Char('a')) + QStringLiteral(".example.com") << "";
    }

    void namesForCertificates()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalised);
        auto r = normaliseCertificateName(input, QStringLiteral("sans"));
        if (normalised.isEmpty()) {
            QVERIFY(!r);
            QCOMPARE(r.error().field, QStringLiteral("sans"));
            QVERIFY(!r.error().message.isEmpty());
        } else {
            QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
            QCOMPARE(*r, normalised);
        }
    }

    void subjectNamesSplitAndDeduplicate()
    {
        auto r = parseSubjectNames(
            { QStringLiteral("mail.example.com"), QStringLiteral("MAIL.example.com"), QStringLiteral("192.0.2.10"),
                QStringLiteral("[2001:db8::1]"), QString(), QStringLiteral("*.example.com") },
            QStringLiteral("sans"));
        QVERIFY(r);
        QCOMPARE(r->dns, (QStringList { QStringLiteral("mail.example.com"), QStringLiteral("*.example.com") }));
        QCOMPARE(r->ip, (QStringList { QStringLiteral("192.0.2.10"), QStringLiteral("2001:db8::1") }));

        auto bad = parseSubjectNames(
            { QStringLiteral("ok.example.com"), QStringLiteral("bad name") }, QStringLiteral("sans"));
        QVERIFY(!bad);
        QVERIFY(bad.error().message.contains(QStringLiteral("bad name")));
    }

    void nameHelpers()
    {
        for (KeyType t : { KeyType::Rsa2048, KeyType::Rsa3072, KeyType::Rsa4096, KeyType::EcP256 })
            QCOMPARE(keyTypeFromName(keyTypeName(t)), std::optional<KeyType>(t));
        QCOMPARE(keyTypeFromName(QStringLiteral("EC-P256")), std::optional<KeyType>(KeyType::EcP256));
        QCOMPARE(keyTypeFromName(QStringLiteral("rsa1024")), std::nullopt);
        QCOMPARE(keyTypeNames().size(), 4);

        QCOMPARE(tlsMinimumFromName(QStringLiteral("1.2")), std::optional<TlsMinimum>(TlsMinimum::V1_2));
        QCOMPARE(tlsMinimumFromName(QStringLiteral("TLSv1.3")), std::optional<TlsMinimum>(TlsMinimum::V1_3));
        QCOMPARE(tlsMinimumFromName(QStringLiteral("tls1.3")), std::optional<TlsMinimum>(TlsMinimum::V1_3));
        QCOMPARE(tlsMinimumFromName(QStringLiteral("1.1")), std::nullopt);
        QCOMPARE(tlsMinimumFromName(QStringLiteral("ssl3")), std::nullopt);
        QCOMPARE(tlsMinimumNames(), (QStringList { QStringLiteral("1.2"), QStringLiteral("1.3") }));
    }
};

QTEST_GUILESS_MAIN(TestTlsHostName)
#include "TestTlsHostName.moc"
