#include "pages/diagnostics/DiagnosticsPage.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include "pages/diagnostics/ClientSettingsCard.h"
#include "pages/diagnostics/ConfigurationChecksPanel.h"
#include "pages/diagnostics/ConnectivityTestPanel.h"

namespace tegami {

DiagnosticsPage::DiagnosticsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Diagnostics</h2>"), this));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("diagnosticsTabs"));
    layout->addWidget(m_tabs, 1);

    m_checks = new ConfigurationChecksPanel(client, m_tabs);
    m_checks->setObjectName(QStringLiteral("configurationChecks"));
    m_tabs->addTab(m_checks, tr("Configuration check"));
    connect(m_checks, &ConfigurationChecksPanel::openPageRequested, this, &DiagnosticsPage::openPageRequested);
    connect(m_checks, &ConfigurationChecksPanel::openWizardRequested, this, &DiagnosticsPage::openWizardRequested);
    connect(m_checks, &ConfigurationChecksPanel::refreshed, this, &DiagnosticsPage::updateChecksTab);

    m_connectivity = new ConnectivityTestPanel(client, m_tabs);
    m_connectivity->setObjectName(QStringLiteral("connectivityTest"));
    m_tabs->addTab(m_connectivity, tr("Connectivity test"));
    connect(m_connectivity, &ConnectivityTestPanel::sessionLogRequested, this, &DiagnosticsPage::sessionLogRequested);
    connect(m_connectivity, &ConnectivityTestPanel::finished, this, [this](bool passed) {
        Q_EMIT statusMessage(passed ? tr("The connectivity test passed.") : tr("The connectivity test failed."));
    });

    auto* cardTab = new QWidget(m_tabs);
    auto* cardLayout = new QVBoxLayout(cardTab);
    auto* cardIntro = new QLabel(tr("What users enter in their mail clients. Print it or copy it for them, or "
                                    "export the files that let mail clients set themselves up."),
        cardTab);
    cardIntro->setWordWrap(true);
    cardLayout->addWidget(cardIntro);
    m_card = new ClientSettingsCard(client, cardTab);
    cardLayout->addWidget(m_card, 1);
    m_tabs->addTab(cardTab, tr("Client settings"));
}

void DiagnosticsPage::refresh()
{
    m_checks->refresh();
    m_card->refresh();
}

void DiagnosticsPage::updateChecksTab()
{
    const int problems = m_checks->problemCount();
    const int index = m_tabs->indexOf(m_checks);
    m_tabs->setTabText(index, problems > 0 ? tr("Configuration check (%1)").arg(problems) : tr("Configuration check"));
    m_tabs->setTabIcon(index,
        QIcon(problems > 0 ? QStringLiteral(":/icons/state-warning.svg") : QStringLiteral(":/icons/state-ok.svg")));
}

} // namespace tegami
