#include "mime/PartText.h"

#include "mime/Charset.h"
#include "mime/EncodedWords.h"

namespace tegami {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void collectText(const QByteArray& message, const MimePart& part, QString* out, qsizetype maxChars)
{
    if (out->size() >= maxChars)
        return;
    if (!part.children.empty()) {
        for (const MimePart& child : part.children)
            collectText(message, child, out, maxChars);
        return;
    }
    if (part.opaque || !part.isText())
        return;
    if (!out->isEmpty())
        out->append(QLatin1Char('\n'));
    out->append(partText(message, part));
    if (out->size() > maxChars)
        out->truncate(maxChars);
}

} // namespace

QByteArray decodeQuotedPrintable(QByteArrayView body)
{
    QByteArray out;
    out.reserve(body.size());
    const qsizetype n = body.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = body[i];
        if (c != '=') {
            out.append(c);
            continue;
        }
        // "=" then optional trailing whitespace and a line break: a soft line break.
        qsizetype j = i + 1;
        while (j < n && (body[j] == ' ' || body[j] == '\t'))
            ++j;
        if (j < n && (body[j] == '\r' || body[j] == '\n')) {
            if (body[j] == '\r' && j + 1 < n && body[j + 1] == '\n')
                ++j;
            i = j;
            continue;
        }
        if (j == n) {
            i = j; // "=" at the very end
            continue;
        }
        if (i + 2 < n && hexValue(body[i + 1]) >= 0 && hexValue(body[i + 2]) >= 0) {
            out.append(static_cast<char>(hexValue(body[i + 1]) * 16 + hexValue(body[i + 2])));
            i += 2;
            continue;
        }
        out.append(c); // a broken escape stays as written
    }
    return out;
}

QByteArray decodeTransferEncoding(QByteArrayView body, QByteArrayView encoding)
{
    const QByteArray e = encoding.trimmed().toByteArray().toLower();
    if (e == "base64")
        return decodeBase64Lenient(body);
    if (e == "quoted-printable")
        return decodeQuotedPrintable(body);
    return body.toByteArray();
}

QString partText(const QByteArray& message, const MimePart& part)
{
    if (!part.children.empty() || part.isMultipart())
        return QString();
    const QByteArrayView body = QByteArrayView(message).sliced(part.bodyOffset, part.bodyLength());
    const QByteArray bytes = decodeTransferEncoding(body, part.encoding.value_or(QByteArray()));
    const std::optional<QByteArray> charset = part.params.value("charset");
    if (!charset)
        return decodeUndeclared(bytes);
    return decodeCharsetOrRaw(bytes, *charset);
}

QString messageBodyText(const QByteArray& message, const MimePart& root, qsizetype maxChars)
{
    QString out;
    collectText(message, root, &out, maxChars);
    return out;
}

QString decodedHeaderText(const Header& header)
{
    QString out;
    for (const HeaderField& f : header.fields()) {
        out += decodeUndeclared(f.name);
        out += QLatin1String(": ");
        out += decodeEncodedWords(header.value(f));
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace tegami
