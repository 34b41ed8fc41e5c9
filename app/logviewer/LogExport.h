#pragma once

#include "log/LogEvent.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

namespace tegami {

class LogViewModel;

enum class LogExportFormat { Csv, JsonLines };

// CSV with the columns of Exchange's protocol logs, so admins' existing spreadsheets and
// scripts read it: date-time (UTC, ISO 8601 with ms), session-id, sequence-number,
// local-endpoint, remote-endpoint, event (+ - < > *), data, context. RFC 4180: CRLF line
// ends, a header row, fields with a comma, quote, CR or LF in double quotes with quotes
// doubled.
QByteArray logCsvHeader();
QByteArray logCsvRow(const LogEvent& event);
QString csvField(const QString& text);

// Writes the model's rows (what the table shows: filter applied), oldest first. Returns
// false when the device failed; *error then says why.
bool writeLogExport(QIODevice& device, const LogViewModel& model, LogExportFormat format, QString* error);

} // namespace tegami
