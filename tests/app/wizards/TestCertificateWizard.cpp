// The certificate wizard against a real tegamid: a certificate for another name is caught
// before it is assigned, a wildcard covers the server, PKCS#12 needs its password, and a
// request (CSR) is created and later completed with an authority's answer.
#include "WizardTestSupport.h"

using namespace tegami;
using namespace tegami::wizardtest;

class TestCertificateWizard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void certificateMismatchIsCaught()
    {
        Service s;
        QVERIFY(s.start());
        QTemporaryDir files;
        const QByteArray other = makeCertificate(
            files.path(), QStringLiteral("other"), QStringLiteral("other.example"), QStringLiteral("other.example"));
        const QByteArray wildcard = makeCertificate(files.path(), QStringLiteral("wildcard"),
            QStringLiteral("*.example.test"), QStringLiteral("*.example.test"));
        if (other.isEmpty() || wildcard.isEmpty())
            QSKIP("the openssl command is needed to make test certificates");
        const quint16 port = freePorts(1).first();
        s.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("server.fqdn") },
                { QStringLiteral("value"), QStringLiteral("mail.example.test") } });
        s.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("imap.bindings") },
                { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(port) } } });
        s.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("imap.tlsBindings") },
                { QStringLiteral("value"), QJsonArray {} } });
        s.call(QStringLiteral("protocol.enable"), { { QStringLiteral("protocol"), QStringLiteral("imap") } });

        CertificateWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        child<QRadioButton>(&w, QStringLiteral("certImportPem"))->click();
        setText(&w, QStringLiteral("certPemFile"), QString::fromUtf8(other));
        setText(&w, QStringLiteral("certKeyFile"),
            QString::fromUtf8(other).replace(QStringLiteral(".pem"), QStringLiteral(".key")));
        w.next();
        auto* checks = child<QTableWidget>(&w, QStringLiteral("certificateChecks"));
        QCOMPARE(w.currentId(), int(CertificateWizard::Certificate));
        const QString error = visibleError(&w, QStringLiteral("certificateError"));
        QVERIFY2(error.contains(QStringLiteral("does not cover")), qPrintable(error));
        QCOMPARE(checks->rowCount(), 1);
        QCOMPARE(checks->item(0, 1)->text(), QStringLiteral("mail.example.test"));
        QVERIFY(!checks->item(0, 2)->data(Qt::UserRole).toBool());
        QVERIFY(child<QCheckBox>(&w, QStringLiteral("certAssignAnyway"))->isVisible());
        QVERIFY(child<QLabel>(&w, QStringLiteral("certificateTrust"))->text().contains(QStringLiteral("self-signed")));
        QVERIFY(child<QLabel>(&w, QStringLiteral("certificateExpiry"))->text().contains(QStringLiteral("day")));

        // A wildcard for the domain covers the server's name.
        setText(&w, QStringLiteral("certPemFile"), QString::fromUtf8(wildcard));
        setText(&w, QStringLiteral("certKeyFile"),
            QString::fromUtf8(wildcard).replace(QStringLiteral(".pem"), QStringLiteral(".key")));
        w.next();
        QCOMPARE(visibleError(&w, QStringLiteral("certificateError")), QString());
        QCOMPARE(w.currentId(), int(CertificateWizard::Summary));
        QVERIFY(checks->item(0, 2)->text().contains(QStringLiteral("wildcard")));
        w.next();
        QCOMPARE(w.currentId(), int(CertificateWizard::Done));
        const QJsonObject certs = s.call(QStringLiteral("cert.list")).toObject();
        QCOMPARE(certs.value(QStringLiteral("certificates")).toArray().size(), 1);
        QVERIFY(certs.value(QStringLiteral("assignments"))
                    .toObject()
                    .value(QStringLiteral("imap"))
                    .toObject()
                    .value(QStringLiteral("usable"))
                    .toBool());
    }

    void certificateRequestEndsWithTheCsr()
    {
        Service s;
        QVERIFY(s.start());
        s.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("server.fqdn") },
                { QStringLiteral("value"), QStringLiteral("mail.example.test") } });
        CertificateWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        child<QRadioButton>(&w, QStringLiteral("certCreateCsr"))->click();
        setText(&w, QStringLiteral("csrCommonName"), QStringLiteral("mail.example.test"));
        setText(&w, QStringLiteral("csrCountry"), QStringLiteral("J"));
        w.next();
        QCOMPARE(w.currentId(), int(CertificateWizard::Certificate));
        QVERIFY(visibleError(&w, QStringLiteral("certificateError")).contains(QStringLiteral("two letters")));
        setText(&w, QStringLiteral("csrCountry"), QStringLiteral("JP"));
        w.next();
        QCOMPARE(visibleError(&w, QStringLiteral("certificateError")), QString());
        QCOMPARE(w.currentId(), int(CertificateWizard::Summary));
        w.next();
        QCOMPARE(w.currentId(), int(CertificateWizard::Done));
        QVERIFY(child<QPlainTextEdit>(&w, QStringLiteral("csrText"))
                    ->toPlainText()
                    .contains(QStringLiteral("BEGIN CERTIFICATE REQUEST")));
        QCOMPARE(s.call(QStringLiteral("cert.list")).toObject().value(QStringLiteral("pending")).toArray().size(), 1);

        // An authority signs it; the wizard completes the request and shows the check first.
        QTemporaryDir ca;
        const QString csr = ca.filePath(QStringLiteral("request.csr"));
        QFile out(csr);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(child<QPlainTextEdit>(&w, QStringLiteral("csrText"))->toPlainText().toUtf8());
        out.close();
        const QString caKey = ca.filePath(QStringLiteral("ca.key"));
        const QString caCert = ca.filePath(QStringLiteral("ca.pem"));
        const QString signed_ = ca.filePath(QStringLiteral("signed.pem"));
        if (!openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), caKey, QStringLiteral("-out"), caCert, QStringLiteral("-days"),
                QStringLiteral("30"), QStringLiteral("-subj"), QStringLiteral("/CN=Test Office CA") })
            || !openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                QStringLiteral("-CA"), caCert, QStringLiteral("-CAkey"), caKey, QStringLiteral("-CAcreateserial"),
                QStringLiteral("-copy_extensions"), QStringLiteral("copy"), QStringLiteral("-days"),
                QStringLiteral("30"), QStringLiteral("-out"), signed_ }))
            QSKIP("the openssl command is needed to sign the request");
        w.accept();
        CertificateWizard complete(*s.client);
        QVERIFY(complete.loadSnapshot());
        complete.show();
        auto* completeRadio = child<QRadioButton>(&complete, QStringLiteral("certCompleteCsr"));
        QVERIFY(completeRadio->isEnabled());
        completeRadio->click();
        setText(&complete, QStringLiteral("csrAnswerFile"), signed_);
        complete.next();
        QCOMPARE(visibleError(&complete, QStringLiteral("certificateError")), QString());
        QCOMPARE(complete.currentId(), int(CertificateWizard::Summary));
        QVERIFY(child<QLabel>(&complete, QStringLiteral("certificateTrust"))
                    ->text()
                    .contains(QStringLiteral("not trusted")));
        complete.next();
        QCOMPARE(complete.currentId(), int(CertificateWizard::Done));
        const QJsonObject certs = s.call(QStringLiteral("cert.list")).toObject();
        QCOMPARE(certs.value(QStringLiteral("pending")).toArray().size(), 0);
        QCOMPARE(certs.value(QStringLiteral("certificates")).toArray().size(), 1);
    }

    void pkcs12NeedsItsPassword()
    {
        Service s;
        QVERIFY(s.start());
        s.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("server.fqdn") },
                { QStringLiteral("value"), QStringLiteral("mail.example.test") } });
        QTemporaryDir files;
        const QByteArray pem = makeCertificate(files.path(), QStringLiteral("mail"),
            QStringLiteral("mail.example.test"), QStringLiteral("mail.example.test"));
        const QString p12 = files.filePath(QStringLiteral("mail.p12"));
        if (pem.isEmpty()
            || !openssl({ QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"),
                QString::fromUtf8(pem), QStringLiteral("-inkey"), files.filePath(QStringLiteral("mail.key")),
                QStringLiteral("-out"), p12, QStringLiteral("-passout"), QStringLiteral("pass:secret-1") }))
            QSKIP("the openssl command is needed to make a PKCS#12 file");
        CertificateWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        child<QRadioButton>(&w, QStringLiteral("certImportPkcs12"))->click();
        setText(&w, QStringLiteral("certPkcs12File"), p12);
        setText(&w, QStringLiteral("certPkcs12Password"), QStringLiteral("wrong"));
        w.next();
        QCOMPARE(w.currentId(), int(CertificateWizard::Certificate));
        QVERIFY(visibleError(&w, QStringLiteral("certificateError")).contains(QStringLiteral("password")));
        setText(&w, QStringLiteral("certPkcs12Password"), QStringLiteral("secret-1"));
        w.next();
        QCOMPARE(w.currentId(), int(CertificateWizard::Summary));
        w.next();
        QCOMPARE(w.currentId(), int(CertificateWizard::Done));
        QCOMPARE(
            s.call(QStringLiteral("cert.list")).toObject().value(QStringLiteral("certificates")).toArray().size(), 1);
    }
};

QTEST_MAIN(TestCertificateWizard)
#include "TestCertificateWizard.moc"
