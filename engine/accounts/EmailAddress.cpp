#include "accounts/EmailAddress.h"

#include <QUrl>

namespace tegami {

namespace {

// Addresses in messages are quoted as typed, but an attacker's 10 kB "address" must not
// become a 10 kB log line.
QString shown(const QString& text)
{
    constexpr qsizetype maxShown = 80;
    if (text.size() <= maxShown)
        return text;
    return text.left(maxShown) + QStringLiteral("…");
}

QString codePointName(char32_t cp)
{
    return QStringLiteral("U+")
        + QString::number(static_cast<uint>(cp), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

QString describeChar(char32_t cp)
{
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
        return QStringLiteral("the control character %1").arg(codePointName(cp));
    return QStringLiteral("the character '%1' (%2)").arg(QString::fromUcs4(&cp, 1), codePointName(cp));
}

bool isAsciiLetterOrDigit(char32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

bool isSpace(char32_t cp)
{
    return QChar::isSpace(cp);
}

// UTS #46 maps these to '.', so they separate labels just like a full stop does.
QString unifyDots(QString text)
{
    for (QChar& c : text) {
        if (c == QChar(0x3002) || c == QChar(0xff0e) || c == QChar(0xff61))
            c = QLatin1Char('.');
    }
    return text;
}

bool allDigits(const QString& label)
{
    for (QChar c : label) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return !label.isEmpty();
}

Result<void> checkRawDomain(const QString& shownDomain, const QString& domain, const QString& field)
{
    if (domain.isEmpty())
        return Error::invalid(field, QStringLiteral("the domain is empty: give a domain name such as example.com"));
    if (domain.startsWith(QLatin1Char('['))) {
        return Error::invalid(field,
            QStringLiteral("address literals such as '%1' are not accepted: use a domain name "
                           "such as example.com")
                .arg(shownDomain));
    }
    for (const char32_t cp : domain.toUcs4()) {
        if (isSpace(cp))
            return Error::invalid(field, QStringLiteral("the domain '%1' contains a space").arg(shownDomain));
        if (cp < 0x80 && !isAsciiLetterOrDigit(cp) && cp != '-' && cp != '.') {
            return Error::invalid(field,
                QStringLiteral("the domain '%1' contains %2, which is not allowed in a domain "
                               "name: use only letters, digits, hyphens and dots")
                    .arg(shownDomain, describeChar(cp)));
        }
    }
    if (domain.startsWith(QLatin1Char('.')))
        return Error::invalid(field, QStringLiteral("the domain '%1' starts with a dot").arg(shownDomain));
    if (domain.endsWith(QLatin1Char('.'))) {
        return Error::invalid(
            field, QStringLiteral("the domain '%1' ends with a dot: write it without the final dot").arg(shownDomain));
    }
    if (domain.contains(QLatin1String("..")))
        return Error::invalid(field, QStringLiteral("the domain '%1' contains two dots in a row").arg(shownDomain));
    for (const QString& label : domain.split(QLatin1Char('.'))) {
        // Qt's IDNA conversion fails on over-long labels without saying why; say it here.
        if (label.size() > maxLabelOctets && label.toUtf8().size() == label.size()) {
            return Error::invalid(field,
                QStringLiteral("the label '%1' in the domain '%2' is %3 octets long; the "
                               "limit is %4")
                    .arg(shown(label), shownDomain)
                    .arg(label.size())
                    .arg(maxLabelOctets));
        }
        if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-'))) {
            return Error::invalid(field,
                QStringLiteral("the label '%1' in the domain '%2' %3 with a hyphen; labels "
                               "must start and end with a letter or digit")
                    .arg(shown(label), shownDomain,
                        label.startsWith(QLatin1Char('-')) ? QStringLiteral("starts") : QStringLiteral("ends")));
        }
    }
    return {};
}

Result<void> checkAceDomain(const QString& shownDomain, const QString& ace, const QString& field)
{
    if (ace.size() > maxDomainOctets) {
        return Error::invalid(field,
            QStringLiteral("the domain '%1' is %2 octets long in DNS form; the limit is %3")
                .arg(shownDomain)
                .arg(ace.size())
                .arg(maxDomainOctets));
    }
    const QStringList labels = ace.split(QLatin1Char('.'));
    if (labels.size() < 2) {
        return Error::invalid(field,
            QStringLiteral("the domain '%1' has only one label: use a full domain name such "
                           "as example.com")
                .arg(shownDomain));
    }
    for (const QString& label : labels) {
        if (label.size() > maxLabelOctets) {
            return Error::invalid(field,
                QStringLiteral("the label '%1' in the domain '%2' is %3 octets long in DNS "
                               "form; the limit is %4")
                    .arg(shown(label), shownDomain)
                    .arg(label.size())
                    .arg(maxLabelOctets));
        }
        if (label.startsWith(QLatin1String("xn--"))) {
            // Qt passes undecodable ACE labels through unchanged; a label that does not
            // round-trip is not valid punycode and no registry would have issued it.
            const QString decoded = QUrl::fromAce(label.toLatin1(), QUrl::IgnoreIDNWhitelist);
            if (decoded == label || QString::fromLatin1(QUrl::toAce(decoded)) != label) {
                return Error::invalid(field,
                    QStringLiteral("the label '%1' in the domain '%2' is not valid punycode")
                        .arg(shown(label), shownDomain));
            }
        }
    }
    if (allDigits(labels.last())) {
        return Error::invalid(field,
            QStringLiteral("the domain '%1' looks like an IP address; address literals are "
                           "not accepted: use a domain name such as example.com")
                .arg(shownDomain));
    }
    return {};
}

Result<QString> normaliseLocalPart(const QString& shownAddress, const QString& local, const QString& field)
{
    if (local.isEmpty()) {
        return Error::invalid(field,
            QStringLiteral("the local part (before the @) of '%1' is empty: write the full "
                           "address, such as alice@example.com")
                .arg(shownAddress));
    }
    if (local.contains(QLatin1Char('@'))) {
        return Error::invalid(
            field, QStringLiteral("'%1' contains more than one '@': an address has exactly one").arg(shownAddress));
    }
    for (const char32_t cp : local.toUcs4()) {
        if (cp == '%') {
            return Error::invalid(field,
                QStringLiteral("'%1' contains '%' in the local part; percent-hack routing "
                               "addresses are not accepted")
                    .arg(shownAddress));
        }
        if (cp == '!') {
            return Error::invalid(field,
                QStringLiteral("'%1' contains '!' in the local part; bang-path addresses are "
                               "not accepted")
                    .arg(shownAddress));
        }
        if (isSpace(cp)) {
            return Error::invalid(field,
                QStringLiteral("the local part of '%1' contains a space; quoted local parts "
                               "are not supported")
                    .arg(shownAddress));
        }
        if (cp < 0x80) {
            static const QString atextSpecials = QStringLiteral(".#$&'*+-/=?^_`{|}~");
            if (isAsciiLetterOrDigit(cp) || atextSpecials.contains(QChar(static_cast<char16_t>(cp))))
                continue;
        } else {
            // RFC 6531 allows any non-ASCII UTF-8; we take letters, digits and combining
            // marks only, so look-alike spaces, format and control characters stay out.
            const QChar::Category cat = QChar::category(cp);
            const bool letterOrNumber = QChar::isLetterOrNumber(cp);
            const bool mark
                = cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining || cat == QChar::Mark_Enclosing;
            if (letterOrNumber || mark)
                continue;
        }
        return Error::invalid(field,
            QStringLiteral("the local part of '%1' contains %2, which is not allowed: use "
                           "letters, digits, dots and #$&'*+-/=?^_`{|}~")
                .arg(shownAddress, describeChar(cp)));
    }
    if (local.startsWith(QLatin1Char('.')) || local.endsWith(QLatin1Char('.'))) {
        return Error::invalid(field,
            QStringLiteral("the local part of '%1' %2 with a dot")
                .arg(shownAddress,
                    local.startsWith(QLatin1Char('.')) ? QStringLiteral("starts") : QStringLiteral("ends")));
    }
    if (local.contains(QLatin1String(".."))) {
        return Error::invalid(
            field, QStringLiteral("the local part of '%1' contains two dots in a row").arg(shownAddress));
    }
    const QString normal = local.normalized(QString::NormalizationForm_C).toLower();
    const qsizetype octets = normal.toUtf8().size();
    if (octets > maxLocalPartOctets) {
        return Error::invalid(field,
            QStringLiteral("the local part of '%1' is %2 octets long; the limit is %3")
                .arg(shownAddress)
                .arg(octets)
                .arg(maxLocalPartOctets));
    }
    return normal;
}

} // namespace

bool EmailAddress::needsSmtpUtf8() const
{
    for (QChar c : local) {
        if (c.unicode() >= 0x80)
            return true;
    }
    return false;
}

Result<DomainName> parseDomain(const QString& input, const QString& field)
{
    const QString domain = unifyDots(input.trimmed());
    const QString shownDomain = shown(input.trimmed());
    if (Result<void> raw = checkRawDomain(shownDomain, domain, field); !raw)
        return raw.error();
    const QString ace = QString::fromLatin1(QUrl::toAce(domain));
    if (ace.isEmpty()) {
        return Error::invalid(field,
            QStringLiteral("'%1' is not a valid internationalised domain name: a label "
                           "is too long or holds characters that IDNA does not allow")
                .arg(shownDomain));
    }
    if (Result<void> aceCheck = checkAceDomain(shownDomain, ace, field); !aceCheck)
        return aceCheck.error();
    const QString unicode
        = QUrl::fromAce(ace.toLatin1(), QUrl::IgnoreIDNWhitelist).normalized(QString::NormalizationForm_C).toLower();
    if (unicode.toUtf8().size() > maxDomainOctets) {
        return Error::invalid(field,
            QStringLiteral("the domain '%1' is longer than %2 octets in UTF-8").arg(shownDomain).arg(maxDomainOctets));
    }
    return DomainName { unicode, ace };
}

Result<QString> normaliseDomain(const QString& domain, const QString& field)
{
    Result<DomainName> parsed = parseDomain(domain, field);
    if (!parsed)
        return parsed.error();
    return parsed->unicode;
}

Result<EmailAddress> parseAddress(const QString& input, const QString& field)
{
    const QString text = input.trimmed();
    const QString shownAddress = shown(text);
    if (text.isEmpty())
        return Error::invalid(field, QStringLiteral("the address is empty: give one such as alice@example.com"));
    if (text.startsWith(QLatin1Char('<')) || text.endsWith(QLatin1Char('>'))) {
        return Error::invalid(field, QStringLiteral("write the address '%1' without angle brackets").arg(shownAddress));
    }
    if (text.startsWith(QLatin1Char('"'))) {
        return Error::invalid(field,
            QStringLiteral("quoted local parts such as '%1' are not supported: use a plain "
                           "address such as john.smith@example.com")
                .arg(shownAddress));
    }
    if (text.startsWith(QLatin1Char('@')) && text.contains(QLatin1Char(':'))) {
        return Error::invalid(field,
            QStringLiteral("source routes such as '%1' are not accepted: give only the final "
                           "address")
                .arg(shownAddress));
    }
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    if (at < 0) {
        return Error::invalid(field,
            QStringLiteral("'%1' has no '@': write the full address, such as "
                           "alice@example.com")
                .arg(shownAddress));
    }
    const QString rawDomain = text.mid(at + 1);
    if (rawDomain.isEmpty()) {
        return Error::invalid(field,
            QStringLiteral("the domain part (after the @) of '%1' is empty: write the full "
                           "address, such as alice@example.com")
                .arg(shownAddress));
    }
    Result<QString> local = normaliseLocalPart(shownAddress, text.left(at), field);
    if (!local)
        return local.error();
    Result<DomainName> domain = parseDomain(rawDomain, field);
    if (!domain)
        return domain.error();
    return EmailAddress { *local, domain->unicode, domain->ace };
}

} // namespace tegami
