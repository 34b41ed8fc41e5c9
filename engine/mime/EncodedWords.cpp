#include "mime/EncodedWords.h"

#include "mime/Charset.h"

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

bool isWsp(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct Word {
    QByteArray charset; // without the RFC 2231 language
    QByteArray bytes; // after B or Q decoding
    qsizetype end = 0; // offset just after "?="
};

// An encoded word starting at value[pos] ("=?"), or nothing.
bool parseWord(QByteArrayView value, qsizetype pos, Word* word)
{
    // =?charset?e?text?=  ; charset and text contain no "?" and no whitespace
    qsizetype i = pos + 2;
    const qsizetype charsetStart = i;
    while (i < value.size() && value[i] != '?' && !isWsp(value[i]))
        ++i;
    if (i >= value.size() || value[i] != '?' || i == charsetStart)
        return false;
    QByteArrayView charset = value.sliced(charsetStart, i - charsetStart);
    if (i + 2 >= value.size() || value[i + 2] != '?')
        return false;
    const char encoding = value[i + 1];
    if (encoding != 'B' && encoding != 'b' && encoding != 'Q' && encoding != 'q')
        return false;
    i += 3;
    const qsizetype textStart = i;
    while (i + 1 < value.size() && !(value[i] == '?' && value[i + 1] == '=')) {
        if (isWsp(value[i]))
            return false;
        ++i;
    }
    if (i + 1 >= value.size())
        return false;
    const QByteArrayView text = value.sliced(textStart, i - textStart);
    if (const qsizetype star = charset.indexOf('*'); star >= 0)
        charset = charset.first(star); // RFC 2231 section 5: charset*language
    word->charset = charset.toByteArray().toLower();
    word->bytes = (encoding == 'B' || encoding == 'b') ? decodeBase64Lenient(text) : decodeQEncoding(text);
    word->end = i + 2;
    return true;
}

} // namespace

QByteArray decodeBase64Lenient(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() * 3 / 4 + 3);
    quint32 acc = 0;
    int bits = 0;
    for (const char c : text) {
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '+' || c == '-')
            v = 62;
        else if (c == '/' || c == '_')
            v = 63;
        else if (c == '=')
            break;
        else
            continue;
        acc = (acc << 6) | static_cast<quint32>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return out;
}

QByteArray decodeQEncoding(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out.append(' ');
        } else if (c == '=' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
            out.append(static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return out;
}

QString decodeEncodedWords(QByteArrayView value)
{
    QString result;
    result.reserve(value.size());
    QByteArray plain; // text since the last word, decoded as one run
    bool plainIsSpace = true;
    bool inRun = false; // adjacent words in one charset, joined before decoding
    QByteArray runCharset;
    QByteArray runBytes;
    auto flushRun = [&] {
        if (inRun)
            result += decodeCharsetOrRaw(runBytes, runCharset);
        inRun = false;
        runBytes.clear();
    };
    auto flushPlain = [&] {
        if (!plain.isEmpty())
            result += decodeUndeclared(plain);
        plain.clear();
        plainIsSpace = true;
    };
    qsizetype i = 0;
    while (i < value.size()) {
        const char c = value[i];
        Word word;
        if (c == '=' && i + 1 < value.size() && value[i + 1] == '?' && parseWord(value, i, &word)) {
            if (inRun && plainIsSpace) {
                plain.clear(); // whitespace between two words is not text
                if (word.charset != runCharset)
                    flushRun();
            } else {
                flushRun();
                flushPlain();
            }
            if (!inRun) {
                inRun = true;
                runCharset = word.charset;
            }
            runBytes += word.bytes;
            i = word.end;
            continue;
        }
        ++i;
        if (c == '\r' || c == '\n')
            continue; // unfolding
        if (c != ' ' && c != '\t' && plainIsSpace) {
            flushRun(); // the run ends before this text
            plainIsSpace = false;
        }
        plain.append(c);
    }
    flushRun();
    flushPlain();
    return result;
}

QString decodeRfc2231Value(QByteArrayView value)
{
    const qsizetype q1 = value.indexOf('\'');
    const qsizetype q2 = q1 >= 0 ? value.indexOf('\'', q1 + 1) : -1;
    QByteArrayView charset;
    QByteArrayView encoded = value;
    if (q2 >= 0) {
        charset = value.first(q1);
        encoded = value.sliced(q2 + 1);
    }
    QByteArray bytes;
    bytes.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded[i] == '%' && i + 2 < encoded.size() && hexValue(encoded[i + 1]) >= 0
            && hexValue(encoded[i + 2]) >= 0) {
            bytes.append(static_cast<char>(hexValue(encoded[i + 1]) * 16 + hexValue(encoded[i + 2])));
            i += 2;
        } else {
            bytes.append(encoded[i]);
        }
    }
    return decodeCharsetOrRaw(bytes, charset);
}

} // namespace tegami
