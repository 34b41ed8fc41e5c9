#include "imap/ImapMailboxName.h"

namespace tegami {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

bool isDirect(char16_t c)
{
    return c >= 0x20 && c <= 0x7e;
}

void encodeRun(QByteArray& out, const char16_t* units, qsizetype count)
{
    out += '&';
    quint32 bits = 0;
    int nbits = 0;
    for (qsizetype i = 0; i < count; ++i) {
        bits = (bits << 16) | units[i];
        nbits += 16;
        while (nbits >= 6) {
            nbits -= 6;
            out += kBase64[(bits >> nbits) & 0x3f];
        }
        bits &= (1u << nbits) - 1;
    }
    if (nbits > 0)
        out += kBase64[(bits << (6 - nbits)) & 0x3f];
    out += '-';
}

// Decodes one "&...-" run (without "&" and "-") into UTF-16 units appended to `out`.
bool decodeRun(QByteArrayView run, QString& out)
{
    quint32 bits = 0;
    int nbits = 0;
    const qsizetype start = out.size();
    for (char c : run) {
        const int v = base64Value(c);
        if (v < 0)
            return false;
        bits = (bits << 6) | quint32(v);
        nbits += 6;
        if (nbits >= 16) {
            nbits -= 16;
            out += QChar(char16_t((bits >> nbits) & 0xffff));
            bits &= (1u << nbits) - 1;
        }
    }
    // Left-over bits must be padding: fewer than 6 and all zero.
    if (nbits >= 6 || bits != 0 || out.size() == start)
        return false;
    for (qsizetype i = start; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (isDirect(c.unicode()))
            return false;
        if (c.isHighSurrogate()) {
            if (i + 1 >= out.size() || !out.at(i + 1).isLowSurrogate())
                return false;
            ++i;
        } else if (c.isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

} // namespace

QByteArray encodeMailboxUtf7(const QString& name)
{
    QByteArray out;
    out.reserve(name.size() + 8);
    const char16_t* units = reinterpret_cast<const char16_t*>(name.utf16());
    qsizetype i = 0;
    while (i < name.size()) {
        const char16_t c = units[i];
        if (c == '&') {
            out += "&-";
            ++i;
        } else if (isDirect(c)) {
            out += char(c);
            ++i;
        } else {
            qsizetype j = i;
            while (j < name.size() && !isDirect(units[j]))
                ++j;
            encodeRun(out, units + i, j - i);
            i = j;
        }
    }
    return out;
}

std::optional<QString> decodeMailboxUtf7(QByteArrayView wire)
{
    QString out;
    out.reserve(wire.size());
    qsizetype i = 0;
    while (i < wire.size()) {
        const char c = wire[i];
        if (!isDirect(char16_t(static_cast<unsigned char>(c))))
            return std::nullopt;
        if (c != '&') {
            out += QLatin1Char(c);
            ++i;
            continue;
        }
        const qsizetype end = wire.indexOf('-', i + 1);
        if (end < 0)
            return std::nullopt;
        if (end == i + 1) {
            out += QLatin1Char('&');
        } else {
            // Two runs in a row would be one run split in two: not the one spelling.
            if (i > 0 && wire[i - 1] == '-' && !out.isEmpty() && !isDirect(out.back().unicode()))
                return std::nullopt;
            if (!decodeRun(wire.sliced(i + 1, end - i - 1), out))
                return std::nullopt;
        }
        i = end + 1;
    }
    return out;
}

std::optional<QString> decodeMailboxName(QByteArrayView wire)
{
    std::optional<QString> name = decodeMailboxUtf7(wire);
    if (name && name->compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        name = QStringLiteral("INBOX");
    return name;
}

} // namespace tegami
