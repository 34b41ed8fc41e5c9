#include "pages/CertificatesPage.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "models/CertificateModel.h"
#include "widgets/Confirm.h"
#include "widgets/FormErrors.h"
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
    m_table = tables::create(storeBox, QStringLiteral("certificateTable"), m_model);
    storeLayout->addWidget(m_table);
    auto* actions = new QHBoxLayout;
    auto* wizard = new QPushButton(tr("&New or imported certificate..."), storeBox);
    wizard->setObjectName(QStringLiteral("certificateWizardButton"));
    m_assignTarget = new QComboBox(storeBox);
    m_assignTarget->setObjectName(QStringLiteral("assignTarget"));
    m_assignTarget->addItem(tr("every protocol (default)"), QStringLiteral("default"));
    for (const QString& p :
        { QStringLiteral("submission"), QStringLiteral("imap"), QStringLiteral("pop3"), QStringLiteral("smtp") })
        m_assignTarget->addItem(format::protocolLabel(p), p);
    auto* assign = new QPushButton(tr("&Use for"), storeBox);
    assign->setObjectName(QStringLiteral("assignCertificateButton"));
    auto* remove = new QPushButton(tr("&Remove"), storeBox);
    remove->setObjectName(QStringLiteral("removeCertificateButton"));
    actions->addWidget(wizard);
    actions->addStretch(1);
    actions->addWidget(assign);
    actions->addWidget(m_assignTarget);
    actions->addWidget(remove);
    storeLayout->addLayout(actions);
    m_actionError = createErrorLabel(storeBox, QStringLiteral("certificateActionError"));
    storeLayout->addWidget(m_actionError);
    layout->addWidget(storeBox, 1);
    connect(wizard, &QPushButton::clicked, this, [this] { Q_EMIT wizardRequested(QStringLiteral("certificate")); });
    connect(assign, &QPushButton::clicked, this, [this] { assignSelected(false); });
    connect(remove, &QPushButton::clicked, this, &CertificatesPage::removeSelected);
}

QString CertificatesPage::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->row(rows.first().row()).value(QStringLiteral("id")).toString();
}

void CertificatesPage::assignSelected(bool force)
{
    m_actionError->hide();
    const QString id = selectedId();
    if (id.isEmpty()) {
        m_actionError->setText(tr("Select a certificate first."));
        m_actionError->show();
        return;
    }
    const QJsonObject params { { QStringLiteral("id"), id },
        { QStringLiteral("protocol"), m_assignTarget->currentData().toString() }, { QStringLiteral("force"), force } };
    client().call(QStringLiteral("cert.assign"), params, this, [this, force](const RpcReply& r) {
        if (!r.ok) {
            // The service refuses a certificate that does not fit an enabled listener; the
            // admin may still insist (those listeners then offer no TLS).
            if (!force && r.field == QLatin1String("id") && r.message.contains(QLatin1String("does not fit"))
                && Confirm::ask(this, tr("Certificate does not fit"), describe(r), tr("Use it anyway"))) {
                assignSelected(true);
                return;
            }
            m_actionError->setText(describe(r));
            m_actionError->show();
            return;
        }
        Q_EMIT statusMessage(tr("Certificate assigned; new connections use it."));
        refresh();
    });
}

void CertificatesPage::removeSelected()
{
    m_actionError->hide();
    const QString id = selectedId();
    if (id.isEmpty()) {
        m_actionError->setText(tr("Select a certificate first."));
        m_actionError->show();
        return;
    }
    if (!Confirm::ask(this, tr("Remove certificate"),
            tr("Remove the certificate %1 and its private key from the server? This cannot be undone.").arg(id),
            tr("Remove")))
        return;
    client().call(QStringLiteral("cert.remove"), { { QStringLiteral("id"), id } }, this, [this](const RpcReply& r) {
        if (!r.ok) {
            m_actionError->setText(describe(r));
            m_actionError->show();
            return;
        }
        Q_EMIT statusMessage(tr("Certificate removed."));
        refresh();
    });
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
                ? tr("There is no certificate yet, so no listener can offer TLS. Generate a self-signed one or "
                     "import one with \"New or imported certificate...\" below (or `tegamictl cert generate`).")
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
