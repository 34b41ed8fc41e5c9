#include "diag/ConnectivityTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QRandomGenerator>
#include <QSslCertificate>

namespace tegami {

QString connectionSecurityName(ConnectionSecurity s)
{
    switch (s) {
    case ConnectionSecurity::Plain:
        return QStringLiteral("plain");
    case ConnectionSecurity::StartTls:
        return QStringLiteral("starttls");
    case ConnectionSecurity::Tls:
        return QStringLiteral("tls");
    }
    return {};
}

std::optional<ConnectionSecurity> connectionSecurityFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("plain") || n == QLatin1String("none"))
        return ConnectionSecurity::Plain;
    if (n == QLatin1String("starttls") || n == QLatin1String("stls"))
        return ConnectionSecurity::StartTls;
    if (n == QLatin1String("tls") || n == QLatin1String("ssl") || n == QLatin1String("implicit"))
        return ConnectionSecurity::Tls;
    return std::nullopt;
}

QString stepResultName(StepResult r)
{
    switch (r) {
    case StepResult::Success:
        return QStringLiteral("success");
    case StepResult::Skipped:
        return QStringLiteral("skipped");
    case StepResult::Failure:
        return QStringLiteral("failure");
    }
    return {};
}

QJsonObject StepReport::toJson() const
{
    QJsonObject o {
        { QStringLiteral("step"), step },
        { QStringLiteral("title"), title },
        { QStringLiteral("result"), stepResultName(result) },
        { QStringLiteral("latencyMs"), latencyMs },
        { QStringLiteral("detail"), detail },
        { QStringLiteral("error"), error },
    };
    if (!tls.isEmpty())
        o.insert(QStringLiteral("tls"), tls);
    return o;
}

bool ProtocolReport::passed() const
{
    if (steps.isEmpty())
        return false;
    for (const StepReport& s : steps) {
        if (s.result == StepResult::Failure)
            return false;
    }
    return true;
}

QJsonObject ProtocolReport::toJson() const
{
    QJsonArray stepArray;
    for (const StepReport& s : steps)
        stepArray.append(s.toJson());
    return {
        { QStringLiteral("protocol"), protocol },
        { QStringLiteral("host"), host },
        { QStringLiteral("port"), port },
        { QStringLiteral("security"), connectionSecurityName(security) },
        { QStringLiteral("passed"), passed() },
        { QStringLiteral("sessionId"), sessionId },
        { QStringLiteral("localPort"), localPort },
        { QStringLiteral("steps"), stepArray },
    };
}

QString connectivityTestSubject(const QString& token)
{
    return QStringLiteral("Tegami connectivity test %1").arg(token);
}

QByteArray connectivityTestMessage(const QString& from, const QString& to, const QString& token)
{
    const QString date
        = QLocale::c().toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"))
        + QStringLiteral(" +0000");
    QByteArray m;
    m += "From: <" + from.toUtf8() + ">\r\n";
    m += "To: <" + to.toUtf8() + ">\r\n";
    m += "Subject: " + connectivityTestSubject(token).toUtf8() + "\r\n";
    m += "Date: " + date.toUtf8() + "\r\n";
    m += "Message-ID: <" + token.toUtf8() + "@connectivity-test.invalid>\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=us-ascii\r\n";
    m += "\r\n";
    m += "This message was sent by the Tegami connectivity test and is deleted by it.\r\n";
    m += "If you can read it, the test stopped before it could clean up: you may delete it.\r\n";
    return m;
}

QString newConnectivityToken()
{
    return QStringLiteral("tegami-test-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

namespace {

QString joinedInfo(const QSslCertificate& c, bool subject)
{
    QStringList parts;
    const auto add = [&](QSslCertificate::SubjectInfo info, const QString& label) {
        const QStringList values = subject ? c.subjectInfo(info) : c.issuerInfo(info);
        for (const QString& v : values)
            parts << label + QLatin1Char('=') + v;
    };
    add(QSslCertificate::CommonName, QStringLiteral("CN"));
    add(QSslCertificate::Organization, QStringLiteral("O"));
    add(QSslCertificate::CountryName, QStringLiteral("C"));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString certificateSubject(const QSslCertificate& certificate)
{
    return joinedInfo(certificate, true);
}

QString certificateIssuer(const QSslCertificate& certificate)
{
    return joinedInfo(certificate, false);
}

QString explainTlsErrors(const QList<QSslError>& errors, const QString& verifyName)
{
    // Ordered by what the admin should fix first: trust, then dates, then the name.
    const auto has = [&](std::initializer_list<QSslError::SslError> kinds) -> const QSslError* {
        for (const QSslError& e : errors) {
            for (QSslError::SslError k : kinds) {
                if (e.error() == k)
                    return &e;
            }
        }
        return nullptr;
    };
    if (has({ QSslError::SelfSignedCertificate, QSslError::SelfSignedCertificateInChain }))
        return QStringLiteral(
            "the certificate is self-signed: tick 'trust any certificate' (--trust-any) for a test, or install a "
            "certificate from a trusted authority");
    if (const QSslError* e = has({ QSslError::CertificateExpired }))
        return QStringLiteral("the certificate expired on %1: renew it or install a new one")
            .arg(e->certificate().expiryDate().toUTC().toString(Qt::ISODate));
    if (const QSslError* e = has({ QSslError::CertificateNotYetValid }))
        return QStringLiteral("the certificate is only valid from %1: check the server's clock and the certificate")
            .arg(e->certificate().effectiveDate().toUTC().toString(Qt::ISODate));
    if (has({ QSslError::UnableToGetLocalIssuerCertificate, QSslError::UnableToGetIssuerCertificate,
            QSslError::CertificateUntrusted, QSslError::UnableToVerifyFirstCertificate,
            QSslError::InvalidCaCertificate }))
        return QStringLiteral(
            "the certificate is not issued by an authority this computer trusts: install the intermediate "
            "certificates with it, install a certificate from a trusted authority, or tick 'trust any certificate'");
    if (const QSslError* e = has({ QSslError::HostNameMismatch })) {
        const QStringList names = e->certificate().subjectAlternativeNames().values(QSsl::DnsEntry)
            + e->certificate().subjectInfo(QSslCertificate::CommonName);
        return QStringLiteral("the certificate is for %1, not %2: connect with a name on the certificate, or "
                              "install a certificate for %2")
            .arg(names.isEmpty() ? QStringLiteral("no name") : names.join(QStringLiteral(", ")), verifyName);
    }
    if (!errors.isEmpty())
        return QStringLiteral("the certificate was refused: %1").arg(errors.first().errorString());
    return QStringLiteral("the TLS handshake failed");
}

} // namespace tegami
