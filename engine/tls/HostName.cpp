#include "tls/HostName.h"

#include <QHostAddress>
#include <QUrl>

namespace tegami {

namespace {

// Lower case, surrounding space and one trailing dot (the DNS root) removed.
QString stripHost(const QString& name)
{
    QString n = name.trimmed().toLower();
    if (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return n;
}

QString ace(const QString& name)
{
    if (name.isEmpty())
        return QString();
    return QString::fromLatin1(QUrl::toAce(name)).toLower();
}

bool parseIp(const QString& text, QHostAddress* address)
{
    QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('[')) && t.endsWith(QLatin1Char(']')))
        t = t.mid(1, t.size() - 2);
    // QHostAddress also accepts "1" or "1.2" (inet_aton forms); a certificate name never means those.
    if (!t.contains(QLatin1Char(':')) && t.count(QLatin1Char('.')) != 3)
        return false;
    return address->setAddress(t);
}

bool validLabel(const QString& label)
{
    if (label.isEmpty() || label.size() > 63)
        return false;
    if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
        return false;
    for (QChar c : label) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-');
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

bool hostnameMatches(const QString& pattern, const QString& host)
{
    const QString p = stripHost(pattern);
    const QString h = stripHost(host);
    if (p.isEmpty() || h.isEmpty() || h.contains(QLatin1Char('*')))
        return false;

    QHostAddress hostIp;
    const bool hostIsIp = parseIp(h, &hostIp);

    if (!p.contains(QLatin1Char('*'))) {
        QHostAddress patternIp;
        if (hostIsIp || parseIp(p, &patternIp))
            return hostIsIp && parseIp(p, &patternIp) && patternIp.isEqual(hostIp);
        const QString pa = ace(p);
        return !pa.isEmpty() && pa == ace(h);
    }

    // A wildcard: only "*." followed by at least two labels, never matching an IP address.
    if (hostIsIp || !p.startsWith(QLatin1String("*.")))
        return false;
    const QString rest = ace(p.mid(2));
    if (rest.isEmpty() || rest.contains(QLatin1Char('*')) || !rest.contains(QLatin1Char('.')))
        return false;
    const QString ha = ace(h);
    const qsizetype dot = ha.indexOf(QLatin1Char('.'));
    if (dot <= 0)
        return false;
    return ha.mid(dot + 1) == rest;
}

bool certificateMatchesHost(const QSslCertificate& cert, const QString& host)
{
    if (cert.isNull())
        return false;
    const auto sans = cert.subjectAlternativeNames();
    QHostAddress hostIp;
    if (parseIp(host, &hostIp)) {
        for (const QString& ip : sans.values(QSsl::IpAddressEntry)) {
            QHostAddress a;
            if (a.setAddress(ip) && a.isEqual(hostIp))
                return true;
        }
        return false;
    }
    const QStringList dns = sans.values(QSsl::DnsEntry);
    const QStringList patterns = dns.isEmpty() ? cert.subjectInfo(QSslCertificate::CommonName) : dns;
    for (const QString& p : patterns) {
        if (hostnameMatches(p, host))
            return true;
    }
    return false;
}

QStringList certificateNames(const QSslCertificate& cert)
{
    const auto sans = cert.subjectAlternativeNames();
    QStringList names;
    // Qt inserts the SANs in certificate order and QMultiMap hands back the most recent
    // first; reversing restores the order the admin gave.
    for (const auto type : { QSsl::DnsEntry, QSsl::IpAddressEntry }) {
        const QStringList values = sans.values(type);
        for (auto it = values.crbegin(); it != values.crend(); ++it)
            names << *it;
    }
    if (names.isEmpty())
        names = cert.subjectInfo(QSslCertificate::CommonName);
    return names;
}

Result<QString> normaliseCertificateName(const QString& name, const QString& field)
{
    const QString n = stripHost(name);
    if (n.isEmpty())
        return Error::invalid(field, QStringLiteral("a name is empty; give host names like mail.example.com"));
    QString rest = n;
    QString prefix;
    if (n.startsWith(QLatin1String("*."))) {
        rest = n.mid(2);
        prefix = QStringLiteral("*.");
    }
    if (rest.contains(QLatin1Char('*'))) {
        return Error::invalid(field,
            QStringLiteral("'%1': a wildcard must be the whole left-most label, as in "
                           "*.example.com")
                .arg(name));
    }
    const QString a = ace(rest);
    if (a.isEmpty()) {
        return Error::invalid(field,
            QStringLiteral("'%1' is not a valid host name (check for spaces, '_' or other "
                           "characters host names cannot have)")
                .arg(name));
    }
    const QStringList labels = a.split(QLatin1Char('.'));
    for (const QString& label : labels) {
        if (!validLabel(label)) {
            return Error::invalid(field,
                QStringLiteral("'%1' is not a valid host name: each part between dots "
                               "needs 1 to 63 letters, digits or '-', not at either end")
                    .arg(name));
        }
    }
    if (!prefix.isEmpty() && labels.size() < 2) {
        return Error::invalid(field,
            QStringLiteral("'%1': a wildcard needs at least two labels after '*.', as in "
                           "*.example.com")
                .arg(name));
    }
    const QString full = prefix + a;
    if (full.size() > 253)
        return Error::invalid(
            field, QStringLiteral("'%1' is longer than the 253 characters a host name may have").arg(name));
    return full;
}

Result<SubjectNames> parseSubjectNames(const QStringList& names, const QString& field)
{
    constexpr int kMaxNames = 100; // far above what any mail server needs, and below what CAs accept
    SubjectNames out;
    for (const QString& raw : names) {
        if (raw.trimmed().isEmpty())
            continue;
        QHostAddress ip;
        if (parseIp(raw, &ip)) {
            const QString text = ip.toString();
            if (!out.ip.contains(text))
                out.ip << text;
            continue;
        }
        auto dns = normaliseCertificateName(raw, field);
        if (!dns)
            return dns.error();
        if (!out.dns.contains(*dns))
            out.dns << *dns;
    }
    if (out.dns.size() + out.ip.size() > kMaxNames)
        return Error::invalid(field, QStringLiteral("too many names (more than %1)").arg(kMaxNames));
    return out;
}

} // namespace tegami
