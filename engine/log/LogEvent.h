#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringView>

#include <optional>

namespace tegami {

// What an event records: `+` connect, `-` disconnect, `<` from the client, `>` to the
// client, `*` a note from the server (TLS details, auth result, policy decisions).
enum class LogDirection { Connect, Disconnect, FromClient, ToClient, Note };

QString logDirectionSymbol(LogDirection dir);
std::optional<LogDirection> logDirectionFromSymbol(QStringView symbol);

// The endpoint format of `local` and `remote`: "192.0.2.10:993", "[2001:db8::1]:993".
QString logEndpoint(const QString& address, quint16 port);

// One protocol log event; a file holds one per line (JSON Lines):
// {"t":"2026-11-22T12:00:00.123Z","proto":"imap","sid":"3f2a","seq":7,"local":"192.0.2.10:993",
//  "remote":"198.51.100.7:52144","dir":"<","data":"a1 LOGIN alice ********","user":"alice","ctx":"tls"}
struct LogEvent {
    // A huge literal or a binary blast must not bloat the log: data beyond this is cut.
    static constexpr int kMaxDataChars = 4096;

    QDateTime time;   // UTC, millisecond precision
    QString proto;    // smtp, submission, pop3, imap; "control"/"service" for non-session notes
    QString sid;      // session id (short hex), empty for non-session notes
    qint64 seq = 0;   // per-session sequence number, from 1
    QString local;    // logEndpoint() of the listener
    QString remote;   // logEndpoint() of the peer
    LogDirection dir = LogDirection::Note;
    QString data;     // printable text: see encodeData()
    QString user;     // omitted from JSON when empty
    QString ctx;      // e.g. "tls"; omitted from JSON when empty

    bool operator==(const LogEvent& other) const = default;

    QJsonObject toJson() const;
    // Compact JSON in schema order (t, proto, sid, seq, ...) plus '\n': always exactly one line.
    QByteArray toJsonLine() const;
    static Result<LogEvent> fromJson(const QJsonObject& object);
    static Result<LogEvent> fromJsonLine(QByteArrayView line);

    // Turns wire bytes into printable text that survives JSON: valid UTF-8 stays as it
    // is; invalid bytes, control characters (C0, DEL, C1) become \xNN and a backslash
    // becomes "\\", so the original bytes can be recovered with decodeData(). Output
    // beyond maxChars is cut and ends with " [truncated: N bytes in total]".
    static QString encodeData(QByteArrayView bytes, int maxChars = kMaxDataChars);
    static QByteArray decodeData(QStringView data);
    // Cuts text that did not come through encodeData() (notes built elsewhere).
    static QString truncateData(const QString& text, int maxChars = kMaxDataChars);
};

} // namespace tegami
