#include "wizards/common/CertificateCheck.h"

#include "wizards/common/SetupState.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QSslError>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tegami {

CertificateFacts CertificateFacts::fromPem(const QByteArray& pem, QString* error)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull()) {
        if (error)
            *error = CertificateCheckView::tr("No certificate found: the file must hold PEM text starting with "
                                              "-----BEGIN CERTIFICATE-----.");
        return {};
    }
    return fromCertificate(certificates.first(), certificates.mid(1));
}

CertificateFacts CertificateFacts::fromCertificate(
    const QSslCertificate& certificate, const QList<QSslCertificate>& chain)
{
    CertificateFacts f;
    f.known = true;
    f.subject = certificate.subjectDisplayName();
    f.names = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    if (f.names.isEmpty())
        f.names = certificate.subjectInfo(QSslCertificate::CommonName);
    f.notAfter = certificate.expiryDate();
    f.selfSigned = certificate.isSelfSigned();
    const QList<QSslError> errors = QSslCertificate::verify(QList<QSslCertificate> { certificate } + chain);
    f.trusted = errors.isEmpty();
    if (!errors.isEmpty())
        f.trustProblem = errors.first().errorString();
    return f;
}

CertificateFacts CertificateFacts::fromJson(const QJsonObject& o)
{
    CertificateFacts f;
    f.known = true;
    f.subject = o.value(QStringLiteral("subject")).toString();
    for (const QJsonValue& v : o.value(QStringLiteral("sans")).toArray())
        f.names << v.toString();
    f.notAfter = QDateTime::fromString(o.value(QStringLiteral("notAfter")).toString(), Qt::ISODate);
    f.selfSigned = o.value(QStringLiteral("selfSigned")).toBool();
    f.trusted = o.value(QStringLiteral("trusted")).toBool();
    f.trustProblem = o.value(QStringLiteral("trustProblem")).toString();
    return f;
}

namespace certcheck {

bool nameCovers(const QString& certificateName, const QString& host)
{
    const QString name = certificateName.trimmed().toLower();
    const QString h = host.trimmed().toLower();
    if (name.isEmpty() || h.isEmpty())
        return false;
    if (!name.startsWith(QLatin1String("*.")))
        return name == h;
    const qsizetype dot = h.indexOf(QLatin1Char('.'));
    return dot > 0 && h.mid(dot + 1) == name.mid(2);
}

QList<NameCheck> check(const CertificateFacts& facts, QList<NameCheck> listeners)
{
    for (NameCheck& l : listeners) {
        l.matches = false;
        for (const QString& n : facts.names) {
            if (nameCovers(n, l.fqdn)) {
                l.matches = true;
                l.reason = n.startsWith(QLatin1String("*."))
                    ? CertificateCheckView::tr("Covered by the wildcard %1").arg(n)
                    : CertificateCheckView::tr("Matches %1").arg(n);
                break;
            }
        }
        if (!l.matches)
            l.reason = CertificateCheckView::tr("Does not cover %1: mail programs will refuse the connection or warn. "
                                                "The certificate is for %2.")
                           .arg(l.fqdn, facts.names.join(QStringLiteral(", ")));
    }
    return listeners;
}

} // namespace certcheck

CertificateCheckView::CertificateCheckView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("certificateCheckView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_names = new QLabel(this);
    m_names->setObjectName(QStringLiteral("certificateNames"));
    m_names->setWordWrap(true);
    m_expiry = new QLabel(this);
    m_expiry->setObjectName(QStringLiteral("certificateExpiry"));
    m_expiry->setWordWrap(true);
    m_trust = new QLabel(this);
    m_trust->setObjectName(QStringLiteral("certificateTrust"));
    m_trust->setWordWrap(true);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("certificateChecks"));
    m_table->setHorizontalHeaderLabels({ tr("Listener"), tr("Name clients use"), tr("Check") });
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(true);
    layout->addWidget(m_names);
    layout->addWidget(m_expiry);
    layout->addWidget(m_trust);
    layout->addWidget(m_table, 1);
}

int CertificateCheckView::show(const CertificateFacts& facts, const QList<NameCheck>& listeners)
{
    m_table->setRowCount(0);
    if (!facts.known) {
        m_names->setText(tr("No certificate chosen yet."));
        m_expiry->clear();
        m_trust->clear();
        return 0;
    }
    m_names->setText(tr("<b>Names:</b> %1").arg(facts.names.join(QStringLiteral(", ")).toHtmlEscaped()));
    const qint64 days = QDateTime::currentDateTimeUtc().daysTo(facts.notAfter);
    QString expiry = tr("<b>Expires:</b> %1 (in %n day(s))", nullptr, static_cast<int>(days))
                         .arg(QLocale().toString(facts.notAfter.toLocalTime().date(), QLocale::ShortFormat));
    if (days < 0)
        expiry = tr("<b>Expired</b> on %1: mail programs refuse it.")
                     .arg(QLocale().toString(facts.notAfter.toLocalTime().date(), QLocale::ShortFormat));
    else if (days < 30)
        expiry += tr(" — renew it soon.");
    m_expiry->setText(expiry);
    m_expiry->setStyleSheet(days < 30 ? QStringLiteral("color: #b02020;") : QString());
    if (facts.trusted)
        m_trust->setText(tr("<b>Trust:</b> issued by an authority mail programs trust."));
    else if (facts.selfSigned)
        m_trust->setText(tr("<b>Trust:</b> self-signed. Mail programs warn until each device is told to trust it; "
                            "fine for testing or a small office that installs it on every device."));
    else
        m_trust->setText(tr("<b>Trust:</b> not trusted here (%1). Add the authority's intermediate certificates to "
                            "the file, or check that the authority is a public one.")
                             .arg(facts.trustProblem.toHtmlEscaped()));

    int misses = 0;
    for (const NameCheck& l : certcheck::check(facts, listeners)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString label = l.where.isEmpty() ? wizard::protocolLabel(l.protocol)
                                                : tr("%1 on %2").arg(wizard::protocolLabel(l.protocol), l.where);
        m_table->setItem(row, 0, new QTableWidgetItem(label));
        m_table->setItem(row, 1, new QTableWidgetItem(l.fqdn));
        auto* item = new QTableWidgetItem((l.matches ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + l.reason);
        item->setToolTip(l.reason);
        item->setData(Qt::UserRole, l.matches);
        if (!l.matches) {
            item->setForeground(QColor(0xb0, 0x20, 0x20));
            ++misses;
        }
        m_table->setItem(row, 2, item);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeRowsToContents();
    return misses;
}

} // namespace tegami
