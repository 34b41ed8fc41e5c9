#include "smtp/SmtpAddress.h"

#include <QHostAddress>

#include <algorithm>

namespace tegami {

namespace {

constexpr qsizetype kMaxEnvId = 100; // RFC 3461 4.4
constexpr qsizetype kMaxOrcpt = 500; // RFC 3461 4.2
constexpr qsizetype kMaxSizeDigits = 18; // fits in qint64

SmtpReply reply(int code, const char* status, QByteArray text)
{
    return SmtpReply { code, QByteArray(status), std::move(text) };
}

bool isAlnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isDigits(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHexUpper(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

} // namespace

SmtpPathArgument splitPathArgument(QByteArrayView args, QByteArrayView keyword, QByteArrayView errorStatus)
{
    SmtpPathArgument out;
    const QByteArray usage
        = keyword == "FROM" ? "syntax: MAIL FROM:<address> [parameters]" : "syntax: RCPT TO:<address> [parameters]";
    const QByteArray status = errorStatus.toByteArray();
    auto fail = [&](const QByteArray& text) {
        out.error = SmtpReply { 501, status, text };
        return out;
    };
    if (args.size() <= keyword.size() || args.first(keyword.size()).compare(keyword, Qt::CaseInsensitive) != 0
        || args[keyword.size()] != ':')
        return fail(usage);
    qsizetype i = keyword.size() + 1;
    while (i < args.size() && args[i] == ' ')
        ++i;
    if (i >= args.size() || args[i] != '<')
        return fail(usage + " (the address must be in angle brackets)");
    const qsizetype start = i + 1;
    qsizetype end = start;
    // A quoted local part may hold '>' and spaces; it is refused later, but must not
    // confuse where the path ends.
    bool quoted = false;
    for (; end < args.size(); ++end) {
        const char c = args[end];
        if (quoted) {
            if (c == '\\')
                ++end;
            else if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '>' || c == ' ')
            break;
    }
    if (end >= args.size() || args[end] != '>')
        return fail(usage + " (no closing '>' or a space inside the address)");
    out.path = args.sliced(start, end - start).toByteArray();
    const QByteArrayView rest = args.sliced(end + 1);
    if (!rest.isEmpty() && rest[0] != ' ')
        return fail(usage + " (a space must separate the address from parameters)");
    out.parameters = rest.trimmed().toByteArray();
    return out;
}

std::optional<QString> relayTrick(QStringView path)
{
    if (path.startsWith(QLatin1Char('@')))
        return QStringLiteral("source routes (@host:user@domain) are not accepted");
    if (path.startsWith(QLatin1Char('"')))
        return QStringLiteral("quoted local parts are not accepted");
    const qsizetype at = path.lastIndexOf(QLatin1Char('@'));
    const QStringView local = at < 0 ? path : path.first(at);
    if (local.contains(QLatin1Char('@')))
        return QStringLiteral("an address with more than one '@' is not accepted");
    if (local.contains(QLatin1Char('%')))
        return QStringLiteral("the percent hack (user%host@domain) is not accepted");
    if (local.contains(QLatin1Char('!')))
        return QStringLiteral("bang paths (host!user) are not accepted");
    if (at >= 0 && path.sliced(at + 1).startsWith(QLatin1Char('[')))
        return QStringLiteral("address literals (user@[192.0.2.1]) are not accepted");
    return std::nullopt;
}

bool needsSmtpUtf8(QByteArrayView path)
{
    return std::any_of(path.begin(), path.end(), [](char c) { return static_cast<uchar>(c) >= 0x80; });
}

SmtpParameterList splitParameters(QByteArrayView text)
{
    SmtpParameterList out;
    for (const QByteArrayView word : QByteArray(text.toByteArray()).split(' ')) {
        if (word.isEmpty())
            continue;
        SmtpParameter p;
        const qsizetype eq = word.indexOf('=');
        const QByteArrayView keyword = eq < 0 ? word : word.first(eq);
        if (keyword.isEmpty() || !isAlnum(keyword[0])
            || !std::all_of(keyword.begin(), keyword.end(), [](char c) { return isAlnum(c) || c == '-'; })) {
            out.error = reply(501, "5.5.4", "malformed parameter: " + word.toByteArray().left(64));
            return out;
        }
        p.keyword = keyword.toByteArray().toUpper();
        if (eq >= 0) {
            p.hasValue = true;
            p.value = word.sliced(eq + 1).toByteArray();
            const bool printable = std::all_of(p.value.begin(), p.value.end(), [](char c) {
                const auto u = static_cast<uchar>(c);
                return (u >= 33 && u <= 126 && c != '=') || u >= 0x80; // UTF-8 for SMTPUTF8 values
            });
            if (p.value.isEmpty() || !printable) {
                out.error = reply(501, "5.5.4", "malformed value for parameter " + p.keyword);
                return out;
            }
        }
        for (const SmtpParameter& seen : out.parameters) {
            if (seen.keyword == p.keyword) {
                out.error = reply(501, "5.5.4", "parameter " + p.keyword + " given twice");
                return out;
            }
        }
        out.parameters.append(p);
    }
    return out;
}

std::optional<QByteArray> decodeXtext(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            if (i + 2 >= text.size() || !isHexUpper(text[i + 1]) || !isHexUpper(text[i + 2]))
                return std::nullopt;
            out.append(QByteArray::fromHex(text.sliced(i + 1, 2).toByteArray()));
            i += 2;
            continue;
        }
        // Printable ASCII but '=' (RFC 3461 4); bytes above 127 are UTF-8 (RFC 6533 utf-8-addr-xtext).
        const auto u = static_cast<uchar>(c);
        if (c == '=' || u < 33 || u == 127)
            return std::nullopt;
        out.append(c);
    }
    return out;
}

MailParameters parseMailParameters(QByteArrayView text)
{
    MailParameters out;
    const SmtpParameterList list = splitParameters(text);
    if (list.error) {
        out.error = list.error;
        return out;
    }
    for (const SmtpParameter& p : list.parameters) {
        if (p.keyword == "SIZE") {
            if (!p.hasValue || !isDigits(p.value) || p.value.size() > kMaxSizeDigits) {
                out.error = reply(501, "5.5.4", "SIZE needs the message size in bytes, e.g. SIZE=12345");
                return out;
            }
            out.size = p.value.toLongLong();
        } else if (p.keyword == "BODY") {
            const QByteArray value = p.value.toUpper();
            if (value == "7BIT") {
                out.eightBitMime = false;
            } else if (value == "8BITMIME") {
                out.eightBitMime = true;
            } else if (value == "BINARYMIME") {
                out.error = reply(555, "5.5.4", "BODY=BINARYMIME is not supported; use BODY=8BITMIME");
                return out;
            } else {
                out.error = reply(501, "5.5.4", "BODY must be 7BIT or 8BITMIME");
                return out;
            }
        } else if (p.keyword == "SMTPUTF8") {
            if (p.hasValue) {
                out.error = reply(501, "5.5.4", "SMTPUTF8 takes no value");
                return out;
            }
            out.smtpUtf8 = true;
        } else if (p.keyword == "RET") {
            const QByteArray value = p.value.toUpper();
            if (value == "FULL") {
                out.ret = DsnRet::Full;
            } else if (value == "HDRS") {
                out.ret = DsnRet::Headers;
            } else {
                out.error = reply(501, "5.5.4", "RET must be FULL or HDRS");
                return out;
            }
        } else if (p.keyword == "ENVID") {
            const std::optional<QByteArray> id = p.hasValue ? decodeXtext(p.value) : std::nullopt;
            if (!id || id->isEmpty() || p.value.size() > kMaxEnvId) {
                out.error = reply(501, "5.5.4", "ENVID must be xtext of at most 100 characters");
                return out;
            }
            out.envId = QString::fromUtf8(*id);
        } else if (p.keyword == "AUTH") {
            // RFC 4954 5: the identity a trusted relay vouches for; this server trusts none.
            if (!p.hasValue) {
                out.error = reply(501, "5.5.4", "AUTH needs a value, e.g. AUTH=<>");
                return out;
            }
        } else {
            out.error = reply(555, "5.5.4", "MAIL parameter " + p.keyword.left(64) + " is not supported");
            return out;
        }
    }
    return out;
}

RcptParameters parseRcptParameters(QByteArrayView text)
{
    RcptParameters out;
    const SmtpParameterList list = splitParameters(text);
    if (list.error) {
        out.error = list.error;
        return out;
    }
    for (const SmtpParameter& p : list.parameters) {
        if (p.keyword == "NOTIFY") {
            int bits = 0;
            for (const QByteArray& word : p.value.toUpper().split(',')) {
                if (word == "NEVER")
                    bits |= DsnNotifyNever;
                else if (word == "SUCCESS")
                    bits |= DsnNotifySuccess;
                else if (word == "FAILURE")
                    bits |= DsnNotifyFailure;
                else if (word == "DELAY")
                    bits |= DsnNotifyDelay;
                else
                    bits = -1;
                if (bits < 0)
                    break;
            }
            if (bits <= 0 || ((bits & DsnNotifyNever) && bits != DsnNotifyNever)) {
                out.error = reply(
                    501, "5.5.4", "NOTIFY must be NEVER, or a comma-separated list of SUCCESS, FAILURE and DELAY");
                return out;
            }
            out.notify = bits;
        } else if (p.keyword == "ORCPT") {
            const qsizetype semicolon = p.value.indexOf(';');
            const QByteArray type = semicolon > 0 ? p.value.first(semicolon) : QByteArray();
            const std::optional<QByteArray> address
                = semicolon > 0 ? decodeXtext(QByteArrayView(p.value).sliced(semicolon + 1)) : std::nullopt;
            const bool typeOk = !type.isEmpty()
                && std::all_of(type.begin(), type.end(), [](char c) { return isAlnum(c) || c == '-'; });
            if (!typeOk || !address || address->isEmpty() || p.value.size() > kMaxOrcpt) {
                out.error = reply(501, "5.5.4", "ORCPT must be address-type;xtext, e.g. ORCPT=rfc822;bob@example.net");
                return out;
            }
            out.orcpt = QString::fromUtf8(type) + QLatin1Char(';') + QString::fromUtf8(*address);
        } else {
            out.error = reply(555, "5.5.4", "RCPT parameter " + p.keyword.left(64) + " is not supported");
            return out;
        }
    }
    return out;
}

QString canonicalRemoteAddress(const QString& address)
{
    QHostAddress host(address);
    if (host.isNull())
        return address;
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    return host.toString();
}

bool addressInNetworks(const QString& address, const QStringList& networks)
{
    const QHostAddress host(canonicalRemoteAddress(address));
    if (host.isNull())
        return false;
    for (const QString& network : networks) {
        const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(network);
        if (!subnet.first.isNull() && host.isInSubnet(subnet))
            return true;
    }
    return false;
}

} // namespace tegami
