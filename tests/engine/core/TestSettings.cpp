#include "core/Settings.h"
#include "core/SettingsFile.h"
#include "core/SettingsSchema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace tegami;

namespace {
QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
void writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}
} // namespace

class TestSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsEnableNothing()
    {
        const Settings s = Settings::defaults();
        for (Protocol p : allProtocols)
            QVERIFY(!s.protocolEnabled(p));
        QVERIFY(s.listeners().isEmpty());
        QCOMPARE(s.integer(QStringLiteral("pop3.maxCommandSize")), 512);
        QCOMPARE(s.integer(QStringLiteral("imap.maxCommandSize")), 10240);
        QCOMPARE(s.string(QStringLiteral("pop3.loginType")), QStringLiteral("secureLogin"));
        QCOMPARE(s.integer(QStringLiteral("submission.maxMessageSize")), 36LL * 1024 * 1024);
        QVERIFY(s.boolean(QStringLiteral("submission.requireTlsForAuth")));
        QVERIFY(!s.boolean(QStringLiteral("submission.popBeforeSmtp")));
    }

    void everyDefaultPassesItsOwnValidation()
    {
        const SettingsSchema& schema = SettingsSchema::instance();
        for (const FieldSpec& f : schema.fields())
            QVERIFY2(schema.validateValue(f, f.defaultValue).isEmpty(), qPrintable(f.key));
    }

    void enablingAProtocolYieldsItsListeners()
    {
        Settings s = Settings::defaults();
        QVERIFY(s.set(QStringLiteral("pop3.enabled"), true).ok());
        const QList<ListenerSpec> ls = s.listeners();
        QCOMPARE(ls.size(), 2);
        QCOMPARE(ls[0].id(), QStringLiteral("pop3/0.0.0.0:110"));
        QCOMPARE(ls[0].tlsMode, TlsMode::StartTls);
        QCOMPARE(ls[1].id(), QStringLiteral("pop3/0.0.0.0:995"));
        QCOMPARE(ls[1].tlsMode, TlsMode::Implicit);
    }

    void setRefusesBadValuesWithFieldLevelMessages_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("too small") << "pop3.maxCommandSize" << QJsonValue(10) << "between 40 and";
        QTest::newRow("not a number") << "pop3.maxCommandSize" << QJsonValue(QStringLiteral("big")) << "whole number";
        QTest::newRow("fraction") << "pop3.maxCommandSize" << QJsonValue(512.5) << "whole number";
        QTest::newRow("bad enum") << "imap.loginType" << QJsonValue(QStringLiteral("anything")) << "secureLogin";
        QTest::newRow("bad binding") << "imap.bindings" << QJsonValue(QJsonArray { QStringLiteral("0.0.0.0") })
                                     << "address:port";
        QTest::newRow("bad port") << "imap.bindings" << QJsonValue(QJsonArray { QStringLiteral("0.0.0.0:70000") })
                                  << "between 1 and 65535";
        QTest::newRow("host name") << "imap.bindings"
                                   << QJsonValue(QJsonArray { QStringLiteral("mail.example.com:143") })
                                   << "not an IP address";
        QTest::newRow("bad network") << "smtp.trustedNetworks" << QJsonValue(QJsonArray { QStringLiteral("10.0.0/99") })
                                     << "address/prefix";
        QTest::newRow("bad fqdn") << "server.fqdn" << QJsonValue(QStringLiteral("mail_server!")) << "host name";
        QTest::newRow("unknown") << "pop3.maxComandSize" << QJsonValue(512) << "not a known setting";
        QTest::newRow("bool") << "pop3.enabled" << QJsonValue(QStringLiteral("yes")) << "true or false";
    }
    void setRefusesBadValuesWithFieldLevelMessages()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        Settings s = Settings::defaults();
        const Settings before = s;
        const Result<void> r = s.set(key, value);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().field, key);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY(s == before);
    }

    void twoListenersOnOneAddressAndPortAreRefusedWithTheReason()
    {
        Settings s = Settings::defaults();
        QVERIFY(s.set(QStringLiteral("smtp.enabled"), true).ok());
        QVERIFY(s.set(QStringLiteral("submission.bindings"), QJsonArray { QStringLiteral("0.0.0.0:25") })
                    .ok()); // disabled: no clash yet
        const Result<void> r = s.set(QStringLiteral("submission.enabled"), true);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("different local address")), qPrintable(r.error().message));
        // The wildcard clashes with a specific address on the same port, too.
        QVERIFY(s.set(QStringLiteral("submission.bindings"), QJsonArray { QStringLiteral("127.0.0.2:25") }).ok());
        QVERIFY(!s.set(QStringLiteral("submission.enabled"), true).ok());
        // Distinct local addresses on port 25: the supported way to run both.
        QVERIFY(s.set(QStringLiteral("smtp.bindings"), QJsonArray { QStringLiteral("127.0.0.1:25") }).ok());
        QVERIFY(s.set(QStringLiteral("submission.enabled"), true).ok());
        // IPv4 and IPv6 wildcards are different sockets.
        QVERIFY(s.set(QStringLiteral("smtp.bindings"),
                     QJsonArray { QStringLiteral("127.0.0.1:25"), QStringLiteral("[::]:25") })
                    .ok());
        QVERIFY(!s.set(QStringLiteral("smtp.bindings"),
                      QJsonArray { QStringLiteral("127.0.0.1:25"), QStringLiteral("127.0.0.1:25") })
                     .ok());
        // A repeated binding is refused even while its protocol is disabled.
        const Result<void> repeated = s.set(QStringLiteral("imap.tlsBindings"),
            QJsonArray { QStringLiteral("127.0.0.1:993"), QStringLiteral("127.0.0.1:993") });
        QVERIFY(!repeated.ok());
        QVERIFY(repeated.error().message.contains(QStringLiteral("twice")));
    }

    void listenersTakeTheServerNameAndDefaultCertificateUnlessTheyHaveTheirOwn()
    {
        Settings s = Settings::defaults();
        QVERIFY(s.set(QStringLiteral("server.fqdn"), QStringLiteral("mail.example.com")).ok());
        QVERIFY(s.set(QStringLiteral("tls.defaultCertificate"), QStringLiteral("aaaa")).ok());
        QVERIFY(s.set(QStringLiteral("imap.fqdn"), QStringLiteral("imap.example.com")).ok());
        QVERIFY(s.set(QStringLiteral("imap.certificate"), QStringLiteral("bbbb")).ok());
        QCOMPARE(s.listenerFqdn(Protocol::Imap), QStringLiteral("imap.example.com"));
        QCOMPARE(s.listenerFqdn(Protocol::Pop3), QStringLiteral("mail.example.com"));
        QCOMPARE(s.certificateFor(Protocol::Imap), QStringLiteral("bbbb"));
        QCOMPARE(s.certificateFor(Protocol::Smtp), QStringLiteral("aaaa"));
        QVERIFY(!s.set(QStringLiteral("tls.minimumVersion"), QStringLiteral("1.1")).ok());
        QVERIFY(s.set(QStringLiteral("tls.minimumVersion"), QStringLiteral("1.3")).ok());
    }

    void valuesParseFromCommandLineText()
    {
        QCOMPARE(*Settings::parseValueText(QStringLiteral("pop3.enabled"), QStringLiteral("true")), QJsonValue(true));
        QCOMPARE(*Settings::parseValueText(QStringLiteral("pop3.enabled"), QStringLiteral("off")), QJsonValue(false));
        QCOMPARE(
            *Settings::parseValueText(QStringLiteral("pop3.maxCommandSize"), QStringLiteral("1024")), QJsonValue(1024));
        const QJsonValue list
            = *Settings::parseValueText(QStringLiteral("pop3.bindings"), QStringLiteral("127.0.0.1:110, [::1]:110"));
        QCOMPARE(list, QJsonValue(QJsonArray { QStringLiteral("127.0.0.1:110"), QStringLiteral("[::1]:110") }));
        QCOMPARE(*Settings::parseValueText(QStringLiteral("server.fqdn"), QStringLiteral("mail.example.com")),
            QJsonValue(QStringLiteral("mail.example.com")));
        QVERIFY(!Settings::parseValueText(QStringLiteral("pop3.maxCommandSize"), QStringLiteral("lots")).ok());
        QCOMPARE(*Settings::parseValueText(QStringLiteral("tls.minimumVersion"), QStringLiteral("1.3")),
            QJsonValue(QStringLiteral("1.3")));
    }

    void missingFileGivesDefaultsAndSaysSo()
    {
        QTemporaryDir dir;
        SettingsFile file(dir.filePath(QStringLiteral("settings.json")));
        bool created = false;
        const Result<Settings> s = file.load(&created);
        QVERIFY(s.ok());
        QVERIFY(created);
        QVERIFY(*s == Settings::defaults());
    }

    void saveIsAtomicAndKeepsThePreviousCopy()
    {
        QTemporaryDir dir;
        SettingsFile file(dir.filePath(QStringLiteral("settings.json")));
        Settings s = Settings::defaults();
        QVERIFY(file.save(s).ok());
        QVERIFY(!QFile::exists(file.backupPath()));
        const QByteArray first = readAll(file.path());
        QVERIFY(s.set(QStringLiteral("imap.enabled"), true).ok());
        QVERIFY(file.save(s).ok());
        QCOMPARE(readAll(file.backupPath()), first);
        const Result<Settings> loaded = file.load();
        QVERIFY(loaded.ok());
        QVERIFY(loaded->protocolEnabled(Protocol::Imap));
        QVERIFY(*loaded == s);
        QCOMPARE(QFile::permissions(file.path()) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());
    }

    void aBrokenFileIsNeverResetAndTheMessageNamesFileFieldAndFix_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("syntax") << QByteArray("{\n  \"pop3\": {\n    \"enabled\": true,\n  \n}\n")
                                << QStringList { "not valid JSON", "line 5", "settings.json.bak" };
        QTest::newRow("not an object") << QByteArray("[1,2]") << QStringList { "JSON object" };
        QTest::newRow("bad value") << QByteArray(R"({"schemaVersion":1,"pop3":{"maxCommandSize":5}})")
                                   << QStringList { "pop3.maxCommandSize", "between 40", "default (512)" };
        QTest::newRow("typo") << QByteArray(R"({"schemaVersion":1,"pop3":{"enabeld":true}})")
                              << QStringList { "pop3.enabeld", "not a known setting" };
        QTest::newRow("clash") << QByteArray(
            R"({"smtp":{"enabled":true},"submission":{"enabled":true,"bindings":["0.0.0.0:25"]}})")
                               << QStringList { "submission.bindings", "different local address" };
        QTest::newRow("newer") << QByteArray(R"({"schemaVersion":99})")
                               << QStringList { "schemaVersion", "newer version" };
    }
    void aBrokenFileIsNeverResetAndTheMessageNamesFileFieldAndFix()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.json"));
        writeAll(path, content);
        SettingsFile file(path);
        const Result<Settings> r = file.load();
        QVERIFY(!r.ok());
        const QString message = r.error().toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        for (const QString& e : expected)
            QVERIFY2(message.contains(e), qPrintable(message + QStringLiteral(" lacks ") + e));
        QCOMPARE(readAll(path), content); // untouched
    }

    void aFileWithoutAVersionOrWithMissingFieldsTakesDefaults()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.json"));
        writeAll(path, R"({"imap":{"enabled":true}})");
        const Result<Settings> r = SettingsFile(path).load();
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QVERIFY(r->protocolEnabled(Protocol::Imap));
        QCOMPARE(r->integer(QStringLiteral("imap.maxCommandSize")), 10240);
    }

    void migrationRunsEachStepBacksUpAndWritesBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.json"));
        // Version 1 named the field "pop3.commandSize"; pretend version 3 is current.
        const QByteArray v1 = R"({"schemaVersion":1,"pop3":{"commandSize":900}})";
        writeAll(path, v1);
        QStringList ran;
        SettingsFile file(path);
        file.setMigrations({ { 1,
                                 [&](QJsonObject& doc) -> Result<void> {
                                     ran << QStringLiteral("1->2");
                                     QJsonObject pop3 = doc.value(QStringLiteral("pop3")).toObject();
                                     pop3.insert(
                                         QStringLiteral("maxCommandSize"), pop3.take(QStringLiteral("commandSize")));
                                     doc.insert(QStringLiteral("pop3"), pop3);
                                     return {};
                                 } },
                               { 2,
                                   [&](QJsonObject&) -> Result<void> {
                                       ran << QStringLiteral("2->3");
                                       return {};
                                   } } },
            3);
        const Result<Settings> r = file.load();
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(ran, (QStringList { QStringLiteral("1->2"), QStringLiteral("2->3") }));
        QCOMPARE(r->integer(QStringLiteral("pop3.maxCommandSize")), 900);
        QCOMPARE(readAll(path + QStringLiteral(".v1.bak")), v1);
        const QJsonObject written = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(written.value(QStringLiteral("schemaVersion")).toInt(), 3);
        // Loading again runs nothing.
        ran.clear();
        QVERIFY(file.load().ok());
        QVERIFY(ran.isEmpty());
    }

    void aFailedMigrationLeavesTheFileAsItWas()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.json"));
        const QByteArray v1 = R"({"schemaVersion":1,"pop3":{"enabled":true}})";
        writeAll(path, v1);
        SettingsFile file(path);
        file.setMigrations({ { 1,
                               [](QJsonObject&) -> Result<void> {
                                   return Error::invalid(
                                       QStringLiteral("pop3.enabled"), QStringLiteral("cannot convert"));
                               } } },
            2);
        const Result<Settings> r = file.load();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().toString().contains(QStringLiteral("migration from version 1 failed")),
            qPrintable(r.error().toString()));
        QCOMPARE(readAll(path), v1);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"
