#include "queue/Dsn.h"

#include <QCryptographicHash>
#include <QLocale>

namespace tegami {

namespace {

constexpr qsizetype maxFieldChars = 900; // keeps every line of the report under 998 octets
constexpr int qpLineLength = 76;

bool isAscii(const QByteArray& bytes)
{
    for (char c : bytes) {
        if (uchar(c) >= 0x80)
            return false;
    }
    return true;
}

// One line of text: CR, LF and other controls become spaces, long text is cut.
QByteArray oneLine(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text)
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? QLatin1Char(' ') : c;
    out = out.simplified();
    if (out.size() > maxFieldChars)
        out = out.left(maxFieldChars) + QStringLiteral("...");
    return out.toUtf8();
}

// RFC 3464 address-type; RFC 6533 "utf-8" when the address is not ASCII.
QByteArray typedAddress(const QString& address)
{
    const QByteArray a = oneLine(address);
    return (isAscii(a) ? "rfc822; " : "utf-8; ") + a;
}

// The host name of "mx.example.net [192.0.2.1]"; the literal when there is no name.
QByteArray mtaName(const QString& remoteHost)
{
    const QString host = remoteHost.trimmed();
    const qsizetype bracket = host.indexOf(QStringLiteral(" ["));
    return oneLine(bracket > 0 ? host.left(bracket) : host);
}

QByteArray quotedPrintable(const QByteArray& text)
{
    QByteArray out;
    int column = 0;
    auto put = [&](const QByteArray& token) {
        if (column + token.size() > qpLineLength - 1) {
            out += "=\r\n";
            column = 0;
        }
        out += token;
        column += int(token.size());
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const uchar c = uchar(text.at(i));
        if (c == '\r' && i + 1 < text.size() && text.at(i + 1) == '\n') {
            out += "\r\n";
            column = 0;
            ++i;
            continue;
        }
        const bool lineEnd = i + 1 == text.size() || text.at(i + 1) == '\r';
        const bool plain = (c >= 33 && c <= 126 && c != '=') || (c == ' ' && !lineEnd);
        put(plain ? QByteArray(1, char(c)) : "=" + QByteArray::number(c, 16).toUpper().rightJustified(2, '0'));
    }
    return out;
}

// A paragraph of plain text folded at word boundaries (RFC 3676 style width).
QByteArray wrapped(const QByteArray& paragraph)
{
    QByteArray out;
    QByteArray line;
    for (const QByteArray& word : paragraph.split(' ')) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > qpLineLength - 4) {
            out += line + "\r\n";
            line.clear();
        }
        if (!line.isEmpty())
            line += ' ';
        line += word;
    }
    return out + line + "\r\n";
}

QByteArray describe(const DsnRecipientReport& r)
{
    QByteArray text = "  <" + oneLine(r.finalRecipient) + ">";
    if (!r.originalAddress.isEmpty() && r.originalAddress != r.finalRecipient)
        text += " (through <" + oneLine(r.originalAddress) + ">)";
    text += "\r\n";
    switch (r.action) {
    case DsnAction::Failed:
        if (!r.reason.isEmpty())
            text += "    " + oneLine(r.reason) + "\r\n";
        if (!r.diagnostic.isEmpty()) {
            text += r.remoteMta.isEmpty() ? QByteArray("    The last problem was: ")
                                          : "    The mail server " + oneLine(r.remoteMta) + " answered: ";
            text += oneLine(r.diagnostic) + "\r\n";
        }
        break;
    case DsnAction::Delayed:
        text += "    Not delivered yet";
        if (!r.diagnostic.isEmpty())
            text += (r.remoteMta.isEmpty() ? QByteArray(". The last problem was: ")
                                           : ". The mail server " + oneLine(r.remoteMta) + " answered: ")
                + oneLine(r.diagnostic);
        else if (!r.reason.isEmpty())
            text += ": " + oneLine(r.reason);
        text += "\r\n";
        if (r.willRetryUntil.isValid())
            text += "    The server keeps trying until " + rfc5322Date(r.willRetryUntil)
                + ".\r\n    You do not need to send the message again.\r\n";
        break;
    case DsnAction::Delivered:
        text += "    Delivered";
        if (!r.reason.isEmpty())
            text += ": " + oneLine(r.reason);
        text += "\r\n";
        break;
    }
    return text;
}

QByteArray humanText(const DsnReport& report, const QByteArray& originalHeaders)
{
    bool failed = false;
    bool delayed = false;
    for (const DsnRecipientReport& r : report.recipients) {
        failed |= r.action == DsnAction::Failed;
        delayed |= r.action == DsnAction::Delayed;
    }
    QByteArray text = "This is the mail system at " + oneLine(report.reportingMta) + ".\r\n\r\n";
    const QByteArray subject = headerValue(originalHeaders, "Subject");
    const QByteArray yourMessage = subject.isEmpty() ? QByteArray("Your message")
                                                     : "Your message \"" + oneLine(QString::fromUtf8(subject)) + "\"";
    const QByteArray sent = report.arrivalDate.isValid() ? " (received " + rfc5322Date(report.arrivalDate) + ")" : "";
    for (DsnAction action : { DsnAction::Failed, DsnAction::Delayed, DsnAction::Delivered }) {
        QByteArray list;
        for (const DsnRecipientReport& r : report.recipients) {
            if (r.action == action)
                list += describe(r) + "\r\n";
        }
        if (list.isEmpty())
            continue;
        if (action == DsnAction::Failed)
            text += wrapped(yourMessage + sent + " could not be delivered to the following recipients. "
                + "This is a permanent failure; the message was returned to you.");
        else if (action == DsnAction::Delayed)
            text += wrapped(yourMessage + sent + " has not been delivered yet to the following recipients. "
                + "This is only a warning.");
        else
            text += wrapped(yourMessage + sent + " was delivered to the following recipients.");
        text += "\r\n" + list;
    }
    if (failed || delayed)
        text += wrapped("For help, forward this message to the administrator of " + oneLine(report.reportingMta) + ".");
    text += wrapped("The original message " + QByteArray(failed ? "or its headers are" : "headers are") + " attached.");
    return text;
}

QByteArray statusPart(const DsnReport& report)
{
    QByteArray s = "Reporting-MTA: dns; " + oneLine(report.reportingMta) + "\r\n";
    if (!report.queueId.isEmpty())
        s += "X-Tegami-Queue-ID: " + oneLine(report.queueId) + "\r\n";
    if (!report.envId.isEmpty())
        s += "Original-Envelope-Id: " + oneLine(report.envId) + "\r\n";
    if (report.arrivalDate.isValid())
        s += "Arrival-Date: " + rfc5322Date(report.arrivalDate) + "\r\n";
    for (const DsnRecipientReport& r : report.recipients) {
        s += "\r\n";
        if (!r.originalRecipient.isEmpty())
            s += "Original-Recipient: " + oneLine(r.originalRecipient) + "\r\n";
        s += "Final-Recipient: " + typedAddress(r.finalRecipient) + "\r\n";
        s += "Action: " + dsnActionName(r.action).toLatin1() + "\r\n";
        s += "Status: " + oneLine(r.status) + "\r\n";
        if (!r.remoteMta.isEmpty())
            s += "Remote-MTA: dns; " + mtaName(r.remoteMta) + "\r\n";
        if (!r.diagnostic.isEmpty())
            s += "Diagnostic-Code: smtp; " + oneLine(r.diagnostic) + "\r\n";
        if (r.lastAttempt.isValid())
            s += "Last-Attempt-Date: " + rfc5322Date(r.lastAttempt) + "\r\n";
        if (r.action == DsnAction::Delayed && r.willRetryUntil.isValid())
            s += "Will-Retry-Until: " + rfc5322Date(r.willRetryUntil) + "\r\n";
    }
    return s;
}

QByteArray transferEncodingFor(const QByteArray& bytes)
{
    return isAscii(bytes) ? "7bit" : "8bit";
}

} // namespace

QString dsnActionName(DsnAction a)
{
    switch (a) {
    case DsnAction::Failed:
        return QStringLiteral("failed");
    case DsnAction::Delayed:
        return QStringLiteral("delayed");
    case DsnAction::Delivered:
        return QStringLiteral("delivered");
    }
    return QString();
}

QByteArray headerSection(const QByteArray& message)
{
    if (message.startsWith("\r\n"))
        return QByteArray("\r\n");
    const qsizetype end = message.indexOf("\r\n\r\n");
    if (end >= 0)
        return message.left(end + 4);
    const qsizetype lfEnd = message.indexOf("\n\n");
    return lfEnd >= 0 ? message.left(lfEnd + 2) : message;
}

QByteArray headerValue(const QByteArray& headers, const QByteArray& name)
{
    const QList<QByteArray> lines = headers.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        QByteArray value = line.mid(colon + 1);
        while (i + 1 < lines.size() && (lines.at(i + 1).startsWith(' ') || lines.at(i + 1).startsWith('\t'))) {
            QByteArray next = lines.at(++i);
            if (next.endsWith('\r'))
                next.chop(1);
            value += next;
        }
        return value.simplified();
    }
    return QByteArray();
}

QByteArray buildDsn(const DsnReport& report, const QByteArray& original, DsnReturn what)
{
    bool failed = false;
    bool delayed = false;
    for (const DsnRecipientReport& r : report.recipients) {
        failed |= r.action == DsnAction::Failed;
        delayed |= r.action == DsnAction::Delayed;
    }
    const QByteArray headers = headerSection(original);
    QByteArray attached = what == DsnReturn::Full ? original : headers;
    if (!attached.endsWith("\r\n"))
        attached += "\r\n";

    // A boundary that cannot occur in the parts: derived from the content, checked anyway.
    QByteArray boundary;
    for (int salt = 0;; ++salt) {
        boundary = "=_tegami_"
            + QCryptographicHash::hash(
                report.queueId.toUtf8() + attached + QByteArray::number(salt), QCryptographicHash::Sha256)
                  .toHex()
                  .left(24);
        if (!attached.contains(boundary))
            break;
    }
    const QByteArray messageId = !report.messageId.isEmpty() ? oneLine(report.messageId)
                                                             : oneLine(QStringLiteral("dsn.%1.%2@%3")
                                                                           .arg(report.queueId)
                                                                           .arg(report.date.toMSecsSinceEpoch())
                                                                           .arg(report.reportingMta));
    const QByteArray subject = failed ? "Undelivered Mail Returned to Sender"
        : delayed                     ? "Delayed Mail (still being retried)"
                                      : "Successful Mail Delivery Report";

    QByteArray out;
    out += "Date: " + rfc5322Date(report.date) + "\r\n";
    out += "From: Mail Delivery System <MAILER-DAEMON@" + oneLine(report.reportingMta) + ">\r\n";
    out += "To: <" + oneLine(report.recipient) + ">\r\n";
    out += "Subject: " + subject + "\r\n";
    out += "Message-ID: <" + messageId + ">\r\n";
    const QByteArray originalId = headerValue(headers, "Message-ID");
    if (!originalId.isEmpty() && originalId.size() < maxFieldChars)
        out += "In-Reply-To: " + originalId + "\r\nReferences: " + originalId + "\r\n";
    out += "Auto-Submitted: auto-replied\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"" + boundary + "\"\r\n";
    out += "\r\n";
    out += "This is a MIME-encapsulated message.\r\n\r\n";

    const QByteArray text = humanText(report, headers);
    out += "--" + boundary + "\r\n";
    out += "Content-Description: Notification\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\n";
    if (isAscii(text))
        out += "Content-Transfer-Encoding: 7bit\r\n\r\n" + text;
    else
        out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quotedPrintable(text);
    if (!out.endsWith("\r\n"))
        out += "\r\n";

    const QByteArray status = statusPart(report);
    out += "\r\n--" + boundary + "\r\n";
    out += "Content-Description: Delivery report\r\n";
    out += isAscii(status) ? "Content-Type: message/delivery-status\r\n"
                           : "Content-Type: message/global-delivery-status\r\nContent-Transfer-Encoding: 8bit\r\n";
    out += "\r\n" + status;

    out += "\r\n--" + boundary + "\r\n";
    // TODO(tegami): an original with UTF-8 headers (SMTPUTF8) should go back as message/global
    // (RFC 6532 3.7), which a downgrading hop could then handle; message/rfc822 with 8bit for now.
    if (what == DsnReturn::Full) {
        out += "Content-Description: Undelivered message\r\n";
        out += "Content-Type: message/rfc822\r\n";
    } else {
        out += "Content-Description: Message headers\r\n";
        out += "Content-Type: text/rfc822-headers\r\n";
    }
    out += "Content-Transfer-Encoding: " + transferEncodingFor(attached) + "\r\n\r\n";
    out += attached;
    out += "\r\n--" + boundary + "--\r\n";
    return out;
}

} // namespace tegami
