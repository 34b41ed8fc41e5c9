// mbox import and export in the mboxrd flavour (>From quoting that round-trips).
#include "store/ImportBatcher.h"
#include "store/LineEndings.h"
#include "store/MailTransfer.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace tegami {

namespace {

const char* const monthNames[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
const char* const dayNames[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

bool isFromLine(const QByteArray& line)
{
    return line.startsWith("From ");
}

// ">From ", ">>From ", ...: a quoted body line in mboxrd.
bool isQuotedFromLine(const QByteArray& line)
{
    qsizetype i = 0;
    while (i < line.size() && line.at(i) == '>')
        ++i;
    return i > 0 && line.mid(i, 5) == "From ";
}

// The asctime date of a From line: "From sender Thu Nov 24 18:22:48 1986", optionally with
// a zone before or after the year.
QDateTime dateFromFromLine(const QByteArray& line)
{
    static const QRegularExpression re(QStringLiteral(
        "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\s+(\\d{1,2})\\s+"
        "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s+(?:([A-Z]{3,5}|[+-]\\d{4})\\s+)?(\\d{4})(?:\\s+([+-]\\d{4}))?"));
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(line));
    if (!m.hasMatch())
        return {};
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (m.captured(1) == QLatin1String(monthNames[i]))
            month = i + 1;
    }
    const QDate date(m.captured(7).toInt(), month, m.captured(2).toInt());
    const QTime time(m.captured(3).toInt(), m.captured(4).toInt(), m.captured(5).isEmpty() ? 0 : m.captured(5).toInt());
    if (!date.isValid() || !time.isValid())
        return {};
    QDateTime dt(date, time, Qt::UTC);
    QString zone = m.captured(8).isEmpty() ? m.captured(6) : m.captured(8);
    if (zone.size() == 5 && (zone.at(0) == QLatin1Char('+') || zone.at(0) == QLatin1Char('-'))) {
        const int offset = (zone.mid(1, 2).toInt() * 60 + zone.mid(3, 2).toInt()) * 60;
        dt = dt.addSecs(zone.at(0) == QLatin1Char('+') ? -offset : offset);
    }
    return dt;
}

QByteArray asctime(const QDateTime& utc)
{
    const QDate d = utc.date();
    const QTime t = utc.time();
    return QStringLiteral("%1 %2 %3 %4:%5:%6 %7")
        .arg(QLatin1String(dayNames[d.dayOfWeek() - 1]), QLatin1String(monthNames[d.month() - 1]))
        .arg(d.day(), 2, 10, QLatin1Char(' '))
        .arg(t.hour(), 2, 10, QLatin1Char('0'))
        .arg(t.minute(), 2, 10, QLatin1Char('0'))
        .arg(t.second(), 2, 10, QLatin1Char('0'))
        .arg(d.year())
        .toLatin1();
}

// One message being read from the mbox: its lines without their line ends.
struct PendingMessage {
    int number = 0;
    QByteArray fromLine;
    QList<QByteArray> lines;
    bool endsWithNewline = true;
};

// Status/X-Status/X-Keywords in the header become flags and leave the message.
QStringList takeMboxFlags(QList<QByteArray>& lines)
{
    QStringList flags;
    auto add = [&flags](SystemFlag f) {
        if (!flags.contains(systemFlagName(f)))
            flags << systemFlagName(f);
    };
    qsizetype i = 0;
    while (i < lines.size() && !lines.at(i).isEmpty()) {
        const QByteArray lower = lines.at(i).toLower();
        const bool status = lower.startsWith("status:");
        const bool xstatus = lower.startsWith("x-status:");
        const bool keywords = lower.startsWith("x-keywords:");
        if (!status && !xstatus && !keywords) {
            ++i;
            continue;
        }
        QByteArray value = lines.at(i).mid(lines.at(i).indexOf(':') + 1);
        lines.removeAt(i);
        while (i < lines.size() && !lines.at(i).isEmpty() && (lines.at(i).at(0) == ' ' || lines.at(i).at(0) == '\t')) {
            value += ' ' + lines.at(i);
            lines.removeAt(i);
        }
        if (keywords) {
            for (const QByteArray& k : value.simplified().replace(',', ' ').split(' ')) {
                if (!k.isEmpty())
                    flags << QString::fromUtf8(k);
            }
            continue;
        }
        for (char c : value.trimmed()) {
            if (status && c == 'R')
                add(SystemFlag::Seen);
            if (xstatus && c == 'A')
                add(SystemFlag::Answered);
            if (xstatus && c == 'F')
                add(SystemFlag::Flagged);
            if (xstatus && c == 'T')
                add(SystemFlag::Draft);
            if (xstatus && c == 'D')
                add(SystemFlag::Deleted);
        }
    }
    return flags;
}

QDateTime dateFromHeader(const QList<QByteArray>& lines)
{
    for (const QByteArray& line : lines) {
        if (line.isEmpty())
            break;
        if (line.size() > 5 && line.left(5).toLower() == "date:") {
            QString value = QString::fromLatin1(line.mid(5)).trimmed();
            value.remove(QRegularExpression(QStringLiteral("\\s*\\(.*\\)\\s*$"))); // "(UTC)" comments
            const QDateTime dt = QDateTime::fromString(value, Qt::RFC2822Date);
            if (dt.isValid())
                return dt.toUTC();
        }
    }
    return {};
}

void importPending(PendingMessage& pending, ImportBatcher& batcher, TransferReport& report)
{
    const QString label = QStringLiteral("message %1").arg(pending.number);
    // The empty line before the next From line belongs to the mbox, not the message.
    if (!pending.lines.isEmpty() && pending.lines.last().isEmpty())
        pending.lines.removeLast();
    if (pending.lines.isEmpty()) {
        report.errors << label + QStringLiteral(": empty message; skipped");
        return;
    }
    AppendOptions options;
    options.flags = takeMboxFlags(pending.lines);
    options.internalDate = dateFromFromLine(pending.fromLine);
    if (!options.internalDate.isValid())
        options.internalDate = dateFromHeader(pending.lines);
    QByteArray data;
    qsizetype total = 0;
    for (const QByteArray& line : pending.lines)
        total += line.size() + 2;
    data.reserve(total);
    for (qsizetype i = 0; i < pending.lines.size(); ++i) {
        const QByteArray& line = pending.lines.at(i);
        data += isQuotedFromLine(line) ? line.mid(1) : line;
        if (i + 1 < pending.lines.size() || pending.endsWithNewline)
            data += "\r\n";
    }
    batcher.add(label, std::move(data), std::move(options));
}

// Puts Status/X-Status/X-Keywords at the end of the header block of an LF message.
QByteArray withMboxFlags(const QByteArray& lf, const MessageFlags& flags)
{
    QByteArray headers = "Status: " + QByteArray(flags.has(SystemFlag::Seen) ? "RO" : "O") + '\n';
    QByteArray xstatus;
    if (flags.has(SystemFlag::Answered))
        xstatus += 'A';
    if (flags.has(SystemFlag::Flagged))
        xstatus += 'F';
    if (flags.has(SystemFlag::Draft))
        xstatus += 'T';
    if (flags.has(SystemFlag::Deleted))
        xstatus += 'D';
    if (!xstatus.isEmpty())
        headers += "X-Status: " + xstatus + '\n';
    if (!flags.keywords.isEmpty())
        headers += "X-Keywords: " + flags.keywordsText().toUtf8() + '\n';
    if (lf.startsWith('\n'))
        return headers + lf; // no header at all
    const qsizetype end = lf.indexOf("\n\n");
    if (end < 0)
        return lf.endsWith('\n') ? lf + headers : lf + '\n' + headers;
    QByteArray out = lf;
    out.insert(end + 1, headers);
    return out;
}

QByteArray envelopeSender(const QByteArray& lf)
{
    for (const QByteArray& line : lf.left(lf.indexOf("\n\n")).split('\n')) {
        if (line.size() > 12 && line.left(12).toLower() == "return-path:") {
            QByteArray address = line.mid(12).trimmed();
            if (address.startsWith('<') && address.endsWith('>'))
                address = address.mid(1, address.size() - 2);
            if (!address.isEmpty() && !address.contains(' '))
                return address;
        }
    }
    return "MAILER-DAEMON";
}

} // namespace

Result<TransferReport> importMbox(
    MailStore& store, const QString& mboxPath, const QString& owner, const QString& folderName)
{
    QFile file(mboxPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::invalid(QStringLiteral("path"),
            QStringLiteral("cannot read %1: %2; give the path of an mbox file").arg(mboxPath, file.errorString()));
    }
    {
        // Check before creating the folder, so a wrong path leaves nothing behind.
        QByteArray first;
        while (!file.atEnd() && first.trimmed().isEmpty())
            first = file.readLine();
        if (!first.trimmed().isEmpty() && !isFromLine(first)) {
            return Error::invalid(QStringLiteral("path"),
                QStringLiteral("%1 is not an mbox file: it does not start with a \"From \" line").arg(mboxPath));
        }
        file.seek(0);
    }
    auto target = importTargetFolder(store, owner, folderName);
    if (!target)
        return target.error();

    TransferReport report;
    ImportBatcher batcher(store, target->id, report);
    std::optional<PendingMessage> pending;
    bool previousBlank = true;
    int number = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        if (line.isEmpty() && file.error() != QFileDevice::NoError) {
            report.errors << QStringLiteral("%1: read error after message %2: %3")
                                 .arg(mboxPath)
                                 .arg(number)
                                 .arg(file.errorString());
            break;
        }
        const bool newline = line.endsWith('\n');
        if (newline)
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (isFromLine(line) && previousBlank) {
            if (pending)
                importPending(*pending, batcher, report);
            pending = PendingMessage { ++number, line, {}, true };
            previousBlank = false;
            continue;
        }
        if (!pending) {
            previousBlank = line.isEmpty();
            continue; // blank lines before the first From line
        }
        pending->lines << line;
        pending->endsWithNewline = newline;
        previousBlank = line.isEmpty();
    }
    if (pending)
        importPending(*pending, batcher, report);
    batcher.flush();
    return report;
}

Result<TransferReport> exportMbox(
    MailStore& store, const QString& owner, const QString& folderName, const QString& mboxPath)
{
    auto source = store.findFolder(owner, folderName);
    if (!source)
        return source.error();
    if (QFileInfo::exists(mboxPath)) {
        return Error::exists(
            QStringLiteral("%1 already exists; choose another file name or delete the file first").arg(mboxPath));
    }
    auto list = store.messages(source->id);
    if (!list)
        return list.error();

    QSaveFile out(mboxPath);
    if (!out.open(QIODevice::WriteOnly)) {
        return Error::io(QStringLiteral("cannot create %1: %2; check that the location is writable")
                             .arg(mboxPath, out.errorString()));
    }
    TransferReport report;
    for (const MessageInfo& m : *list) {
        auto data = store.readMessage(source->id, m.uid);
        if (!data) {
            report.errors << QStringLiteral("UID %1: %2").arg(m.uid).arg(data.error().message);
            continue;
        }
        QByteArray lf = withMboxFlags(toLf(*data), m.flags);
        QByteArray chunk = "From " + envelopeSender(lf) + ' ' + asctime(m.internalDate.toUTC()) + '\n';
        chunk.reserve(chunk.size() + lf.size() + lf.size() / 64 + 2);
        qsizetype start = 0;
        while (start < lf.size()) {
            qsizetype end = lf.indexOf('\n', start);
            end = end < 0 ? lf.size() : end + 1;
            // mboxrd: every line that would read as "From " after unquoting gains a '>'.
            const QByteArray line = lf.mid(start, end - start);
            if (isFromLine(line) || isQuotedFromLine(line))
                chunk += '>';
            chunk += line;
            start = end;
        }
        if (!chunk.endsWith('\n'))
            chunk += '\n';
        chunk += '\n';
        if (out.write(chunk) != chunk.size()) {
            out.cancelWriting();
            return Error::io(
                QStringLiteral("cannot write %1: %2; check free disk space").arg(mboxPath, out.errorString()));
        }
        ++report.messages;
    }
    if (!out.commit())
        return Error::io(QStringLiteral("cannot write %1: %2; check free disk space").arg(mboxPath, out.errorString()));
    return report;
}

} // namespace tegami
