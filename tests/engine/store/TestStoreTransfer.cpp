// Maildir and mbox import and export, round trips included.
#include "store/MailTransfer.h"

#include <QFile>
#include <QTemporaryDir>

#include "StoreTestUtil.h"

using namespace tegami;
using namespace storetest;

namespace {

void writeFile(const QString& path, const QByteArray& data, const QDateTime& mtime = {})
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.flush(); // before setting the time, or closing the file writes and touches it again
    if (mtime.isValid())
        f.setFileTime(mtime, QFileDevice::FileModificationTime);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Messages whose bodies trip naive mbox code.
const QByteArray trickyBody = "Hi,\r\n\r\nFrom the top: this line starts with From.\r\n>From quoted once\r\n"
                              ">>From quoted twice\r\nFrom\r\n\r\n";

} // namespace

class TestStoreTransfer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::unique_ptr<SqliteMailStore> m_store;

    qint64 folderId(const QString& name) { return m_store->findFolder(alice, name)->id; }

    // Every message of `a` equals the one at the same position in `b`: bytes, flags, date.
    void compareFolders(const QString& a, const QString& b)
    {
        auto left = m_store->messages(folderId(a));
        auto right = m_store->messages(folderId(b));
        QVERIFY_OK(left);
        QVERIFY_OK(right);
        QCOMPARE(right->size(), left->size());
        for (size_t i = 0; i < left->size(); ++i) {
            const MessageInfo& l = left->at(i);
            const MessageInfo& r = right->at(i);
            QCOMPARE(*m_store->readMessage(folderId(b), r.uid), *m_store->readMessage(folderId(a), l.uid));
            QCOMPARE(r.flags.toStringList(), l.flags.toStringList());
            QCOMPARE(r.internalDate, l.internalDate);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto opened = SqliteMailStore::open(m_tmp.filePath(QStringLiteral("store")));
        QVERIFY_OK(opened);
        m_store = std::move(opened.value());
        QVERIFY_OK(m_store->ensureOwner(alice));
    }
    void cleanupTestCase() { m_store.reset(); }

    void importsMaildirWithFlagsAndDates()
    {
        const QString md = m_tmp.filePath(QStringLiteral("maildir"));
        QVERIFY(QDir().mkpath(md + QStringLiteral("/cur")));
        QVERIFY(QDir().mkpath(md + QStringLiteral("/new")));
        QVERIFY(QDir().mkpath(md + QStringLiteral("/tmp")));
        // Slot 2 is not a valid IMAP keyword: the message using it fails alone, its batch
        // is retried one by one and the others still get in.
        writeFile(md + QStringLiteral("/dovecot-keywords"), "0 $Label1\n1 Project\n2 two words\n");
        const QDateTime t1(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
        const QDateTime t2 = t1.addDays(1);
        const QDateTime t3 = t1.addDays(2);
        writeFile(md + QStringLiteral("/cur/1700000002.M1P1.host:2,FRSb"), "Subject: second\n\nbody two\n", t2);
        writeFile(md + QStringLiteral("/cur/1700000001.M1P1.host:2,S"), "Subject: first\n\nbody one\n", t1);
        writeFile(md + QStringLiteral("/new/1700000003.M1P1.host"), "Subject: third\n\nbody three\n", t3);
        writeFile(md + QStringLiteral("/cur/1700000004.M1P1.host:2,T"), "", t3); // empty: an error, not a stop
        writeFile(md + QStringLiteral("/cur/.hidden"), "Subject: not mail\n\n", t3);
        writeFile(md + QStringLiteral("/cur/1700000006.M1P1.host:2,Sc"), "Subject: bad keyword\n\nx\n", t3);
        writeFile(md + QStringLiteral("/tmp/1700000005.M1P1.host"), "Subject: half written\n\n", t3);

        auto report = importMaildir(*m_store, md, alice, QStringLiteral("Imported/Maildir"));
        QVERIFY_OK(report);
        QCOMPARE(report->messages, 3);
        QCOMPARE(report->errors.size(), 2);
        QVERIFY(report->errors.at(0).startsWith(QLatin1String("cur/1700000004")));
        QVERIFY2(report->errors.at(1).startsWith(QLatin1String("cur/1700000006"))
                && report->errors.at(1).contains(QLatin1String("two words")),
            qPrintable(report->errors.at(1)));

        const qint64 id = folderId(QStringLiteral("Imported/Maildir"));
        auto list = m_store->messages(id);
        QCOMPARE(list->size(), size_t(3));
        // mtime order, whatever the directory order.
        QCOMPARE(*m_store->readMessage(id, 1), QByteArray("Subject: first\r\n\r\nbody one\r\n"));
        QCOMPARE(*m_store->readMessage(id, 2), QByteArray("Subject: second\r\n\r\nbody two\r\n"));
        QCOMPARE(*m_store->readMessage(id, 3), QByteArray("Subject: third\r\n\r\nbody three\r\n"));
        QCOMPARE(list->at(0).internalDate, t1);
        QCOMPARE(list->at(1).internalDate, t2);
        QCOMPARE(list->at(0).flags.toStringList(), QStringList { QStringLiteral("\\Seen") });
        QCOMPARE(list->at(1).flags.toStringList(),
            (QStringList { QStringLiteral("\\Seen"), QStringLiteral("\\Answered"), QStringLiteral("\\Flagged"),
                QStringLiteral("Project") }));
        QVERIFY(list->at(2).flags.isEmpty());
    }

    void refusesWhatIsNotAMaildir()
    {
        const QString plain = m_tmp.filePath(QStringLiteral("plain"));
        QVERIFY(QDir().mkpath(plain));
        auto r = importMaildir(*m_store, plain, alice, QStringLiteral("Nowhere"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().field, QStringLiteral("path"));
        QVERIFY(r.error().message.contains(QLatin1String("cur/")));
        QCOMPARE(m_store->findFolder(alice, QStringLiteral("Nowhere")).error().code, ErrorCode::NotFound);
    }

    void maildirRoundTrip()
    {
        auto src = m_store->createFolder(alice, QStringLiteral("MdSource"), SpecialUse::None);
        const QDateTime when(QDate(2026, 2, 3), QTime(4, 5, 6), Qt::UTC);
        QVERIFY_OK(m_store->append(src->id, message("plain"), { {}, when, 0, 0 }));
        QVERIFY_OK(m_store->append(src->id, message("flags", trickyBody),
            { { QStringLiteral("\\Seen"), QStringLiteral("\\Draft"), QStringLiteral("\\Deleted"),
                  QStringLiteral("$Forwarded"), QStringLiteral("Work") },
                when.addSecs(60), 0, 0 }));
        QVERIFY_OK(m_store->append(src->id, message("answered"),
            { { QStringLiteral("\\Answered"), QStringLiteral("\\Flagged") }, when.addSecs(120), 0, 0 }));

        const QString out = m_tmp.filePath(QStringLiteral("exported-maildir"));
        auto exported = exportMaildir(*m_store, alice, QStringLiteral("MdSource"), out);
        QVERIFY_OK(exported);
        QCOMPARE(exported->messages, 3);
        QVERIFY(exported->errors.isEmpty());
        const QStringList cur = QDir(out + QStringLiteral("/cur")).entryList(QDir::Files);
        QCOMPARE(cur.size(), 3);
        bool sawFlags = false;
        for (const QString& name : cur) {
            QVERIFY2(name.contains(QLatin1String(":2,")), qPrintable(name));
            const QByteArray data = readFile(out + QStringLiteral("/cur/") + name);
            QVERIFY(!data.contains('\r')); // LF on disk
            if (name.endsWith(QLatin1String(":2,DPSTa")))
                sawFlags = true;
        }
        QVERIFY2(sawFlags, qPrintable(cur.join(QLatin1Char(' '))));
        QCOMPARE(readFile(out + QStringLiteral("/dovecot-keywords")), QByteArray("0 Work\n"));

        // Exporting again replaces the files rather than adding copies.
        QVERIFY_OK(exportMaildir(*m_store, alice, QStringLiteral("MdSource"), out));
        QCOMPARE(QDir(out + QStringLiteral("/cur")).entryList(QDir::Files).size(), 3);

        auto imported = importMaildir(*m_store, out, alice, QStringLiteral("MdCopy"));
        QVERIFY_OK(imported);
        QCOMPARE(imported->messages, 3);
        compareFolders(QStringLiteral("MdSource"), QStringLiteral("MdCopy"));
    }

    void mboxRoundTripKeepsFromLinesAndFlags()
    {
        auto src = m_store->createFolder(alice, QStringLiteral("MboxSource"), SpecialUse::None);
        const QDateTime when(QDate(2025, 7, 4), QTime(8, 9, 10), Qt::UTC);
        QVERIFY_OK(m_store->append(src->id, "Return-Path: <carol@example.org>\r\n" + message("tricky", trickyBody),
            { { QStringLiteral("\\Seen"), QStringLiteral("\\Answered"), QStringLiteral("Todo") }, when, 0, 0 }));
        QVERIFY_OK(
            m_store->append(src->id, message("plain"), { { QStringLiteral("\\Flagged") }, when.addDays(1), 0, 0 }));
        QVERIFY_OK(m_store->append(src->id, "Subject: headers only\r\n", { {}, when.addDays(2), 0, 0 }));
        // (A message without a final newline cannot round-trip: mbox adds one.)
        QVERIFY_OK(m_store->append(
            src->id, message("from first", "From the first body line\r\n"), { {}, when.addDays(3), 0, 0 }));

        const QString path = m_tmp.filePath(QStringLiteral("out.mbox"));
        auto exported = exportMbox(*m_store, alice, QStringLiteral("MboxSource"), path);
        QVERIFY_OK(exported);
        QCOMPARE(exported->messages, 4);
        const QByteArray mbox = readFile(path);
        QVERIFY(mbox.startsWith("From carol@example.org Fri Jul  4 08:09:10 2025\n"));
        QVERIFY(mbox.contains("\n>From the top: this line"));
        QVERIFY(mbox.contains("\n>>From quoted once\n"));
        QVERIFY(mbox.contains("\n>>>From quoted twice\n"));
        QVERIFY(mbox.contains("\nFrom\n")); // no space: not a From line, not quoted
        QVERIFY(mbox.contains("\nFrom MAILER-DAEMON Sat Jul  5 08:09:10 2025\n"));
        QVERIFY(mbox.contains("\n\n>From the first body line\n"));
        QVERIFY(mbox.contains("Status: RO\nX-Status: A\nX-Keywords: Todo\n\nHi,"));
        QVERIFY(!mbox.contains('\r'));

        auto again = exportMbox(*m_store, alice, QStringLiteral("MboxSource"), path);
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);

        auto imported = importMbox(*m_store, path, alice, QStringLiteral("MboxCopy"));
        QVERIFY_OK(imported);
        QCOMPARE(imported->messages, 4);
        QVERIFY(imported->errors.isEmpty());
        compareFolders(QStringLiteral("MboxSource"), QStringLiteral("MboxCopy"));
    }

    void importsForeignMbox()
    {
        const QString path = m_tmp.filePath(QStringLiteral("foreign.mbox"));
        writeFile(path,
            "From alice@example.com Sat Jan  3 01:05:34 1996\n"
            "Subject: one\n"
            "Status: RO\n"
            "X-Status: F\n"
            "\n"
            ">From me\n"
            "text\n"
            "\n"
            "From bob@example.com Mon Feb 12 10:00:00 2024 +0200\n"
            "Subject: two\n"
            "Date: Mon, 12 Feb 2024 09:59:00 +0100\n"
            "\n"
            "body\n"
            "From inside a paragraph stays text\n"
            "\n"
            "From nobody-with-odd-date\n"
            "Subject: three\n"
            "Date: Tue, 13 Feb 2024 12:00:00 +0000\n"
            "\n"
            "x\n");
        auto report = importMbox(*m_store, path, alice, QStringLiteral("Foreign"));
        QVERIFY_OK(report);
        QCOMPARE(report->messages, 3);
        const qint64 id = folderId(QStringLiteral("Foreign"));
        auto list = m_store->messages(id);
        QCOMPARE(*m_store->readMessage(id, 1), QByteArray("Subject: one\r\n\r\nFrom me\r\ntext\r\n"));
        QCOMPARE(list->at(0).internalDate, QDateTime(QDate(1996, 1, 3), QTime(1, 5, 34), Qt::UTC));
        QCOMPARE(
            list->at(0).flags.toStringList(), (QStringList { QStringLiteral("\\Seen"), QStringLiteral("\\Flagged") }));
        QCOMPARE(*m_store->readMessage(id, 2),
            QByteArray("Subject: two\r\nDate: Mon, 12 Feb 2024 09:59:00 +0100\r\n\r\n"
                       "body\r\nFrom inside a paragraph stays text\r\n"));
        QCOMPARE(list->at(1).internalDate, QDateTime(QDate(2024, 2, 12), QTime(8, 0), Qt::UTC)); // +0200 applied
        QVERIFY(list->at(1).flags.isEmpty());
        // No date on the From line: the Date header.
        QCOMPARE(list->at(2).internalDate, QDateTime(QDate(2024, 2, 13), QTime(12, 0), Qt::UTC));
    }

    void refusesWhatIsNotAnMbox()
    {
        const QString path = m_tmp.filePath(QStringLiteral("not.mbox"));
        writeFile(path, "Subject: just a message\n\nbody\n");
        auto r = importMbox(*m_store, path, alice, QStringLiteral("NotMbox"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("not an mbox")));
        QCOMPARE(m_store->findFolder(alice, QStringLiteral("NotMbox")).error().code, ErrorCode::NotFound);
        QCOMPARE(importMbox(*m_store, m_tmp.filePath(QStringLiteral("missing.mbox")), alice, QStringLiteral("X"))
                     .error()
                     .field,
            QStringLiteral("path"));
        QCOMPARE(exportMbox(*m_store, alice, QStringLiteral("NoSuchFolder"), m_tmp.filePath(QStringLiteral("x.mbox")))
                     .error()
                     .code,
            ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestStoreTransfer)
#include "TestStoreTransfer.moc"
