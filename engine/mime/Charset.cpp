#include "mime/Charset.h"

#include <QList>
#include <QStringDecoder>

#include <cctype>
#include <cerrno>
#include <iconv.h>

namespace tegami {

namespace {

QByteArray normalized(QByteArrayView charset)
{
    QByteArray name = charset.trimmed().toByteArray().toLower();
    if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
        name = name.mid(1, name.size() - 2).trimmed();
    return name;
}

enum class Builtin { None, Utf8, Latin1, Ascii };

Builtin builtin(const QByteArray& name)
{
    if (name == "utf-8" || name == "utf8")
        return Builtin::Utf8;
    if (name == "us-ascii" || name == "ascii" || name == "ansi_x3.4-1968")
        return Builtin::Ascii;
    if (name == "iso-8859-1" || name == "iso8859-1" || name == "latin1" || name == "l1" || name == "iso_8859-1")
        return Builtin::Latin1;
    return Builtin::None;
}

// Names mailers write that iconv spells differently, and supersets that decode what the
// label promises plus the vendor extensions real senders use (a "Shift_JIS" message from
// Windows contains CP932 characters such as circled digits; "GB2312" text is GB18030).
// Each candidate is tried in order; the first that decodes without an error wins.
QList<QByteArray> iconvCandidates(const QByteArray& name)
{
    if (name == "shift_jis" || name == "shift-jis" || name == "sjis" || name == "x-sjis" || name == "ms_kanji"
        || name == "csshiftjis" || name == "windows-31j" || name == "cp932" || name == "ms932")
        return { "CP932", "SHIFT_JIS" };
    if (name == "iso-2022-jp" || name == "csiso2022jp" || name == "iso2022jp")
        return { "ISO-2022-JP", "ISO-2022-JP-3", "ISO-2022-JP-2" };
    if (name == "euc-jp" || name == "eucjp" || name == "x-euc-jp" || name == "cseucpkdfmtjapanese")
        return { "EUC-JP-MS", "EUC-JP" };
    if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "cp936" || name == "euc-cn")
        return { "GB18030" };
    if (name == "ks_c_5601-1987" || name == "euc-kr" || name == "ks_c_5601" || name == "korean")
        return { "CP949", "EUC-KR" };
    if (name == "iso-8859-8-i" || name == "iso-8859-8-e")
        return { "ISO-8859-8" };
    if (name == "big5" || name == "big-5" || name == "x-x-big5")
        return { "BIG5-HKSCS", "BIG5" };
    if (name.startsWith("x-mac-"))
        return { "MAC" };
    // iconv accepts most IANA names as they are; unknown or hostile names fail in
    // iconv_open and are reported as unknown. Names are bounded so a huge charset
    // parameter cannot make iconv_open itself slow.
    if (name.isEmpty() || name.size() > 64)
        return {};
    for (const char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':'))
            return {};
    }
    return { name.toUpper() };
}

enum class IconvResult { Unknown, Clean, WithErrors };

// Converts with one iconv charset to UTF-8; invalid sequences become U+FFFD.
IconvResult convert(QByteArrayView bytes, const QByteArray& charset, QByteArray* utf8)
{
    iconv_t cd = iconv_open("UTF-8", charset.constData());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return IconvResult::Unknown;
    bool errors = false;
    utf8->clear();
    utf8->reserve(bytes.size() * 2 + 16);
    char* in = const_cast<char*>(bytes.data());
    size_t inLeft = static_cast<size_t>(bytes.size());
    char buffer[4096];
    while (inLeft > 0) {
        char* out = buffer;
        size_t outLeft = sizeof(buffer);
        const size_t rc = iconv(cd, &in, &inLeft, &out, &outLeft);
        const int err = errno;
        utf8->append(buffer, static_cast<qsizetype>(out - buffer));
        if (rc != static_cast<size_t>(-1) || err == E2BIG)
            continue;
        errors = true;
        utf8->append("\xEF\xBF\xBD"); // U+FFFD for the byte iconv cannot take
        if (err == EINVAL) // an incomplete sequence at the end
            break;
        ++in;
        --inLeft;
    }
    char* out = buffer;
    size_t outLeft = sizeof(buffer);
    iconv(cd, nullptr, nullptr, &out, &outLeft); // back to the initial shift state
    utf8->append(buffer, static_cast<qsizetype>(out - buffer));
    iconv_close(cd);
    return errors ? IconvResult::WithErrors : IconvResult::Clean;
}

bool isAscii(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

} // namespace

QString decodeUndeclared(QByteArrayView bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    return QString::fromLatin1(bytes);
}

std::optional<QString> decodeCharset(QByteArrayView bytes, QByteArrayView charset)
{
    const QByteArray name = normalized(charset);
    switch (builtin(name)) {
    case Builtin::Utf8:
        return QString::fromUtf8(bytes);
    case Builtin::Latin1:
        return QString::fromLatin1(bytes);
    case Builtin::Ascii:
        // Mail labelled us-ascii often is not; keep the bytes readable.
        return decodeUndeclared(bytes);
    case Builtin::None:
        break;
    }
    const QList<QByteArray> candidates = iconvCandidates(name);
    if (candidates.isEmpty())
        return std::nullopt;
    if (isAscii(bytes) && !name.contains("2022") && !name.startsWith("utf-7") && !name.startsWith("utf-16")
        && !name.startsWith("utf-32") && !name.startsWith("ucs")) {
        // Every ASCII-compatible charset maps these bytes to themselves; still say
        // "unknown" for names iconv does not know.
        iconv_t cd = iconv_open("UTF-8", candidates.first().constData());
        if (cd == reinterpret_cast<iconv_t>(-1))
            return std::nullopt;
        iconv_close(cd);
        return QString::fromLatin1(bytes);
    }
    QByteArray first;
    bool known = false;
    for (const QByteArray& candidate : candidates) {
        QByteArray utf8;
        const IconvResult result = convert(bytes, candidate, &utf8);
        if (result == IconvResult::Clean)
            return QString::fromUtf8(utf8);
        if (result == IconvResult::WithErrors && !known) {
            first = std::move(utf8);
            known = true;
        }
    }
    if (!known)
        return std::nullopt;
    return QString::fromUtf8(first);
}

QString decodeCharsetOrRaw(QByteArrayView bytes, QByteArrayView charset)
{
    if (std::optional<QString> text = decodeCharset(bytes, charset))
        return *std::move(text);
    return decodeUndeclared(bytes);
}

bool isKnownCharset(QByteArrayView charset)
{
    return decodeCharset(QByteArrayView("a"), charset).has_value();
}

} // namespace tegami
