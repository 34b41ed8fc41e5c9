#include "log/LogEvent.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

namespace tegami {

namespace {

const char kHexDigits[] = "0123456789ABCDEF";

// Length of the well-formed UTF-8 sequence at bytes[i] (no overlongs, no surrogates,
// at most U+10FFFF) with its code point in *codePoint, or 0 when the byte starts none.
int utf8SequenceAt(QByteArrayView bytes, qsizetype i, char32_t* codePoint)
{
    const auto b0 = static_cast<uchar>(bytes[i]);
    if (b0 < 0x80) {
        *codePoint = b0;
        return 1;
    }
    int length = 0;
    char32_t c = 0;
    char32_t minimum = 0;
    if ((b0 & 0xE0) == 0xC0) {
        length = 2;
        c = b0 & 0x1F;
        minimum = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        length = 3;
        c = b0 & 0x0F;
        minimum = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        length = 4;
        c = b0 & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const auto b = static_cast<uchar>(bytes[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (b & 0x3F);
    }
    if (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *codePoint = c;
    return length;
}

bool isControl(char32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

// JSON string escaping for toJsonLine(); the input is valid UTF-8 from QString::toUtf8().
void appendJsonString(QByteArray& out, const QString& text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<uchar>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHexDigits[c >> 4];
                out += kHexDigits[c & 0xF];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

Result<QString> optionalString(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return Error::invalid(key, QStringLiteral("must be a JSON string"));
    return value.toString();
}

} // namespace

QString logDirectionSymbol(LogDirection dir)
{
    switch (dir) {
    case LogDirection::Connect: return QStringLiteral("+");
    case LogDirection::Disconnect: return QStringLiteral("-");
    case LogDirection::FromClient: return QStringLiteral("<");
    case LogDirection::ToClient: return QStringLiteral(">");
    case LogDirection::Note: return QStringLiteral("*");
    }
    return QStringLiteral("*");
}

std::optional<LogDirection> logDirectionFromSymbol(QStringView symbol)
{
    for (LogDirection dir : {LogDirection::Connect, LogDirection::Disconnect, LogDirection::FromClient,
                             LogDirection::ToClient, LogDirection::Note}) {
        if (symbol == logDirectionSymbol(dir))
            return dir;
    }
    return std::nullopt;
}

QString logEndpoint(const QString& address, quint16 port)
{
    if (address.contains(QLatin1Char(':')) && !address.startsWith(QLatin1Char('[')))
        return QStringLiteral("[%1]:%2").arg(address).arg(port);
    return QStringLiteral("%1:%2").arg(address).arg(port);
}

QJsonObject LogEvent::toJson() const
{
    QJsonObject object{
        {QStringLiteral("t"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("proto"), proto},
        {QStringLiteral("sid"), sid},
        {QStringLiteral("seq"), seq},
        {QStringLiteral("local"), local},
        {QStringLiteral("remote"), remote},
        {QStringLiteral("dir"), logDirectionSymbol(dir)},
        {QStringLiteral("data"), data},
    };
    if (!user.isEmpty())
        object.insert(QStringLiteral("user"), user);
    if (!ctx.isEmpty())
        object.insert(QStringLiteral("ctx"), ctx);
    return object;
}

QByteArray LogEvent::toJsonLine() const
{
    // Written by hand rather than through QJsonDocument, which sorts keys: a person
    // reading the file with `tail` expects time, protocol and session first.
    QByteArray out;
    out.reserve(160 + data.size() + user.size() + ctx.size());
    out += "{\"t\":";
    appendJsonString(out, time.toUTC().toString(Qt::ISODateWithMs));
    out += ",\"proto\":";
    appendJsonString(out, proto);
    out += ",\"sid\":";
    appendJsonString(out, sid);
    out += ",\"seq\":";
    out += QByteArray::number(seq);
    out += ",\"local\":";
    appendJsonString(out, local);
    out += ",\"remote\":";
    appendJsonString(out, remote);
    out += ",\"dir\":";
    appendJsonString(out, logDirectionSymbol(dir));
    out += ",\"data\":";
    appendJsonString(out, data);
    if (!user.isEmpty()) {
        out += ",\"user\":";
        appendJsonString(out, user);
    }
    if (!ctx.isEmpty()) {
        out += ",\"ctx\":";
        appendJsonString(out, ctx);
    }
    out += "}\n";
    return out;
}

Result<LogEvent> LogEvent::fromJson(const QJsonObject& object)
{
    LogEvent event;
    const QJsonValue t = object.value(QStringLiteral("t"));
    event.time = QDateTime::fromString(t.toString(), Qt::ISODateWithMs);
    if (!t.isString() || !event.time.isValid())
        return Error::invalid(QStringLiteral("t"),
                              QStringLiteral("must be an ISO 8601 UTC time such as 2026-11-22T12:00:00.123Z"));
    event.time = event.time.toUTC();

    const QJsonValue proto = object.value(QStringLiteral("proto"));
    if (!proto.isString() || proto.toString().isEmpty())
        return Error::invalid(QStringLiteral("proto"),
                              QStringLiteral("must name the protocol: smtp, submission, pop3, imap, control or service"));
    event.proto = proto.toString();

    const QJsonValue dir = object.value(QStringLiteral("dir"));
    const auto direction = logDirectionFromSymbol(dir.toString());
    if (!dir.isString() || !direction)
        return Error::invalid(QStringLiteral("dir"), QStringLiteral("must be one of \"+\", \"-\", \"<\", \">\", \"*\""));
    event.dir = *direction;

    const QJsonValue seq = object.value(QStringLiteral("seq"));
    if (!seq.isUndefined()) {
        if (!seq.isDouble() || seq.toDouble() < 0 || seq.toDouble() != static_cast<double>(seq.toInteger()))
            return Error::invalid(QStringLiteral("seq"), QStringLiteral("must be a non-negative integer"));
        event.seq = seq.toInteger();
    }

    QString* const fields[] = {&event.sid, &event.local, &event.remote, &event.data, &event.user, &event.ctx};
    const QString keys[] = {QStringLiteral("sid"),  QStringLiteral("local"), QStringLiteral("remote"),
                            QStringLiteral("data"), QStringLiteral("user"),  QStringLiteral("ctx")};
    for (size_t i = 0; i < std::size(keys); ++i) {
        Result<QString> value = optionalString(object, keys[i]);
        if (!value)
            return value.error();
        *fields[i] = std::move(value).value();
    }
    return event;
}

Result<LogEvent> LogEvent::fromJsonLine(QByteArrayView line)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("line"), QStringLiteral("not valid JSON (%1 at offset %2)")
                                                          .arg(parseError.errorString())
                                                          .arg(parseError.offset));
    if (!document.isObject())
        return Error::invalid(QStringLiteral("line"), QStringLiteral("must be a JSON object, one event per line"));
    return fromJson(document.object());
}

QString LogEvent::encodeData(QByteArrayView bytes, int maxChars)
{
    QString out;
    out.reserve(static_cast<qsizetype>(std::min<qsizetype>(bytes.size(), maxChars)) + 8);
    char16_t piece[16];
    for (qsizetype i = 0; i < bytes.size();) {
        char32_t codePoint = 0;
        const int length = utf8SequenceAt(bytes, i, &codePoint);
        int pieceLength = 0;
        int consumed = 0;
        if (length == 0 || isControl(codePoint)) {
            // An invalid byte is escaped alone (the next may start a valid sequence); a
            // control character is escaped byte by byte so decodeData() restores it.
            consumed = length == 0 ? 1 : length;
            for (int k = 0; k < consumed; ++k) {
                const auto b = static_cast<uchar>(bytes[i + k]);
                piece[pieceLength++] = u'\\';
                piece[pieceLength++] = u'x';
                piece[pieceLength++] = static_cast<char16_t>(kHexDigits[b >> 4]);
                piece[pieceLength++] = static_cast<char16_t>(kHexDigits[b & 0xF]);
            }
        } else if (codePoint == U'\\') {
            consumed = 1;
            piece[pieceLength++] = u'\\';
            piece[pieceLength++] = u'\\';
        } else {
            consumed = length;
            if (codePoint >= 0x10000) {
                piece[pieceLength++] = QChar::highSurrogate(codePoint);
                piece[pieceLength++] = QChar::lowSurrogate(codePoint);
            } else {
                piece[pieceLength++] = static_cast<char16_t>(codePoint);
            }
        }
        if (out.size() + pieceLength > maxChars) {
            out += QStringLiteral(" [truncated: %1 bytes in total]").arg(bytes.size());
            return out;
        }
        out.append(reinterpret_cast<const QChar*>(piece), pieceLength);
        i += consumed;
    }
    return out;
}

QByteArray LogEvent::decodeData(QStringView data)
{
    QByteArray out;
    out.reserve(data.size());
    qsizetype runStart = 0;
    auto flushRun = [&](qsizetype end) {
        if (end > runStart)
            out += data.mid(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < data.size(); ++i) {
        if (data[i] != u'\\' || i + 1 >= data.size())
            continue;
        if (data[i + 1] == u'\\') {
            flushRun(i);
            out += '\\';
            runStart = i + 2;
            ++i;
        } else if (data[i + 1] == u'x' && i + 3 < data.size() && hexValue(data[i + 2]) >= 0
                   && hexValue(data[i + 3]) >= 0) {
            flushRun(i);
            out += static_cast<char>(hexValue(data[i + 2]) * 16 + hexValue(data[i + 3]));
            runStart = i + 4;
            i += 3;
        }
    }
    flushRun(data.size());
    return out;
}

QString LogEvent::truncateData(const QString& text, int maxChars)
{
    if (text.size() <= maxChars)
        return text;
    qsizetype keep = maxChars;
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep; // never split a surrogate pair
    return text.left(keep) + QStringLiteral(" [truncated: %1 characters in total]").arg(text.size());
}

} // namespace tegami
