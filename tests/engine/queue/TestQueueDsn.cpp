// DSNs (RFC 3464) parsed back: top-level headers, the multipart/report structure, the
// delivery-status fields per recipient, and what of the original is returned.
#include <QMap>

#include "QueueTestFixture.h"

using namespace tegami;
using namespace tegami::queuetest;

namespace {

struct Part {
    QMap<QByteArray, QByteArray> headers; // lower-case names, unfolded values
    QByteArray body;
};

QMap<QByteArray, QByteArray> parseHeaders(const QByteArray& section)
{
    QMap<QByteArray, QByteArray> out;
    QByteArray name;
    for (const QByteArray& line : section.split('\n')) {
        const QByteArray l = line.endsWith('\r') ? line.chopped(1) : line;
        if (l.isEmpty())
            break;
        if ((l.startsWith(' ') || l.startsWith('\t')) && !name.isEmpty()) {
            out[name] += ' ' + l.trimmed();
            continue;
        }
        const qsizetype colon = l.indexOf(':');
        name = l.left(colon).trimmed().toLower();
        out[name] = l.mid(colon + 1).trimmed();
    }
    return out;
}

Part parsePart(const QByteArray& bytes)
{
    const qsizetype split = bytes.indexOf("\r\n\r\n");
    return Part { parseHeaders(bytes.left(split + 2)), bytes.mid(split + 4) };
}

QByteArray param(const QByteArray& value, const QByteArray& name)
{
    for (QByteArray piece : value.split(';')) {
        piece = piece.trimmed();
        if (piece.startsWith(name + '=')) {
            QByteArray v = piece.mid(name.size() + 1);
            if (v.startsWith('"'))
                v = v.mid(1, v.size() - 2);
            return v;
        }
    }
    return QByteArray();
}

// The body parts of a multipart entity.
QList<Part> parts(const QByteArray& body, const QByteArray& boundary)
{
    QList<Part> out;
    const QByteArray delimiter = "\r\n--" + boundary;
    qsizetype at = body.indexOf("--" + boundary + "\r\n");
    if (at < 0)
        return out;
    at += boundary.size() + 4;
    for (;;) {
        const qsizetype end = body.indexOf(delimiter, at);
        if (end < 0)
            return out;
        out << parsePart(body.mid(at, end - at));
        at = end + delimiter.size();
        if (body.mid(at, 2) == "--")
            return out;
        at += 2; // CRLF
    }
}

// The delivery-status body as groups of fields: the message fields, then one per recipient.
QList<QMap<QByteArray, QByteArray>> statusGroups(const QByteArray& body)
{
    QList<QMap<QByteArray, QByteArray>> out;
    qsizetype at = 0;
    while (at < body.size()) {
        qsizetype end = body.indexOf("\r\n\r\n", at);
        if (end < 0)
            end = body.size();
        const QByteArray chunk = body.mid(at, end - at + 2);
        if (!chunk.trimmed().isEmpty())
            out << parseHeaders(chunk);
        at = end + 4;
    }
    return out;
}

QByteArray decodeQuotedPrintable(const QByteArray& in)
{
    QByteArray out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) == '=' && in.mid(i + 1, 2) == "\r\n") {
            i += 2;
        } else if (in.at(i) == '=') {
            out += char(in.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else {
            out += in.at(i);
        }
    }
    return out;
}

DsnReport sampleReport()
{
    DsnReport report;
    report.reportingMta = QStringLiteral("mail.example.com");
    report.recipient = alice;
    report.queueId = QStringLiteral("20260101T000000000-0001-abcd");
    report.envId = QStringLiteral("ENV-7");
    report.arrivalDate = QDateTime(QDate(2026, 1, 1), QTime(8, 30), Qt::UTC);
    report.date = QDateTime(QDate(2026, 1, 2), QTime(9, 5, 7), Qt::UTC);
    DsnRecipientReport failed;
    failed.finalRecipient = carol;
    failed.originalRecipient = QStringLiteral("rfc822;Carol@Remote.example");
    failed.action = DsnAction::Failed;
    failed.status = QStringLiteral("5.1.1");
    failed.remoteMta = QStringLiteral("mx.remote.example [192.0.2.25]");
    failed.diagnostic = QStringLiteral("550 5.1.1 <carol@remote.example>: User unknown");
    failed.lastAttempt = QDateTime(QDate(2026, 1, 2), QTime(9, 5), Qt::UTC);
    DsnRecipientReport delayed;
    delayed.finalRecipient = dave;
    delayed.originalAddress = team;
    delayed.action = DsnAction::Delayed;
    delayed.status = QStringLiteral("4.4.1");
    delayed.reason = QStringLiteral("connection refused by mx.other.example [192.0.2.30]");
    delayed.willRetryUntil = QDateTime(QDate(2026, 1, 6), QTime(8, 30), Qt::UTC);
    report.recipients = { failed, delayed };
    return report;
}

} // namespace

class TestQueueDsn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void structureParsesBack()
    {
        const QByteArray original = message("report me", "Body text.\r\n");
        const QByteArray dsn = buildDsn(sampleReport(), original, DsnReturn::Full);

        const Part top = parsePart(dsn);
        QCOMPARE(top.headers.value("from"), QByteArray("Mail Delivery System <MAILER-DAEMON@mail.example.com>"));
        QCOMPARE(top.headers.value("to"), QByteArray("<alice@example.com>"));
        QCOMPARE(top.headers.value("subject"), QByteArray("Undelivered Mail Returned to Sender"));
        QCOMPARE(top.headers.value("auto-submitted"), QByteArray("auto-replied"));
        QCOMPARE(top.headers.value("mime-version"), QByteArray("1.0"));
        QCOMPARE(top.headers.value("date"), QByteArray("Fri, 02 Jan 2026 09:05:07 +0000"));
        QCOMPARE(top.headers.value("in-reply-to"), QByteArray("<7265706f7274206d65@example.com>"));
        QVERIFY(top.headers.value("message-id").endsWith("@mail.example.com>"));
        const QByteArray contentType = top.headers.value("content-type");
        QVERIFY(contentType.startsWith("multipart/report;"));
        QCOMPARE(param(contentType, "report-type"), QByteArray("delivery-status"));
        const QByteArray boundary = param(contentType, "boundary");
        QVERIFY(!boundary.isEmpty());

        const QList<Part> body = parts(top.body, boundary);
        QCOMPARE(body.size(), 3);
        QVERIFY(body[0].headers.value("content-type").startsWith("text/plain"));
        const QByteArray text = QByteArray(body[0].body).replace("\r\n", " "); // unfolds the paragraphs
        for (const QByteArray& line : body[0].body.split('\n'))
            QVERIFY2(line.size() <= 80 || line.contains("User unknown"), line.constData());
        QVERIFY(text.contains("could not be delivered"));
        QVERIFY(text.contains("<carol@remote.example>"));
        QVERIFY(text.contains("550 5.1.1 <carol@remote.example>: User unknown"));
        QVERIFY(text.contains("Your message \"report me\""));
        QVERIFY(text.contains("has not been delivered yet"));
        QVERIFY(text.contains("<dave@other.example> (through <team@example.com>)"));
        QVERIFY(text.contains("connection refused by mx.other.example"));

        QCOMPARE(body[1].headers.value("content-type"), QByteArray("message/delivery-status"));
        const auto groups = statusGroups(body[1].body);
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups[0].value("reporting-mta"), QByteArray("dns; mail.example.com"));
        QCOMPARE(groups[0].value("original-envelope-id"), QByteArray("ENV-7"));
        QCOMPARE(groups[0].value("arrival-date"), QByteArray("Thu, 01 Jan 2026 08:30:00 +0000"));
        QCOMPARE(groups[1].value("final-recipient"), QByteArray("rfc822; carol@remote.example"));
        QCOMPARE(groups[1].value("original-recipient"), QByteArray("rfc822;Carol@Remote.example"));
        QCOMPARE(groups[1].value("action"), QByteArray("failed"));
        QCOMPARE(groups[1].value("status"), QByteArray("5.1.1"));
        QCOMPARE(groups[1].value("remote-mta"), QByteArray("dns; mx.remote.example"));
        QCOMPARE(
            groups[1].value("diagnostic-code"), QByteArray("smtp; 550 5.1.1 <carol@remote.example>: User unknown"));
        QCOMPARE(groups[1].value("last-attempt-date"), QByteArray("Fri, 02 Jan 2026 09:05:00 +0000"));
        QVERIFY(!groups[1].contains("will-retry-until"));
        QCOMPARE(groups[2].value("final-recipient"), QByteArray("rfc822; dave@other.example"));
        QCOMPARE(groups[2].value("action"), QByteArray("delayed"));
        QCOMPARE(groups[2].value("status"), QByteArray("4.4.1"));
        QCOMPARE(groups[2].value("will-retry-until"), QByteArray("Tue, 06 Jan 2026 08:30:00 +0000"));
        QVERIFY(!groups[2].contains("diagnostic-code")); // no SMTP reply: only the text explains
        QVERIFY(!groups[2].contains("original-recipient"));

        QCOMPARE(body[2].headers.value("content-type"), QByteArray("message/rfc822"));
        QCOMPARE(body[2].body, original);
    }

    void headersOnlyWhenAsked()
    {
        const QByteArray original = message("headers", "Secret body.\r\n");
        const QByteArray dsn = buildDsn(sampleReport(), original, DsnReturn::Headers);
        const Part top = parsePart(dsn);
        const QList<Part> body = parts(top.body, param(top.headers.value("content-type"), "boundary"));
        QCOMPARE(body.size(), 3);
        QCOMPARE(body[2].headers.value("content-type"), QByteArray("text/rfc822-headers"));
        QCOMPARE(body[2].body, headerSection(original));
        QVERIFY(!dsn.contains("Secret body."));
    }

    void everyLineIsShortAndEndsInCrlf()
    {
        DsnReport report = sampleReport();
        report.recipients[0].diagnostic = QStringLiteral("550 ") + QString(3000, QLatin1Char('x'));
        report.recipients[0].reason = QStringLiteral("line one\r\nline two\n");
        const QByteArray dsn = buildDsn(report, message("long"), DsnReturn::Full);
        for (qsizetype i = 0; i < dsn.size(); ++i) {
            if (dsn.at(i) == '\n')
                QVERIFY2(i > 0 && dsn.at(i - 1) == '\r', "bare LF in the DSN");
        }
        for (const QByteArray& line : dsn.split('\n'))
            QVERIFY(line.size() <= 998);
        QVERIFY(!dsn.contains("line one\r\nline two")); // the reason stays one line
    }

    void nonAsciiTextIsQuotedPrintable()
    {
        DsnReport report = sampleReport();
        report.recipients[1].finalRecipient = QStringLiteral("jörg@bücher.example");
        report.recipients[1].reason = QStringLiteral("Zeitüberschreitung beim Verbindungsaufbau");
        const QByteArray dsn = buildDsn(report, message("utf8"), DsnReturn::Headers);
        const Part top = parsePart(dsn);
        const QList<Part> body = parts(top.body, param(top.headers.value("content-type"), "boundary"));
        QCOMPARE(body.size(), 3);
        QCOMPARE(body[0].headers.value("content-transfer-encoding"), QByteArray("quoted-printable"));
        const QByteArray text = decodeQuotedPrintable(body[0].body);
        QVERIFY(text.contains(QStringLiteral("Zeitüberschreitung beim Verbindungsaufbau").toUtf8()));
        QVERIFY(text.contains(QStringLiteral("<jörg@bücher.example>").toUtf8()));
        for (char c : body[0].body)
            QVERIFY(uchar(c) < 0x80);
        // RFC 6533: a UTF-8 address needs the global delivery status type.
        QCOMPARE(body[1].headers.value("content-type"), QByteArray("message/global-delivery-status"));
        QVERIFY(body[1].body.contains(QStringLiteral("Final-Recipient: utf-8; jörg@bücher.example").toUtf8()));
    }

    void helpers()
    {
        QCOMPARE(rfc5322Date(QDateTime(QDate(2026, 3, 9), QTime(7, 6, 5), Qt::UTC)),
            QByteArray("Mon, 09 Mar 2026 07:06:05 +0000"));
        const QByteArray m = "Subject: one\r\n two\r\nX: y\r\n\r\nbody\r\nSubject: no\r\n";
        QCOMPARE(headerSection(m), QByteArray("Subject: one\r\n two\r\nX: y\r\n\r\n"));
        QCOMPARE(headerValue(m, "subject"), QByteArray("one two"));
        QCOMPARE(headerValue(m, "missing"), QByteArray());
        QCOMPARE(headerSection("no body at all"), QByteArray("no body at all"));
    }

    // Through the queue: what comes back depends on RET and the size.
    void queueReturnsHeadersForLargeOrRetHdrs()
    {
        QueueFixture f;
        f.options.maxReturnedBytes = 2000;
        QVERIFY(f.open());
        Envelope hdrs = envelope(bob, { QStringLiteral("nobody@example.com") });
        hdrs.ret = DsnRet::Headers;
        f.submit(hdrs, message("hdrs"));
        f.submit(envelope(bob, { QStringLiteral("nobody@example.com") }), message("large", QByteArray(3000, 'z')));
        f.submit(envelope(bob, { QStringLiteral("nobody@example.com") }), message("small"));
        f.run();
        const QList<QByteArray> reports = f.reports(bob);
        QCOMPARE(reports.size(), 3);
        QVERIFY(reports[0].contains("Content-Type: text/rfc822-headers"));
        QVERIFY(reports[0].contains("Subject: hdrs"));
        QVERIFY(reports[1].contains("Content-Type: text/rfc822-headers"));
        QVERIFY(!reports[1].contains("zzzz"));
        QVERIFY(reports[2].contains("Content-Type: message/rfc822"));
        QVERIFY(reports[2].contains(message("small")));
        // A DSN is queued with the null sender and says where it came from.
        QVERIFY(f.noted(QStringLiteral("delivery report")));
    }

    void dsnEntryHasTheNullSender()
    {
        QueueFixture f;
        f.options.delayNoticeHours = 0;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(bob, { carol }), message("to remote"));
        f.queue->processDue();
        f.clock.advanceSecs(1);
        QVERIFY(f.transport.completeOldest(RecipientResult::Status::PermanentFailure, 554, "5.7.1", "rejected"));
        const QJsonArray list = f.queue->list();
        QCOMPARE(list.size(), 1); // the original is finished; its DSN waits for delivery
        const QJsonObject dsn = list.at(0).toObject();
        QCOMPARE(dsn.value(QStringLiteral("sender")).toString(), QString());
        QCOMPARE(dsn.value(QStringLiteral("via")).toString(), QStringLiteral("dsn"));
        QCOMPARE(dsn.value(QStringLiteral("parentId")).toString(), id);
        QCOMPARE(dsn.value(QStringLiteral("recipients")).toArray().at(0).toObject().value(QStringLiteral("address")),
            QJsonValue(bob));
    }
};

QTEST_GUILESS_MAIN(TestQueueDsn)
#include "TestQueueDsn.moc"
