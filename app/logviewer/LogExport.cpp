#include "logviewer/LogExport.h"

#include <QCoreApplication>

#include "logviewer/LogViewModel.h"

namespace tegami {

QByteArray logCsvHeader()
{
    return QByteArrayLiteral(
        "date-time,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n");
}

// TODO(tegami): cells are written as logged, so data a client sent that starts with = + - @
// may be taken for a formula by a spreadsheet; Exchange's logs behave the same. Decide
// whether an "for spreadsheets" variant should prefix such cells with an apostrophe.
QString csvField(const QString& text)
{
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n'));
    if (!quote)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray logCsvRow(const LogEvent& e)
{
    const QStringList fields {
        e.time.toUTC().toString(Qt::ISODateWithMs),
        csvField(e.sid),
        QString::number(e.seq),
        csvField(e.local),
        csvField(e.remote),
        logDirectionSymbol(e.dir),
        csvField(e.data),
        csvField(e.ctx),
    };
    return fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

bool writeLogExport(QIODevice& device, const LogViewModel& model, LogExportFormat format, QString* error)
{
    QByteArray buffer;
    const auto write = [&](bool last) {
        if (buffer.size() < (1 << 20) && !last)
            return true;
        const bool ok = device.write(buffer) == buffer.size();
        buffer.clear();
        return ok;
    };
    bool ok = true;
    if (format == LogExportFormat::Csv)
        buffer += logCsvHeader();
    for (int row = 0; ok && row < model.rowCount(); ++row) {
        const LogEvent event = model.eventAt(row);
        buffer += format == LogExportFormat::Csv ? logCsvRow(event) : event.toJsonLine();
        ok = write(false);
    }
    ok = ok && write(true);
    if (!ok && error)
        *error = QCoreApplication::translate("tegami::LogExport", "Could not write the export: %1")
                     .arg(device.errorString());
    return ok;
}

} // namespace tegami
