#include "pages/CertificatesPage.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "models/CertificateModel.h"
#include "widgets/Tables.h"

namespace tegami {

CertificatesPage::CertificatesPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
    , m_model(new CertificateModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Certificates</h2>"), this));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("certificatesNote"));
    m_note->setWordWrap(true);
    layout->addWidget(m_note);

    auto* useBox = new QGroupBox(tr("Use by protocol"), this);
    auto* useLayout = new QVBoxLayout(useBox);
    m_assignments = new QTableWidget(0, 3, useBox);
    m_assignments->setObjectName(QStringLiteral("assignmentTable"));
    m_assignments->setHorizontalHeaderLabels({ tr("Protocol"), tr("Certificate"), tr("Check") });
    m_assignments->verticalHeader()->hide();
    m_assignments->horizontalHeader()->setStretchLastSection(true);
    m_assignments->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_assignments->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_assignments->setSelectionMode(QAbstractItemView::NoSelection);
    m_assignments->setWordWrap(true);
    useLayout->addWidget(m_assignments);
    layout->addWidget(useBox);

    auto* storeBox = new QGroupBox(tr("Certificates in the store"), this);
    auto* storeLayout = new QVBoxLayout(storeBox);
    storeLayout->addWidget(tables::create(storeBox, QStringLiteral("certificateTable"), m_model));
    layout->addWidget(storeBox, 1);
}

void CertificatesPage::refresh()
{
    client().call(QStringLiteral("cert.list"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            m_note->setText(describe(r));
            return;
        }
        const QJsonObject o = r.result.toObject();
        const QJsonArray certificates = o.value(QStringLiteral("certificates")).toArray();
        m_model->setRows(certificates);
        m_note->setText(certificates.isEmpty()
                ? tr("There is no certificate yet, so no listener can offer TLS. Create a self-signed one with "
                     "`tegamictl cert generate`, or import one with `tegamictl cert import`.")
                : tr("Mail programs check that the certificate covers the name they connect to and that it is "
                     "signed by an authority they trust."));
        const QJsonObject assignments = o.value(QStringLiteral("assignments")).toObject();
        QHash<QString, QString> names;
        for (const QJsonValue& v : certificates)
            names.insert(
                v.toObject().value(QStringLiteral("id")).toString(), CertificateModel::displayName(v.toObject()));
        m_assignments->setRowCount(0);
        for (const QString& p :
            { QStringLiteral("smtp"), QStringLiteral("submission"), QStringLiteral("pop3"), QStringLiteral("imap") }) {
            const QJsonObject a = assignments.value(p).toObject();
            const QString id = a.value(QStringLiteral("certificate")).toString();
            QStringList check;
            for (const QJsonValue& problem : a.value(QStringLiteral("problems")).toArray())
                check << problem.toString();
            for (const QJsonValue& warning : a.value(QStringLiteral("warnings")).toArray())
                check << warning.toString();
            if (check.isEmpty())
                check << tr("Fits %1").arg(a.value(QStringLiteral("fqdn")).toString());
            const int row = m_assignments->rowCount();
            m_assignments->insertRow(row);
            m_assignments->setItem(row, 0, new QTableWidgetItem(format::protocolLabel(p)));
            m_assignments->setItem(row, 1, new QTableWidgetItem(id.isEmpty() ? tr("none") : names.value(id, id)));
            auto* item = new QTableWidgetItem(check.join(QLatin1Char('\n')));
            item->setToolTip(item->text());
            if (!a.value(QStringLiteral("usable")).toBool())
                item->setForeground(QColor(0xb0, 0x20, 0x20));
            m_assignments->setItem(row, 2, item);
        }
        m_assignments->resizeRowsToContents();
        int height = m_assignments->horizontalHeader()->height() + 2 * m_assignments->frameWidth();
        for (int row = 0; row < m_assignments->rowCount(); ++row)
            height += m_assignments->rowHeight(row);
        m_assignments->setFixedHeight(height);
    });
}

} // namespace tegami
