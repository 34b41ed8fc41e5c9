#include "wizards/common/CertificatePage.h"

#include "wizards/common/TegamiWizard.h"

#include <QBuffer>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSslKey>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tegami {

namespace {

using Source = CertificateChoice::Source;

QByteArray readFile(const QString& path, QString* error)
{
    QFile f(path);
    if (path.isEmpty()) {
        *error = CertificatePage::tr("Choose a file.");
        return {};
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *error = CertificatePage::tr("Cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    const QByteArray data = f.read(1024 * 1024 + 1);
    if (data.size() > 1024 * 1024) {
        *error = CertificatePage::tr("%1 is larger than 1 MB: not a certificate file.").arg(path);
        return {};
    }
    return data;
}

QStringList splitNames(const QString& text)
{
    QStringList out;
    for (const QString& n : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        out << n.trimmed();
    return out;
}

} // namespace

CertificatePage::CertificatePage(bool withRequests, QWidget* parent)
    : QWizardPage(parent)
    , m_withRequests(withRequests)
{
    setObjectName(QStringLiteral("certificatePage"));
    setTitle(tr("TLS certificate"));
    setSubTitle(tr("Mail programs check that the certificate covers the name they connect to and that they trust "
                   "who issued it."));
    auto* layout = new QVBoxLayout(this);
    m_sources = new QButtonGroup(this);
    auto* radios = new QVBoxLayout;
    const auto addSource = [&](Source s, const QString& name, const QString& text) {
        auto* radio = new QRadioButton(text, this);
        radio->setObjectName(name);
        m_sources->addButton(radio, static_cast<int>(s));
        radios->addWidget(radio);
    };
    addSource(Source::Generate, QStringLiteral("certGenerate"),
        tr("Generate a self-signed certificate (works at once; each device must be told to trust it)"));
    addSource(Source::ImportPem, QStringLiteral("certImportPem"), tr("Import a certificate and key (PEM files)"));
    addSource(Source::ImportPkcs12, QStringLiteral("certImportPkcs12"), tr("Import a PKCS#12 file (.pfx, .p12)"));
    if (withRequests) {
        addSource(Source::CreateCsr, QStringLiteral("certCreateCsr"),
            tr("Create a request (CSR) for a certificate authority"));
        addSource(Source::CompleteCsr, QStringLiteral("certCompleteCsr"),
            tr("Complete a request with the authority's answer"));
    }
    layout->addLayout(radios);

    m_details = new QStackedWidget(this);
    // Generate
    auto* generate = new QWidget(m_details);
    auto* gForm = new QFormLayout(generate);
    m_commonName = new QLineEdit(generate);
    m_commonName->setObjectName(QStringLiteral("certCommonName"));
    m_extraNames = new QLineEdit(generate);
    m_extraNames->setObjectName(QStringLiteral("certExtraNames"));
    m_extraNames->setPlaceholderText(tr("other names clients use, separated by commas (optional)"));
    m_validity = new QSpinBox(generate);
    m_validity->setObjectName(QStringLiteral("certValidityDays"));
    m_validity->setRange(1, 3650);
    m_validity->setValue(825);
    m_validity->setSuffix(tr(" days"));
    gForm->addRow(tr("Name (CN):"), m_commonName);
    gForm->addRow(tr("Also for:"), m_extraNames);
    gForm->addRow(tr("Valid for:"), m_validity);
    m_details->addWidget(generate);
    // Import PEM
    auto* pem = new QWidget(m_details);
    auto* pForm = new QFormLayout(pem);
    pForm->addRow(tr("Certificate (PEM):"),
        fileRow(QStringLiteral("certPemFile"), &m_pemFile, tr("Certificates (*.pem *.crt *.cer);;All files (*)")));
    pForm->addRow(tr("Private key:"),
        fileRow(QStringLiteral("certKeyFile"), &m_keyFile, tr("Keys (*.pem *.key);;All files (*)")));
    m_keyFile->setPlaceholderText(tr("empty when the certificate file holds the key too"));
    m_passphrase = new QLineEdit(pem);
    m_passphrase->setObjectName(QStringLiteral("certPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("only for an encrypted key"));
    pForm->addRow(tr("Key passphrase:"), m_passphrase);
    m_details->addWidget(pem);
    // Import PKCS#12
    auto* p12 = new QWidget(m_details);
    auto* p12Form = new QFormLayout(p12);
    p12Form->addRow(tr("PKCS#12 file:"),
        fileRow(QStringLiteral("certPkcs12File"), &m_pkcs12File, tr("PKCS#12 (*.pfx *.p12);;All files (*)")));
    m_pkcs12Password = new QLineEdit(p12);
    m_pkcs12Password->setObjectName(QStringLiteral("certPkcs12Password"));
    m_pkcs12Password->setEchoMode(QLineEdit::Password);
    p12Form->addRow(tr("Password:"), m_pkcs12Password);
    m_details->addWidget(p12);
    // Create CSR
    auto* csr = new QWidget(m_details);
    auto* cForm = new QFormLayout(csr);
    m_csrCommonName = new QLineEdit(csr);
    m_csrCommonName->setObjectName(QStringLiteral("csrCommonName"));
    m_csrOrganisation = new QLineEdit(csr);
    m_csrOrganisation->setObjectName(QStringLiteral("csrOrganisation"));
    m_csrCountry = new QLineEdit(csr);
    m_csrCountry->setObjectName(QStringLiteral("csrCountry"));
    m_csrCountry->setMaxLength(2);
    m_csrCountry->setPlaceholderText(tr("two letters, e.g. JP"));
    cForm->addRow(tr("Name (CN):"), m_csrCommonName);
    cForm->addRow(tr("Organisation:"), m_csrOrganisation);
    cForm->addRow(tr("Country:"), m_csrCountry);
    m_details->addWidget(csr);
    // Complete CSR
    auto* complete = new QWidget(m_details);
    auto* dForm = new QFormLayout(complete);
    m_pending = new QComboBox(complete);
    m_pending->setObjectName(QStringLiteral("csrPending"));
    dForm->addRow(tr("Request:"), m_pending);
    dForm->addRow(tr("Authority's answer (PEM):"),
        fileRow(QStringLiteral("csrAnswerFile"), &m_answerFile, tr("Certificates (*.pem *.crt *.cer);;All files (*)")));
    m_details->addWidget(complete);
    layout->addWidget(m_details);

    auto* assignRow = new QHBoxLayout;
    m_assignTo = new QComboBox(this);
    m_assignTo->setObjectName(QStringLiteral("certAssignTo"));
    m_assignTo->addItem(tr("Every protocol (the default certificate)"), QStringLiteral("default"));
    for (const QString& p : wizard::protocols())
        m_assignTo->addItem(tr("Only %1").arg(wizard::protocolLabel(p)), p);
    assignRow->addWidget(new QLabel(tr("Use it for:"), this));
    assignRow->addWidget(m_assignTo, 1);
    layout->addLayout(assignRow);
    m_assignTo->setVisible(withRequests);
    assignRow->itemAt(0)->widget()->setVisible(withRequests);

    m_check = new CertificateCheckView(this);
    layout->addWidget(m_check, 1);
    m_error = createFieldError(this, QStringLiteral("certificateError"));
    layout->addWidget(m_error);
    m_anyway = new QCheckBox(tr("Assign it anyway (the listeners it does not fit offer no TLS)"), this);
    m_anyway->setObjectName(QStringLiteral("certAssignAnyway"));
    m_anyway->hide();
    layout->addWidget(m_anyway);

    connect(m_sources, &QButtonGroup::idClicked, this, &CertificatePage::sourceChanged);
    for (QLineEdit* e :
        { m_commonName, m_extraNames, m_pemFile, m_keyFile, m_pkcs12File, m_pkcs12Password, m_answerFile })
        connect(e, &QLineEdit::editingFinished, this, [this] { collect(false); });
    connect(m_assignTo, &QComboBox::currentIndexChanged, this, [this] { collect(false); });
}

TegamiWizard* CertificatePage::tegamiWizard() const
{
    return static_cast<TegamiWizard*>(wizard());
}

QWidget* CertificatePage::fileRow(const QString& objectName, QLineEdit** edit, const QString& filter)
{
    auto* row = new QWidget(this);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    *edit = new QLineEdit(row);
    (*edit)->setObjectName(objectName);
    auto* browse = new QPushButton(tr("Browse..."), row);
    browse->setObjectName(objectName + QStringLiteral("Browse"));
    h->addWidget(*edit, 1);
    h->addWidget(browse);
    QLineEdit* target = *edit;
    connect(browse, &QPushButton::clicked, this, [this, target, filter] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a file"), target->text(), filter);
        if (!file.isEmpty()) {
            target->setText(file);
            collect(false);
        }
    });
    return row;
}

CertificateChoice::Source CertificatePage::source() const
{
    const int id = m_sources->checkedId();
    return id < 0 ? Source::Generate : static_cast<Source>(id);
}

void CertificatePage::sourceChanged()
{
    switch (source()) {
    case Source::Generate:
    case Source::Keep:
        m_details->setCurrentIndex(0);
        break;
    case Source::ImportPem:
        m_details->setCurrentIndex(1);
        break;
    case Source::ImportPkcs12:
        m_details->setCurrentIndex(2);
        break;
    case Source::CreateCsr:
        m_details->setCurrentIndex(3);
        break;
    case Source::CompleteCsr:
        m_details->setCurrentIndex(4);
        break;
    }
    showFieldError(m_error, {});
    collect(false);
}

void CertificatePage::initializePage()
{
    TegamiWizard* w = tegamiWizard();
    const QString fqdn = w->plannedFqdn();
    if (m_commonName->text().isEmpty() || !m_commonName->isModified())
        m_commonName->setText(fqdn);
    if (m_csrCommonName->text().isEmpty())
        m_csrCommonName->setText(fqdn);
    m_pending->clear();
    for (const QJsonValue& v : w->snapshot().certificates.value(QStringLiteral("pending")).toArray()) {
        const QJsonObject r = v.toObject();
        m_pending->addItem(tr("%1 (created %2)")
                               .arg(r.value(QStringLiteral("commonName")).toString(),
                                   r.value(QStringLiteral("created")).toString().left(10)),
            r.value(QStringLiteral("id")).toString());
    }
    if (QAbstractButton* complete = m_sources->button(static_cast<int>(Source::CompleteCsr)))
        complete->setEnabled(m_pending->count() > 0);
    if (m_sources->checkedId() < 0)
        m_sources
            ->button(
                static_cast<int>(w->certificate().source == Source::Keep ? Source::Generate : w->certificate().source))
            ->setChecked(true);
    sourceChanged();
}

QList<NameCheck> CertificatePage::listeners() const
{
    TegamiWizard* w = tegamiWizard();
    const QString target = m_assignTo->currentData().toString();
    QList<NameCheck> out;
    for (const ProtocolChoice& c : w->protocolChoices()) {
        if (!c.enabled || (target != QLatin1String("default") && target != c.protocol))
            continue;
        // A protocol with its own certificate keeps it when this one becomes the default.
        if (target == QLatin1String("default")
            && !w->snapshot().value(c.protocol + QStringLiteral(".certificate")).toString().isEmpty())
            continue;
        NameCheck n;
        n.protocol = c.protocol;
        n.fqdn = w->snapshot().listenerFqdn(c.protocol, w->plannedFqdn());
        QStringList where;
        for (const ListenerChoice& l : std::as_const(w->listeners())) {
            if (l.protocol == c.protocol)
                where << l.binding();
        }
        if (where.isEmpty()) {
            for (const ListenerChoice& l : w->snapshot().configuredListeners(c.protocol))
                where << l.binding();
        }
        n.where = where.join(QStringLiteral(", "));
        out << n;
    }
    if (out.isEmpty()) {
        NameCheck n;
        n.protocol = target == QLatin1String("default") ? QString() : target;
        n.fqdn = target == QLatin1String("default") ? w->plannedFqdn()
                                                    : w->snapshot().listenerFqdn(target, w->plannedFqdn());
        out << n;
    }
    return out;
}

bool CertificatePage::collect(bool showErrors)
{
    TegamiWizard* w = tegamiWizard();
    if (!w)
        return false;
    CertificateChoice c;
    c.source = source();
    c.assignTo = m_withRequests ? m_assignTo->currentData().toString() : QStringLiteral("default");
    c.force = m_anyway->isChecked();
    CertificateFacts facts;
    QString error;
    QLineEdit* errorField = nullptr;
    switch (c.source) {
    case Source::Keep:
    case Source::Generate: {
        c.commonName = m_commonName->text().trimmed();
        c.extraNames = splitNames(m_extraNames->text());
        c.validityDays = m_validity->value();
        for (const QString& n : QStringList { c.commonName } + c.extraNames) {
            if (const QString problem = wizard::hostNameProblem(n); !problem.isEmpty()) {
                error = problem;
                errorField = n == c.commonName ? m_commonName : m_extraNames;
                break;
            }
        }
        // The service adds the server's and each protocol's name to what it generates.
        facts.known = error.isEmpty();
        facts.names = QStringList { c.commonName } + c.extraNames;
        facts.names << w->plannedFqdn();
        for (const QString& p : wizard::protocols())
            facts.names << w->snapshot().listenerFqdn(p, w->plannedFqdn());
        facts.names.removeDuplicates();
        facts.names.removeAll(QString());
        facts.notAfter = QDateTime::currentDateTimeUtc().addDays(c.validityDays);
        facts.selfSigned = true;
        break;
    }
    case Source::ImportPem: {
        c.pem = readFile(m_pemFile->text().trimmed(), &error);
        errorField = m_pemFile;
        if (error.isEmpty())
            facts = CertificateFacts::fromPem(c.pem, &error);
        if (error.isEmpty() && !m_keyFile->text().trimmed().isEmpty()) {
            c.key = readFile(m_keyFile->text().trimmed(), &error);
            errorField = m_keyFile;
        } else if (error.isEmpty() && !c.pem.contains("PRIVATE KEY-----")) {
            error = tr("This file holds no private key: choose the key file too.");
            errorField = m_keyFile;
        }
        c.passphrase = m_passphrase->text();
        break;
    }
    case Source::ImportPkcs12: {
        c.pkcs12 = readFile(m_pkcs12File->text().trimmed(), &error);
        c.passphrase = m_pkcs12Password->text();
        errorField = m_pkcs12File;
        if (error.isEmpty()) {
            QBuffer buffer(&c.pkcs12);
            buffer.open(QIODevice::ReadOnly);
            QSslKey key;
            QSslCertificate certificate;
            QList<QSslCertificate> chain;
            if (!QSslCertificate::importPkcs12(&buffer, &key, &certificate, &chain, c.passphrase.toUtf8())) {
                error = tr("Cannot open this PKCS#12 file: the password is wrong or it is not a PKCS#12 file.");
                errorField = m_pkcs12Password;
            } else {
                facts = CertificateFacts::fromCertificate(certificate, chain);
            }
        }
        break;
    }
    case Source::CreateCsr: {
        c.commonName = m_csrCommonName->text().trimmed();
        c.organisation = m_csrOrganisation->text().trimmed();
        c.country = m_csrCountry->text().trimmed().toUpper();
        if (const QString problem = wizard::hostNameProblem(c.commonName); !problem.isEmpty()) {
            error = problem;
            errorField = m_csrCommonName;
        } else if (!c.country.isEmpty() && c.country.size() != 2) {
            error = tr("The country is two letters (ISO 3166), for example JP or DE.");
            errorField = m_csrCountry;
        }
        break;
    }
    case Source::CompleteCsr: {
        c.pendingId = m_pending->currentData().toString();
        c.pem = readFile(m_answerFile->text().trimmed(), &error);
        errorField = m_answerFile;
        if (error.isEmpty())
            facts = CertificateFacts::fromPem(c.pem, &error);
        break;
    }
    }
    w->certificate() = c;
    const bool checksNames = c.source != Source::CreateCsr;
    const int misses = checksNames && facts.known ? m_check->show(facts, listeners()) : 0;
    if (!checksNames || !facts.known)
        m_check->show(CertificateFacts {}, {});
    m_check->setVisible(checksNames);
    m_anyway->setVisible(misses > 0);
    if (!error.isEmpty()) {
        // While the admin is still choosing, an empty file field is no error yet.
        if (showErrors || error != tr("Choose a file.")) {
            showFieldError(m_error, error);
            if (errorField && showErrors)
                errorField->setFocus();
        } else {
            showFieldError(m_error, {});
        }
        return false;
    }
    if (misses > 0 && !c.force) {
        showFieldError(m_error,
            tr("The certificate does not cover %n listener name(s) above. Use a certificate issued for those names, "
               "change the names (server.fqdn, <protocol>.fqdn), or tick \"Assign it anyway\".",
                nullptr, misses));
        return false;
    }
    showFieldError(m_error, {});
    return true;
}

bool CertificatePage::validatePage()
{
    if (tegamiWizard()->isDryRun()) {
        collect(false);
        return true;
    }
    return collect(true);
}

} // namespace tegami
