// Value types of the store: UID sets, flags, line endings, folder names.
#include "store/FolderName.h"
#include "store/LineEndings.h"
#include "store/MessageFlags.h"
#include "store/UidSet.h"

#include <QTest>

using namespace tegami;

class TestStoreBasics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void uidSetMergesRanges()
    {
        UidSet set { 7, 1, 3, 2, 9 };
        QCOMPARE(set.toString(), QStringLiteral("1:3,7,9"));
        set.addRange(8, 8);
        QCOMPARE(set.toString(), QStringLiteral("1:3,7:9"));
        set.addRange(4, 6);
        QCOMPARE(set.toString(), QStringLiteral("1:9"));
        QCOMPARE(set.count(), quint64(9));
        set.add(0); // not a UID
        QCOMPARE(set.toString(), QStringLiteral("1:9"));
        set.addRange(20, UidSet::maxUid);
        QCOMPARE(set.toString(), QStringLiteral("1:9,20:*"));
        QVERIFY(set.contains(5));
        QVERIFY(!set.contains(10));
        QVERIFY(set.contains(4000000000u));
        QVERIFY(UidSet().isEmpty());
        QCOMPARE(UidSet::range(5, 3).toString(), QStringLiteral("3:5"));
    }

    void flagsParseAndValidate()
    {
        auto f = MessageFlags::parse({ QStringLiteral("\\seen"), QStringLiteral("$Forwarded"),
            QStringLiteral("\\FLAGGED"), QStringLiteral("$forwarded") });
        QVERIFY(f.ok());
        QVERIFY(f->has(SystemFlag::Seen));
        QVERIFY(f->has(SystemFlag::Flagged));
        QVERIFY(!f->has(SystemFlag::Deleted));
        QCOMPARE(f->keywords, QStringList { QStringLiteral("$Forwarded") }); // deduplicated, case-insensitively
        QCOMPARE(f->toStringList(),
            (QStringList { QStringLiteral("\\Seen"), QStringLiteral("\\Flagged"), QStringLiteral("$Forwarded") }));

        auto recent = MessageFlags::parse({ QStringLiteral("\\Recent") });
        QVERIFY(!recent.ok());
        QCOMPARE(recent.error().code, ErrorCode::InvalidArgument);
        QVERIFY(recent.error().message.contains(QLatin1String("\\Recent")));
        QVERIFY(!MessageFlags::parse({ QStringLiteral("two words") }).ok());
        QVERIFY(!MessageFlags::parse({ QStringLiteral("br]acket") }).ok());
        QVERIFY(!MessageFlags::parse({ QStringLiteral("caf\u00e9") }).ok());
        QVERIFY(!MessageFlags::parse({ QString(200, QLatin1Char('k')) }).ok());
    }

    void flagModes()
    {
        auto base = MessageFlags::parse({ QStringLiteral("\\Seen"), QStringLiteral("Work") });
        auto change = MessageFlags::parse({ QStringLiteral("\\Flagged"), QStringLiteral("work") });
        QVERIFY(base.ok() && change.ok());
        auto added = base->applied(FlagMode::Add, *change);
        QVERIFY(added.ok());
        QCOMPARE(added->toStringList(),
            (QStringList { QStringLiteral("\\Seen"), QStringLiteral("\\Flagged"), QStringLiteral("Work") }));
        auto removed = base->applied(FlagMode::Remove, *change);
        QCOMPARE(removed->toStringList(), QStringList { QStringLiteral("\\Seen") });
        auto replaced = base->applied(FlagMode::Replace, *change);
        QCOMPARE(replaced->toStringList(), (QStringList { QStringLiteral("\\Flagged"), QStringLiteral("work") }));
        QVERIFY(*added != *base);
        QVERIFY(*replaced == *MessageFlags::parse({ QStringLiteral("WORK"), QStringLiteral("\\flagged") }));

        MessageFlags many;
        for (int i = 0; i < MessageFlags::maxKeywords; ++i)
            many.keywords << QStringLiteral("k%1").arg(i);
        auto one = MessageFlags::parse({ QStringLiteral("extra") });
        QVERIFY(!many.applied(FlagMode::Add, *one).ok());
    }

    void lineEndings()
    {
        const QByteArray mixed("a\nb\r\nc\rd\n");
        QCOMPARE(toCrlf(mixed), QByteArray("a\r\nb\r\nc\rd\r\n"));
        QCOMPARE(toLf(QByteArray("a\r\nb\r\nc\rd")), QByteArray("a\nb\nc\rd"));
        const QByteArray clean("x\r\ny\r\n");
        QVERIFY(toCrlf(clean).isSharedWith(clean)); // no copy when nothing changes

        // The stored form also ends with a line end, so POP3 sends exactly the stored size.
        QCOMPARE(toStoredForm(QByteArray("a\nlast")), QByteArray("a\r\nlast\r\n"));
        QCOMPARE(toStoredForm(QByteArray("a\r\nlast\r")), QByteArray("a\r\nlast\r\n"));
        QCOMPARE(toStoredForm(clean), clean);
        QCOMPARE(toStoredForm(QByteArray()), QByteArray());

        // A CR at the end of one chunk and the LF at the start of the next are one CRLF.
        bool prevCr = false;
        QVERIFY(!hasBareLf("abc\r", 4, &prevCr));
        QVERIFY(prevCr);
        QVERIFY(!hasBareLf("\ndef\r\n", 6, &prevCr));
        prevCr = false;
        QVERIFY(!hasBareLf("abc", 3, &prevCr));
        QVERIFY(hasBareLf("\nx", 2, &prevCr));
    }

    void folderNames()
    {
        QCOMPARE(*normalizeFolderName(QStringLiteral("inbox")), QStringLiteral("INBOX"));
        QCOMPARE(*normalizeFolderName(QStringLiteral("Inbox/Receipts")), QStringLiteral("INBOX/Receipts"));
        QCOMPARE(*normalizeFolderName(QStringLiteral("Inboxes")), QStringLiteral("Inboxes"));
        QCOMPARE(*normalizeFolderName(QStringLiteral("Projects/")), QStringLiteral("Projects"));
        QCOMPARE(*normalizeFolderName(QStringLiteral("\u65e5\u672c/\u8a9e")), QStringLiteral("\u65e5\u672c/\u8a9e"));
        for (const char* bad : { "", "/", "a//b", "/a", "a/*", "100%", "a\tb", " lead", "trail /x" }) {
            auto r = normalizeFolderName(QString::fromLatin1(bad));
            QVERIFY2(!r.ok(), bad);
            QCOMPARE(r.error().field, QStringLiteral("folder"));
        }
        QVERIFY(!normalizeFolderName(QString(600, QLatin1Char('x'))).ok());
        QCOMPARE(parentFolderName(QStringLiteral("a/b/c")), QStringLiteral("a/b"));
        QCOMPARE(parentFolderName(QStringLiteral("a")), QString());
        QCOMPARE(
            ancestorFolderNames(QStringLiteral("a/b/c")), (QStringList { QStringLiteral("a"), QStringLiteral("a/b") }));
        QVERIFY(isFolderInside(QStringLiteral("a/b"), QStringLiteral("a")));
        QVERIFY(!isFolderInside(QStringLiteral("ab"), QStringLiteral("a")));
        QVERIFY(!isFolderInside(QStringLiteral("a"), QStringLiteral("a")));
    }
};

QTEST_GUILESS_MAIN(TestStoreBasics)
#include "TestStoreBasics.moc"
