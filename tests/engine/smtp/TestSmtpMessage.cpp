// The pure message parts: the Received header, the writer that completes submitted
// messages (Message-ID, Date) while streaming to the spool, and POP-before-SMTP's memory.

#include "core/Clock.h"
#include "smtp/PopBeforeSmtp.h"
#include "smtp/SmtpMessageWriter.h"

#include <QTest>

using namespace tegami;

namespace {

class MemorySpool : public SpoolWriter {
public:
    explicit MemorySpool(QByteArray& out, int* writes = nullptr)
        : m_out(out)
        , m_writes(writes)
    { }
    Result<void> write(QByteArrayView bytes) override
    {
        m_out += bytes.toByteArray();
        if (m_writes)
            ++*m_writes;
        return {};
    }
    qint64 size() const override { return m_out.size(); }
    Result<QString> commit(const Envelope&) override { return QStringLiteral("Q1"); }

private:
    QByteArray& m_out;
    int* m_writes;
};

SmtpMessageWriter::Options submissionOptions(qsizetype maxHeader = 1024)
{
    SmtpMessageWriter::Options o;
    o.traceHeader = "Received: x\r\n";
    o.addMissingHeaders = true;
    o.messageId = "<id@host>";
    o.date = "Wed, 04 Mar 2026 05:06:07 +0000";
    o.maxHeaderBytes = maxHeader;
    return o;
}

// Writes `text` in pieces of `piece` bytes and commits; returns what the spool holds.
QByteArray writeAll(const QByteArray& text, qsizetype piece, SmtpMessageWriter::Options options)
{
    QByteArray out;
    SmtpMessageWriter writer(std::make_unique<MemorySpool>(out), std::move(options));
    for (qsizetype pos = 0; pos < text.size(); pos += piece) {
        if (!writer.write(QByteArrayView(text).sliced(pos, std::min(piece, text.size() - pos))))
            return "write failed";
    }
    if (!writer.commit(Envelope()))
        return "commit failed";
    return out;
}

} // namespace

class TestSmtpMessage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void receivedHeader()
    {
        ReceivedInfo info;
        info.heloName = QStringLiteral("client.example");
        info.remoteAddress = QStringLiteral("2001:db8::7");
        info.remoteName = QStringLiteral("host.client.example");
        info.fqdn = QStringLiteral("mx.example.com");
        info.with = "ESMTPS";
        info.id = QStringLiteral("3f2a0b1c.2");
        info.tls = QStringLiteral("TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)");
        info.date = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        QCOMPARE(tegami::receivedHeader(info),
            QByteArray("Received: from client.example (host.client.example [IPv6:2001:db8::7])\r\n"
                       "\t(using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits))\r\n"
                       "\tby mx.example.com (Tegami) with ESMTPS id 3f2a0b1c.2; Fri, 02 Jan 2026 03:04:05 +0000\r\n"));
        // Whatever the client claims cannot break out of the header or its comment.
        info.heloName = QStringLiteral("evil) (by trusted\r\nX-Spam: no");
        info.tls.clear();
        info.remoteName.clear();
        info.remoteAddress = QStringLiteral("192.0.2.7");
        const QByteArray h = tegami::receivedHeader(info);
        QVERIFY2(h.startsWith("Received: from evil???by?trusted??X-Spam:?no ([192.0.2.7])\r\n\tby "), h.constData());
        QCOMPARE(h.count("\r\n"), 2);
        info.heloName.clear();
        QVERIFY(tegami::receivedHeader(info).startsWith("Received: from unknown ([192.0.2.7])"));
    }

    void rfc5322Date()
    {
        QCOMPARE(tegami::rfc5322Date(QDateTime(QDate(2026, 12, 31), QTime(23, 59, 58), Qt::UTC)),
            QByteArray("Thu, 31 Dec 2026 23:59:58 +0000"));
        QCOMPARE(tegami::rfc5322Date(QDateTime(QDate(2026, 7, 1), QTime(9, 0), Qt::OffsetFromUTC, 3600)),
            QByteArray("Wed, 01 Jul 2026 08:00:00 +0000"));
    }

    void addsWhatIsMissingInAnySplit()
    {
        const QByteArray text = "Subject: s\r\nX-Long: a\r\n\tDate: folded\r\n\r\nbody\r\nDate: in the body\r\n";
        const QByteArray expected
            = "Received: x\r\nMessage-ID: <id@host>\r\nDate: Wed, 04 Mar 2026 05:06:07 +0000\r\n" + text;
        for (qsizetype piece : { 1, 2, 3, 7, 1000 })
            QCOMPARE(writeAll(text, piece, submissionOptions()), expected);
    }

    void keepsWhatIsThere()
    {
        const QByteArray text = "DATE: Tue, 3 Mar 2026 10:00:00 +0100\r\nMessage-Id: <a@b>\r\n\r\nbody\r\n";
        QCOMPARE(writeAll(text, 5, submissionOptions()), "Received: x\r\n" + text);
        // No header section at all (the text starts with the blank line).
        QCOMPARE(writeAll("\r\nbody\r\n", 1, submissionOptions()),
            QByteArray(
                "Received: x\r\nMessage-ID: <id@host>\r\nDate: Wed, 04 Mar 2026 05:06:07 +0000\r\n\r\nbody\r\n"));
    }

    void relayedMessagesAreNotTouched()
    {
        SmtpMessageWriter::Options o = submissionOptions();
        o.addMissingHeaders = false;
        QCOMPARE(writeAll("Subject: s\r\n\r\nb\r\n", 4, o), QByteArray("Received: x\r\nSubject: s\r\n\r\nb\r\n"));
        QCOMPARE(writeAll({}, 1, o), QByteArray("Received: x\r\n"));
    }

    void overlongHeaderIsWrittenAsItIs()
    {
        QByteArray text;
        for (int i = 0; i < 100; ++i)
            text += "X-Filler-" + QByteArray::number(i) + ": " + QByteArray(40, 'f') + "\r\n";
        text += "\r\nbody\r\n";
        QByteArray out;
        int writes = 0;
        SmtpMessageWriter writer(std::make_unique<MemorySpool>(out, &writes), submissionOptions(1024));
        for (qsizetype pos = 0; pos < text.size(); pos += 100)
            QVERIFY(writer.write(QByteArrayView(text).sliced(pos, std::min<qsizetype>(100, text.size() - pos))));
        QVERIFY(writer.headerTooLongToCheck());
        QVERIFY(writer.commit(Envelope()));
        QCOMPARE(out, "Received: x\r\n" + text);
        QVERIFY(writer.addedHeaders().isEmpty());
        QVERIFY(writes > 10); // streamed once the bound was passed
    }

    void popBeforeSmtpWindowAndAddresses()
    {
        ManualClock clock;
        PopBeforeSmtp p(clock);
        p.recordLogin(QStringLiteral("::ffff:192.0.2.7"), QStringLiteral("alice@example.com"));
        clock.advanceSecs(5 * 60);
        std::optional<PopBeforeSmtp::Login> login = p.recentLogin(QStringLiteral("192.0.2.7"), 10);
        QVERIFY(login);
        QCOMPARE(login->account, QStringLiteral("alice@example.com"));
        QVERIFY(!p.recentLogin(QStringLiteral("192.0.2.7"), 4));
        QVERIFY(!p.recentLogin(QStringLiteral("192.0.2.8"), 10));
        // The latest login from an address wins.
        p.recordLogin(QStringLiteral("192.0.2.7"), QStringLiteral("bob@example.com"));
        QCOMPARE(p.recentLogin(QStringLiteral("192.0.2.7"), 10)->account, QStringLiteral("bob@example.com"));
        // Old entries go as new logins arrive.
        p.recordLogin(QStringLiteral("192.0.2.9"), QStringLiteral("carol@example.com"));
        QCOMPARE(p.size(), 2);
        clock.advanceSecs(121 * 60);
        p.recordLogin(QStringLiteral("2001:db8::1"), QStringLiteral("dave@example.com"));
        QCOMPARE(p.size(), 1);
        QVERIFY(p.recentLogin(QStringLiteral("2001:DB8:0::1"), 1));
    }
};

QTEST_GUILESS_MAIN(TestSmtpMessage)
#include "TestSmtpMessage.moc"
