#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace tegami::format {

// "12.3 MB"; sizes an admin reads, not exact byte counts.
QString bytes(qint64 n);
// An ISO 8601 time from the service as local date and time ("2026-11-30 14:02:11"), or "" for none.
QString localTime(const QString& iso);
QDateTime parseTime(const QString& iso);
// "3 h 12 min", "45 s".
QString duration(qint64 secs);
// A JSON list of strings joined with ", ".
QString list(const QJsonValue& array);
// The protocol's name as admins know it ("smtp" -> "SMTP", "imap" -> "IMAP4").
QString protocolLabel(const QString& name);
// The short form for lists and check boxes ("SMTP", "Submission", "POP3", "IMAP4").
QString protocolShortLabel(const QString& name);
QString tlsModeLabel(const QString& mode);

} // namespace tegami::format
