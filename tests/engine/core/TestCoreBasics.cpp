#include "core/Clock.h"
#include "core/DataPaths.h"
#include "core/Protocol.h"
#include "core/Result.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace tegami;

class TestCoreBasics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void protocolNamesRoundTrip()
    {
        for (Protocol p : allProtocols)
            QCOMPARE(protocolFromName(protocolName(p)), std::optional<Protocol>(p));
        QCOMPARE(protocolFromName(QStringLiteral("IMAP")), std::optional<Protocol>(Protocol::Imap));
        QVERIFY(!protocolFromName(QStringLiteral("imap4s")).has_value());
    }
    void resultCarriesValueOrError()
    {
        Result<int> good(7);
        QVERIFY(good.ok());
        QCOMPARE(*good, 7);
        Result<int> bad(Error::invalid(QStringLiteral("port"), QStringLiteral("must be 1-65535")));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(bad.error().toString(), QStringLiteral("port: must be 1-65535"));
    }
    void manualClockMovesOnlyWhenTold()
    {
        ManualClock clock;
        const QDateTime start = clock.now();
        clock.advanceSecs(90);
        QCOMPARE(start.secsTo(clock.now()), 90);
    }
    void dataPathsCreateOwnerOnlyTree()
    {
        QTemporaryDir tmp;
        DataPaths paths(tmp.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY2(paths.ensureExists(&error), qPrintable(error));
        QVERIFY(QFileInfo(paths.protocolLogDir()).isDir());
        const auto perms = QFileInfo(paths.dataDir()).permissions();
        QVERIFY(!(perms & QFileDevice::ReadOther));
        QVERIFY(!(perms & QFileDevice::ReadGroup));
    }
};

QTEST_GUILESS_MAIN(TestCoreBasics)
#include "TestCoreBasics.moc"
