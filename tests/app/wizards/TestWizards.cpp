// The wizards driven like an admin would, page by page, against a real tegamid on a fresh
// data directory (offscreen platform, free high ports): first setup, protocols, ports, and
// the main window that offers and opens them.
#include "WizardTestSupport.h"

using namespace tegami;
using namespace tegami::wizardtest;

class TestWizards : public QObject {
    Q_OBJECT

private:
    // Fills the first-run wizard up to its summary page with IMAP4 and POP3 on implicit TLS
    // and submission on STARTTLS, each on 127.0.0.1 and the given ports.
    void fillFirstRun(FirstRunWizard& w, const QList<quint16>& ports)
    {
        QCOMPARE(w.currentId(), int(FirstRunWizard::Organisation));
        setText(&w, QStringLiteral("domainName"), QStringLiteral("example.test"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::ServerName));
        QCOMPARE(child<QLineEdit>(&w, QStringLiteral("serverFqdn"))->text(), QStringLiteral("mail.example.test"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Admin));
        QVERIFY(child<QLabel>(&w, QStringLiteral("adminNote"))->text().contains(QStringLiteral("POP3 or IMAP4")));
        setText(&w, QStringLiteral("adminPassword"), QStringLiteral("admin-password-1"));
        setText(&w, QStringLiteral("adminPasswordConfirm"), QStringLiteral("admin-password-1"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Mailboxes));
        setText(&w, QStringLiteral("mailboxName"), QStringLiteral("alice"));
        setText(&w, QStringLiteral("mailboxDisplayName"), QStringLiteral("Alice"));
        setText(&w, QStringLiteral("mailboxPassword"), QStringLiteral("alice-password-1"));
        QTest::mouseClick(child<QPushButton>(&w, QStringLiteral("addMailboxButton")), Qt::LeftButton);
        QCOMPARE(child<QListWidget>(&w, QStringLiteral("mailboxList"))->count(), 1);
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Protocols));
        QVERIFY(child<QCheckBox>(&w, QStringLiteral("imapEnable"))->isChecked());
        QVERIFY(child<QCheckBox>(&w, QStringLiteral("pop3Enable"))->isChecked());
        QVERIFY(child<QCheckBox>(&w, QStringLiteral("submissionEnable"))->isChecked());
        QVERIFY(!child<QCheckBox>(&w, QStringLiteral("smtpEnable"))->isChecked());
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Certificate));
        QVERIFY(child<QRadioButton>(&w, QStringLiteral("certGenerate"))->isChecked());
        auto* checks = child<QTableWidget>(&w, QStringLiteral("certificateChecks"));
        QCOMPARE(checks->rowCount(), 3);
        for (int row = 0; row < checks->rowCount(); ++row)
            QVERIFY(checks->item(row, 2)->data(Qt::UserRole).toBool());
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Ports));
        const QStringList rows
            = { QStringLiteral("imap-tls"), QStringLiteral("pop3-tls"), QStringLiteral("submission-plain") };
        for (qsizetype i = 0; i < rows.size(); ++i) {
            setText(&w, rows[i] + QStringLiteral("Address"), QStringLiteral("127.0.0.1"));
            child<QSpinBox>(&w, rows[i] + QStringLiteral("Port"))->setValue(ports[i]);
        }
        QVERIFY(!child<QLabel>(&w, QStringLiteral("firewallNote"))->text().isEmpty());
        w.next();
        QCOMPARE(visibleError(&w, QStringLiteral("portsError")), QString());
        QCOMPARE(w.currentId(), int(FirstRunWizard::Summary));
    }

private Q_SLOTS:
    void cleanup() { TegamiWizard::clearPortOverrides(); }

    void wildcardsCoverOneLabel()
    {
        QVERIFY(certcheck::nameCovers(QStringLiteral("*.example.test"), QStringLiteral("mail.example.test")));
        QVERIFY(certcheck::nameCovers(QStringLiteral("Mail.Example.test"), QStringLiteral("mail.example.TEST")));
        QVERIFY(!certcheck::nameCovers(QStringLiteral("*.example.test"), QStringLiteral("example.test")));
        QVERIFY(!certcheck::nameCovers(QStringLiteral("*.example.test"), QStringLiteral("a.mail.example.test")));
        QVERIFY(!certcheck::nameCovers(QStringLiteral("other.example"), QStringLiteral("mail.example.test")));
    }

    void badNamesAreShownAtTheirField()
    {
        Service s;
        QVERIFY(s.start());
        FirstRunWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        setText(&w, QStringLiteral("domainName"), QStringLiteral("bad domain!"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Organisation));
        QVERIFY(visibleError(&w, QStringLiteral("domainNameError")).contains(QStringLiteral("bad domain!")));
        setText(&w, QStringLiteral("domainName"), QStringLiteral("example.test"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::ServerName));
        setText(&w, QStringLiteral("serverFqdn"), QStringLiteral("mail_server..example"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::ServerName));
        QVERIFY(!visibleError(&w, QStringLiteral("serverFqdnError")).isEmpty());
        setText(&w, QStringLiteral("serverFqdn"), QStringLiteral("mail"));
        w.next();
        QVERIFY(visibleError(&w, QStringLiteral("serverFqdnError")).contains(QStringLiteral("fully qualified")));
        setText(&w, QStringLiteral("serverFqdn"), QStringLiteral("mail.example.test"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Admin));
        setText(&w, QStringLiteral("adminPassword"), QStringLiteral("short"));
        setText(&w, QStringLiteral("adminPasswordConfirm"), QStringLiteral("short"));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Admin));
        QVERIFY(!visibleError(&w, QStringLiteral("adminError")).isEmpty());
    }

    void cancelLeavesNothingApplied()
    {
        Service s;
        QVERIFY(s.start());
        FirstRunWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        fillFirstRun(w, freePorts(3));
        QVERIFY(child<QListWidget>(&w, QStringLiteral("summarySteps"))->count() >= 8);
        QTest::mouseClick(w.button(QWizard::CancelButton), Qt::LeftButton);
        QVERIFY(!w.isVisible());
        const QJsonObject status = s.call(QStringLiteral("status")).toObject();
        QCOMPARE(status.value(QStringLiteral("accounts")).toObject().value(QStringLiteral("domains")).toInt(), 0);
        QCOMPARE(status.value(QStringLiteral("accounts")).toObject().value(QStringLiteral("mailboxes")).toInt(), 0);
        QVERIFY(s.call(QStringLiteral("listener.list")).toArray().isEmpty());
        QVERIFY(
            s.call(QStringLiteral("cert.list")).toObject().value(QStringLiteral("certificates")).toArray().isEmpty());
        QCOMPARE(s.call(QStringLiteral("config.get"), { { QStringLiteral("key"), QStringLiteral("server.fqdn") } })
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toString(),
            QString());
    }

    void firstRunReachesWorkingMail()
    {
        Service s;
        QVERIFY(s.start());
        FirstRunWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        const QList<quint16> ports = freePorts(3);
        fillFirstRun(w, ports);
        w.next(); // Apply
        QCOMPARE(visibleError(&w, QStringLiteral("applyError")), QString());
        QCOMPARE(w.currentId(), int(FirstRunWizard::Done));
        QVERIFY(w.outcome().ok);
        auto* settings = qobject_cast<ClientSettingsPage*>(w.currentPage());
        QVERIFY(settings);

        // Listeners up, each with TLS from the generated certificate.
        const QJsonObject imap = s.listener(QStringLiteral("imap"));
        const QJsonObject pop3 = s.listener(QStringLiteral("pop3"));
        const QJsonObject submission = s.listener(QStringLiteral("submission"));
        for (const QJsonObject& l : { imap, pop3, submission }) {
            QCOMPARE(l.value(QStringLiteral("state")).toString(), QStringLiteral("listening"));
            QVERIFY(l.value(QStringLiteral("tlsAvailable")).toBool());
        }
        QCOMPARE(imap.value(QStringLiteral("port")).toInt(), ports[0]);
        QCOMPARE(imap.value(QStringLiteral("tls")).toString(), QStringLiteral("implicit"));
        QCOMPARE(pop3.value(QStringLiteral("port")).toInt(), ports[1]);
        QCOMPARE(submission.value(QStringLiteral("port")).toInt(), ports[2]);
        QCOMPARE(submission.value(QStringLiteral("tls")).toString(), QStringLiteral("starttls"));
        const QJsonObject certs = s.call(QStringLiteral("cert.list")).toObject();
        const QJsonArray list = certs.value(QStringLiteral("certificates")).toArray();
        QCOMPARE(list.size(), 1);
        QVERIFY(
            list[0].toObject().value(QStringLiteral("sans")).toArray().contains(QStringLiteral("mail.example.test")));
        QCOMPARE(certs.value(QStringLiteral("assignments"))
                     .toObject()
                     .value(QStringLiteral("imap"))
                     .toObject()
                     .value(QStringLiteral("usable"))
                     .toBool(),
            true);

        // A real login: alice over IMAP4 with implicit TLS and POP3; the admin is refused.
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), ports[0]);
        QVERIFY(socket.waitForEncrypted(10000));
        QVERIFY(exchange(socket, {}, "\r\n").startsWith("* OK"));
        QVERIFY(exchange(socket, "a LOGIN alice@example.test alice-password-1", "a ").contains("a OK"));
        QVERIFY(exchange(socket, "b LOGOUT", "b ").contains("b OK"));
        QSslSocket admin;
        admin.setPeerVerifyMode(QSslSocket::VerifyNone);
        admin.connectToHostEncrypted(QStringLiteral("127.0.0.1"), ports[0]);
        QVERIFY(admin.waitForEncrypted(10000));
        exchange(admin, {}, "\r\n");
        QVERIFY(exchange(admin, "a LOGIN admin@example.test admin-password-1", "a ").contains("a NO"));
        QSslSocket pop;
        pop.setPeerVerifyMode(QSslSocket::VerifyNone);
        pop.connectToHostEncrypted(QStringLiteral("127.0.0.1"), ports[1]);
        QVERIFY(pop.waitForEncrypted(10000));
        QVERIFY(exchange(pop, {}, "\r\n").startsWith("+OK"));
        QVERIFY(exchange(pop, "USER alice@example.test", "\r\n").startsWith("+OK"));
        QVERIFY(exchange(pop, "PASS alice-password-1", "\r\n").startsWith("+OK"));
        QVERIFY(exchange(pop, "QUIT", "\r\n").startsWith("+OK"));
        pop.disconnectFromHost();
        // Submission offers STARTTLS with the same certificate.
        QSslSocket smtp;
        smtp.setPeerVerifyMode(QSslSocket::VerifyNone);
        smtp.connectToHost(QStringLiteral("127.0.0.1"), ports[2]);
        QVERIFY(smtp.waitForConnected(10000));
        QVERIFY(exchange(smtp, {}, "\r\n").startsWith("220"));
        QVERIFY(exchange(smtp, "EHLO client.example.test", "250 ").contains("STARTTLS"));
        QVERIFY(exchange(smtp, "STARTTLS", "\r\n").startsWith("220"));
        smtp.startClientEncryption();
        QVERIFY(smtp.waitForEncrypted(10000));

        // The service's own connectivity test (log in, send through submission, fetch it back).
        const RpcReply test = callAndWait(*s.client, QStringLiteral("diag.test"),
            { { QStringLiteral("user"), QStringLiteral("alice@example.test") },
                { QStringLiteral("password"), QStringLiteral("alice-password-1") },
                { QStringLiteral("trustAnyCertificate"), true } },
            90000);
        if (!test.methodNotFound()) {
            QVERIFY2(test.ok, qPrintable(test.message));
            QStringList failures;
            for (const QJsonValue& t : test.result.toObject().value(QStringLiteral("tests")).toArray()) {
                for (const QJsonValue& step : t.toObject().value(QStringLiteral("steps")).toArray()) {
                    if (step.toObject().value(QStringLiteral("result")).toString() != QLatin1String("success"))
                        failures << QString::fromUtf8(QJsonDocument(step.toObject()).toJson(QJsonDocument::Compact));
                }
            }
            QVERIFY2(test.result.toObject().value(QStringLiteral("passed")).toBool(),
                qPrintable(failures.join(QLatin1Char('\n'))));
        }

        const QJsonArray users = s.call(QStringLiteral("user.list")).toArray();
        QCOMPARE(users.size(), 2);
        bool adminFlag = false;
        for (const QJsonValue& u : users) {
            if (u.toObject().value(QStringLiteral("address")).toString() == QStringLiteral("admin@example.test"))
                adminFlag = u.toObject().value(QStringLiteral("admin")).toBool();
        }
        QVERIFY(adminFlag);
    }

    void applyFailureUndoesEverything()
    {
        Service s;
        QVERIFY(s.start());
        FirstRunWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        const QList<quint16> ports = freePorts(3);
        fillFirstRun(w, ports);
        // The port is taken between the check and Apply: the listener cannot start.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, ports[1]));
        w.next();
        QCOMPARE(w.currentId(), int(FirstRunWizard::Summary));
        const QString error = visibleError(&w, QStringLiteral("applyError"));
        QVERIFY2(error.contains(QStringLiteral("What to do")), qPrintable(error));
        QVERIFY(!w.outcome().ok);
        QVERIFY(w.outcome().undoProblems.isEmpty());
        const QJsonObject accounts
            = s.call(QStringLiteral("status")).toObject().value(QStringLiteral("accounts")).toObject();
        QCOMPARE(accounts.value(QStringLiteral("domains")).toInt(), 0);
        QCOMPARE(accounts.value(QStringLiteral("mailboxes")).toInt(), 0);
        QVERIFY(s.call(QStringLiteral("listener.list")).toArray().isEmpty());
        QVERIFY(
            s.call(QStringLiteral("cert.list")).toObject().value(QStringLiteral("certificates")).toArray().isEmpty());
    }

    void portConflictIsCaughtOnThePortsPage()
    {
        Service s;
        QVERIFY(s.start());
        QTcpServer held;
        QVERIFY(held.listen(QHostAddress::LocalHost, 0));
        const QList<quint16> free = freePorts(2);
        ProtocolsWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        QCOMPARE(w.currentId(), int(ProtocolsWizard::Protocols));
        child<QCheckBox>(&w, QStringLiteral("imapEnable"))->setChecked(true);
        child<QCheckBox>(&w, QStringLiteral("pop3Enable"))->setChecked(true);
        w.next();
        QCOMPARE(w.currentId(), int(ProtocolsWizard::Ports));
        setText(&w, QStringLiteral("imap-tlsAddress"), QStringLiteral("127.0.0.1"));
        child<QSpinBox>(&w, QStringLiteral("imap-tlsPort"))->setValue(held.serverPort());
        setText(&w, QStringLiteral("pop3-tlsAddress"), QStringLiteral("127.0.0.1"));
        child<QSpinBox>(&w, QStringLiteral("pop3-tlsPort"))->setValue(free[0]);
        w.next();
        QCOMPARE(w.currentId(), int(ProtocolsWizard::Ports));
        const QString inUse = visibleError(&w, QStringLiteral("imap-tlsError"));
        QVERIFY2(inUse.contains(QStringLiteral("in use")), qPrintable(inUse));
        // On Linux the holder is named: this test program.
#ifdef Q_OS_LINUX
        QVERIFY2(inUse.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(inUse));
#endif
        QCOMPARE(visibleError(&w, QStringLiteral("pop3-tlsError")), QString());

        // An address this machine does not have, and one that is no address: at the field.
        setText(&w, QStringLiteral("pop3-tlsAddress"), QStringLiteral("not-an-address"));
        setText(&w, QStringLiteral("imap-tlsAddress"), QStringLiteral("192.0.2.77"));
        w.next();
        QCOMPARE(w.currentId(), int(ProtocolsWizard::Ports));
        QVERIFY2(visibleError(&w, QStringLiteral("pop3-tlsError")).contains(QStringLiteral("not an IP address")),
            qPrintable(visibleError(&w, QStringLiteral("pop3-tlsError"))));
        QVERIFY2(visibleError(&w, QStringLiteral("imap-tlsError")).contains(QStringLiteral("192.0.2.77")),
            qPrintable(visibleError(&w, QStringLiteral("imap-tlsError"))));
        setText(&w, QStringLiteral("pop3-tlsAddress"), QStringLiteral("127.0.0.1"));
        setText(&w, QStringLiteral("imap-tlsAddress"), QStringLiteral("127.0.0.1"));

        // Two Tegami listeners on one address and port.
        child<QSpinBox>(&w, QStringLiteral("imap-tlsPort"))->setValue(free[0]);
        w.next();
        QCOMPARE(w.currentId(), int(ProtocolsWizard::Ports));
        QVERIFY(visibleError(&w, QStringLiteral("imap-tlsError")).contains(QStringLiteral("also wants")));
        QVERIFY(visibleError(&w, QStringLiteral("pop3-tlsError")).contains(QStringLiteral("also wants")));

        // A privileged port the service may not bind, with the fix.
        if (!BindingProbe::canBindPrivileged(s.process->pid(), nullptr)
            && BindingProbe::unprivilegedPortStart() > 993) {
            child<QSpinBox>(&w, QStringLiteral("imap-tlsPort"))->setValue(993);
            w.next();
            const QString privileged = visibleError(&w, QStringLiteral("imap-tlsError"));
            QVERIFY2(privileged.contains(QStringLiteral("AmbientCapabilities=CAP_NET_BIND_SERVICE")),
                qPrintable(privileged));
            QVERIFY(privileged.contains(QStringLiteral("setcap")));
        }

        child<QSpinBox>(&w, QStringLiteral("imap-tlsPort"))->setValue(free[1]);
        w.next();
        QCOMPARE(visibleError(&w, QStringLiteral("imap-tlsError")), QString());
        // No certificate on this service yet: the wizard asks for one before the summary.
        QCOMPARE(w.currentId(), int(ProtocolsWizard::Certificate));
        w.reject();
        QVERIFY(s.call(QStringLiteral("listener.list")).toArray().isEmpty());
    }

    void privilegedPortsComeWithTheFix()
    {
        if (BindingProbe::unprivilegedPortStart() <= 993)
            QSKIP("this system lets anyone bind port 993");
        ListenerChoice l;
        l.protocol = QStringLiteral("imap");
        l.address = QStringLiteral("127.0.0.1");
        l.port = 993;
        // No process (pid 0) holds CAP_NET_BIND_SERVICE.
        const QList<BindingProbe::Result> results = BindingProbe::probeLocally({ l }, {}, {}, 0);
        QCOMPARE(results.size(), 1);
        bool privileged = false;
        for (const BindingProbe::Problem& p : results[0].problems) {
            if (p.kind == QLatin1String("privileged")) {
                privileged = true;
                QVERIFY(p.fix.contains(QStringLiteral("AmbientCapabilities=CAP_NET_BIND_SERVICE")));
                QVERIFY(p.fix.contains(QStringLiteral("setcap cap_net_bind_service=+ep")));
            }
        }
        QVERIFY(privileged);
    }

    void portsWizardMovesAListener()
    {
        Service s;
        QVERIFY(s.start());
        const QList<quint16> ports = freePorts(2);
        s.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.bindings") },
                { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(ports[0]) } } });
        s.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.tlsBindings") },
                { QStringLiteral("value"), QJsonArray {} } });
        s.call(QStringLiteral("protocol.enable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } });
        QCOMPARE(s.listener(QStringLiteral("pop3")).value(QStringLiteral("port")).toInt(), ports[0]);
        PortsWizard w(*s.client);
        QVERIFY(w.loadSnapshot());
        w.show();
        auto* port = child<QSpinBox>(&w, QStringLiteral("pop3-plainPort"));
        QVERIFY(port);
        QCOMPARE(port->value(), int(ports[0]));
        port->setValue(ports[1]);
        w.next();
        QCOMPARE(w.currentId(), int(PortsWizard::Summary));
        w.next();
        QCOMPARE(w.currentId(), int(PortsWizard::Done));
        QCOMPARE(s.listener(QStringLiteral("pop3")).value(QStringLiteral("port")).toInt(), ports[1]);
        QCOMPARE(
            s.listener(QStringLiteral("pop3")).value(QStringLiteral("state")).toString(), QStringLiteral("listening"));
    }

    void mainWindowOffersAndOpensTheWizards()
    {
        Service s;
        QVERIFY(s.start());
        ConsoleOptions options;
        options.dataDir = s.dir.path();
        options.startService = false;
        options.trayIcon = false;
        MainWindow window(options);
        window.show();
        QCOMPARE(window.wizardNames().size(), 4);
        QVERIFY(window.pageNames().contains(QStringLiteral("diagnostics")));
        // A fresh service: the first setup is offered above the pages.
        auto* offer = child<QWidget>(&window, QStringLiteral("firstRunOffer"));
        QTRY_VERIFY_WITH_TIMEOUT(offer->isVisible(), 10000);
        child<QPushButton>(&window, QStringLiteral("firstRunOfferButton"))->click();
        auto* firstRun = window.findChild<FirstRunWizard*>();
        QVERIFY(firstRun && firstRun->isVisible());
        firstRun->reject();
        for (const QString& name : window.wizardNames()) {
            auto* action = window.findChild<QAction*>(name + QStringLiteral("WizardAction"));
            QVERIFY(action);
        }

        // The Certificates page: assign and remove the selected certificate, open the wizard.
        const QString id = s.call(QStringLiteral("cert.generate"),
                                { { QStringLiteral("commonName"), QStringLiteral("mail.example.test") } })
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
        QVERIFY(!id.isEmpty());
        window.showPage(QStringLiteral("certificates"));
        auto* page = qobject_cast<CertificatesPage*>(window.page(QStringLiteral("certificates")));
        QTRY_COMPARE(page->model()->rowCount(), 1);
        child<QTableView>(page, QStringLiteral("certificateTable"))->selectRow(0);
        auto* target = child<QComboBox>(page, QStringLiteral("assignTarget"));
        target->setCurrentIndex(target->findData(QStringLiteral("imap")));
        child<QPushButton>(page, QStringLiteral("assignCertificateButton"))->click();
        QTRY_COMPARE(
            s.call(QStringLiteral("config.get"), { { QStringLiteral("key"), QStringLiteral("imap.certificate") } })
                .toObject()
                .value(QStringLiteral("value"))
                .toString(),
            id);
        // In use: the service refuses to remove it, and the page says why.
        Confirm::setNextAnswer(true);
        child<QTableView>(page, QStringLiteral("certificateTable"))->selectRow(0);
        child<QPushButton>(page, QStringLiteral("removeCertificateButton"))->click();
        QTRY_VERIFY(!visibleError(page, QStringLiteral("certificateActionError")).isEmpty());
        QCOMPARE(
            s.call(QStringLiteral("cert.list")).toObject().value(QStringLiteral("certificates")).toArray().size(), 1);
        child<QPushButton>(page, QStringLiteral("certificateWizardButton"))->click();
        auto* wizard = window.findChild<CertificateWizard*>();
        QVERIFY(wizard && wizard->isVisible());
        wizard->reject();
    }
};

QTEST_MAIN(TestWizards)
#include "TestWizards.moc"
