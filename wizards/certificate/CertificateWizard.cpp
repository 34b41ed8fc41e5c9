#include "wizards/certificate/CertificateWizard.h"

#include "wizards/common/CertificatePage.h"
#include "wizards/common/SummaryPage.h"
#include "wizards/common/WizardCall.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace tegami {

namespace {

// The end: the certificate in use, or the request to send to the authority ("csrText"). It has no
// Q_OBJECT of its own, so its texts are DonePage's: tr() would look them up under DonePage at run time
// while lupdate filed them under this class.
class CertificateDonePage : public DonePage {
public:
    explicit CertificateDonePage(QWidget* parent)
        : DonePage(parent)
    {
        m_csr = new QPlainTextEdit(this);
        m_csr->setObjectName(QStringLiteral("csrText"));
        m_csr->setReadOnly(true);
        m_csr->setFont(QFont(QStringLiteral("monospace")));
        auto* buttons = new QHBoxLayout;
        m_copy = new QPushButton(DonePage::tr("&Copy"), this);
        m_copy->setObjectName(QStringLiteral("copyCsrButton"));
        m_save = new QPushButton(DonePage::tr("&Save as..."), this);
        m_save->setObjectName(QStringLiteral("saveCsrButton"));
        buttons->addWidget(m_copy);
        buttons->addWidget(m_save);
        buttons->addStretch(1);
        auto* box = static_cast<QVBoxLayout*>(layout());
        box->addWidget(m_csr, 1);
        box->addLayout(buttons);
        connect(
            m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_csr->toPlainText()); });
        connect(m_save, &QPushButton::clicked, this, [this] {
            const QString file = QFileDialog::getSaveFileName(this, DonePage::tr("Save the request"),
                QStringLiteral("request.csr"), DonePage::tr("Requests (*.csr *.pem)"));
            QSaveFile out(file);
            if (!file.isEmpty() && out.open(QIODevice::WriteOnly)) {
                out.write(m_csr->toPlainText().toUtf8());
                out.commit();
            }
        });
    }

    void initializePage() override
    {
        auto* w = static_cast<CertificateWizard*>(wizard());
        const bool request = w->certificate().source == CertificateChoice::Source::CreateCsr;
        for (QWidget* widget :
            { static_cast<QWidget*>(m_csr), static_cast<QWidget*>(m_copy), static_cast<QWidget*>(m_save) })
            widget->setVisible(request);
        if (!request) {
            m_result->setText(
                DonePage::tr("The certificate is in use. Mail programs see it on their next connection; nothing "
                             "had to restart."));
            return;
        }
        m_result->setText(
            DonePage::tr("Send this request to your certificate authority. When it answers, run this wizard again "
                         "and choose \"Complete a request\". The private key stays on the server."));
        const QString id = w->outcome().values.value(QStringLiteral("pendingId"));
        const RpcReply list = callAndWait(w->client(), QStringLiteral("cert.list"));
        for (const QJsonValue& v : list.result.toObject().value(QStringLiteral("pending")).toArray()) {
            if (v.toObject().value(QStringLiteral("id")).toString() == id)
                m_csr->setPlainText(v.toObject().value(QStringLiteral("csrPem")).toString());
        }
    }

private:
    QPlainTextEdit* m_csr = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace

CertificateWizard::CertificateWizard(ServiceClient& client, QWidget* parent)
    : TegamiWizard(client, parent)
{
    setObjectName(QStringLiteral("certificateWizard"));
    setWindowTitle(tr("TLS certificate"));
    m_page = new CertificatePage(true, this);
    setPage(Certificate, m_page);
    setPage(Summary, new SummaryPage(this));
    setPage(Done, new CertificateDonePage(this));
    setStartId(Certificate);
}

ApplyPlan CertificateWizard::buildPlan() const
{
    ApplyPlan plan;
    const CertificateChoice& c = certificate();
    if (c.source != CertificateChoice::Source::CreateCsr) {
        addCertificateSteps(plan);
        return plan;
    }
    ApplyPlan::Step s;
    s.description = tr("Create a key and a request for %1").arg(c.commonName);
    s.method = QStringLiteral("cert.csr");
    s.params = { { QStringLiteral("commonName"), c.commonName } };
    if (!c.organisation.isEmpty())
        s.params.insert(QStringLiteral("organisation"), c.organisation);
    if (!c.country.isEmpty())
        s.params.insert(QStringLiteral("country"), c.country);
    s.captureName = QStringLiteral("pendingId");
    s.captureField = QStringLiteral("id");
    s.undoMethod = QStringLiteral("cert.remove");
    s.undoParams = { { QStringLiteral("id"), QStringLiteral("${pendingId}") } };
    plan.add(s);
    return plan;
}

} // namespace tegami
