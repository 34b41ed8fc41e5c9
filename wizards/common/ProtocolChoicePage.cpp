#include "wizards/common/ProtocolChoicePage.h"

#include "wizards/common/TegamiWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tegami {

namespace {

QString aboutProtocol(const QString& protocol)
{
    if (protocol == QLatin1String("pop3"))
        return ProtocolChoicePage::tr(
            "POP3 downloads the mail of one folder, the inbox, to one device and usually deletes it on the server. "
            "It suits one computer per person that keeps its own copy.");
    if (protocol == QLatin1String("imap"))
        return ProtocolChoicePage::tr(
            "IMAP4 keeps mail and folders on the server, so a phone, a laptop and webmail all see the same mailbox. "
            "It suits anyone who reads mail on several devices.");
    if (protocol == QLatin1String("submission"))
        return ProtocolChoicePage::tr("Lets users' mail programs send mail after logging in. Every client needs it.");
    return ProtocolChoicePage::tr(
        "Receives mail for your domains from other mail servers (the MX, port 25). Needs a DNS MX record.");
}

} // namespace

ProtocolChoicePage::ProtocolChoicePage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("protocolsPage"));
    setTitle(tr("Protocols"));
    setSubTitle(tr("Choose how mail programs reach the server. Encryption protects passwords and mail on the way."));
    auto* layout = new QVBoxLayout(this);
    auto* grid = new QGridLayout;
    grid->setColumnStretch(3, 1);
    grid->addWidget(new QLabel(tr("<b>Protocol</b>"), this), 0, 0);
    grid->addWidget(new QLabel(tr("<b>Encryption</b>"), this), 0, 1);
    grid->addWidget(new QLabel(tr("<b>Login</b>"), this), 0, 2);
    int row = 1;
    for (const QString& p : wizard::protocols()) {
        addRow(grid, row, p);
        row += 3;
    }
    layout->addLayout(grid);
    m_error = createFieldError(this, QStringLiteral("protocolsError"));
    layout->addWidget(m_error);
    layout->addStretch(1);
}

TegamiWizard* ProtocolChoicePage::tegamiWizard() const
{
    return static_cast<TegamiWizard*>(wizard());
}

void ProtocolChoicePage::addRow(QGridLayout* grid, int row, const QString& protocol)
{
    Row r;
    r.enable = new QCheckBox(wizard::protocolLabel(protocol), this);
    r.enable->setObjectName(protocol + QStringLiteral("Enable"));
    QFont bold = r.enable->font();
    bold.setBold(true);
    r.enable->setFont(bold);
    r.security = new QComboBox(this);
    r.security->setObjectName(protocol + QStringLiteral("Security"));
    if (protocol == QLatin1String("smtp")) {
        // Other servers deliver to port 25 and upgrade with STARTTLS when they can.
        r.security->addItem(tr("STARTTLS when the sender supports it"), QStringLiteral("starttls"));
    } else {
        for (const QString& s : { QStringLiteral("tls"), QStringLiteral("starttls"), QStringLiteral("none") })
            r.security->addItem(wizard::securityLabel(s), s);
    }
    r.login = new QComboBox(this);
    r.login->setObjectName(protocol + QStringLiteral("Login"));
    if (protocol == QLatin1String("pop3") || protocol == QLatin1String("imap")) {
        for (const QString& l : { QStringLiteral("secureLogin"), QStringLiteral("plainTextAuthentication"),
                 QStringLiteral("plainTextLogin") })
            r.login->addItem(wizard::loginTypeLabel(l), l);
    } else if (protocol == QLatin1String("submission")) {
        for (const QString& l : { QStringLiteral("requireTls"), QStringLiteral("allowPlain") })
            r.login->addItem(wizard::loginTypeLabel(l), l);
    } else {
        r.login->addItem(wizard::loginTypeLabel(QStringLiteral("none")), QStringLiteral("none"));
        r.login->setEnabled(false);
    }
    auto* about = new QLabel(aboutProtocol(protocol), this);
    about->setObjectName(protocol + QStringLiteral("About"));
    about->setWordWrap(true);
    about->setContentsMargins(22, 0, 0, 0);
    r.warning = createFieldError(this, protocol + QStringLiteral("Warning"));
    r.warning->setContentsMargins(22, 0, 0, 0);
    grid->addWidget(r.enable, row, 0);
    grid->addWidget(r.security, row, 1);
    grid->addWidget(r.login, row, 2);
    grid->addWidget(about, row + 1, 0, 1, 4);
    grid->addWidget(r.warning, row + 2, 0, 1, 4);
    m_rows.insert(protocol, r);
    connect(r.enable, &QCheckBox::toggled, this, [this, protocol] { updateRow(protocol); });
    connect(r.security, &QComboBox::currentIndexChanged, this, [this, protocol] { updateRow(protocol); });
    connect(r.login, &QComboBox::currentIndexChanged, this, [this, protocol] { updateRow(protocol); });
}

void ProtocolChoicePage::initializePage()
{
    for (const ProtocolChoice& c : tegamiWizard()->protocolChoices()) {
        const Row& r = m_rows[c.protocol];
        r.enable->setChecked(c.enabled);
        r.security->setCurrentIndex(qMax(0, r.security->findData(c.security)));
        r.login->setCurrentIndex(qMax(0, r.login->findData(c.loginType)));
        updateRow(c.protocol);
    }
}

void ProtocolChoicePage::updateRow(const QString& protocol)
{
    const Row& r = m_rows[protocol];
    const bool on = r.enable->isChecked();
    r.security->setEnabled(on);
    r.login->setEnabled(on && protocol != QLatin1String("smtp"));
    const QString security = r.security->currentData().toString();
    const QString login = r.login->currentData().toString();
    QString warning;
    if (on && security == QLatin1String("none"))
        warning = tr("Without encryption, passwords and mail cross the network readable by anyone on the way. Use it "
                     "only for old programs on a trusted network.");
    else if (on && (login == QLatin1String("plainTextLogin") || login == QLatin1String("allowPlain")))
        warning = tr("Passwords may be sent before TLS starts; a client that skips STARTTLS sends them readable.");
    showFieldError(r.warning, warning);
}

bool ProtocolChoicePage::validatePage()
{
    bool any = false;
    for (ProtocolChoice& c : tegamiWizard()->protocolChoices()) {
        const Row& r = m_rows[c.protocol];
        c.enabled = r.enable->isChecked();
        c.security = r.security->currentData().toString();
        c.loginType = r.login->currentData().toString();
        if (c.security == QLatin1String("none") && c.protocol != QLatin1String("smtp"))
            c.loginType = c.protocol == QLatin1String("submission") ? QStringLiteral("allowPlain")
                                                                    : QStringLiteral("plainTextLogin");
        any = any || c.enabled;
    }
    if (!any && !tegamiWizard()->isDryRun()) {
        showFieldError(m_error, tr("Choose at least one protocol: without one, no mail program can reach the server."));
        return false;
    }
    showFieldError(m_error, {});
    return true;
}

} // namespace tegami
