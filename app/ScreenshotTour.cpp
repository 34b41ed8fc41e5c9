#include "ScreenshotTour.h"

#include "wizards/common/PortsPage.h"
#include "wizards/common/TegamiWizard.h"

#include <QAbstractButton>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>

#include "MainWindow.h"
#include "client/ServiceClient.h"

namespace tegami {

namespace {

// Long enough for a page's calls to come back and the window to repaint.
constexpr int settleMs = 1500;
constexpr int wizardSettleMs = 700;

void type(QWidget* root, const QString& name, const QString& text)
{
    if (auto* edit = root->findChild<QLineEdit*>(name))
        edit->setText(text);
}

} // namespace

ScreenshotTour::ScreenshotTour(MainWindow& window, QString directory, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{ }

void ScreenshotTour::start()
{
    QDir().mkpath(m_directory);
    m_window.resize(1280, 960);
    auto begin = [this] { QTimer::singleShot(settleMs, this, &ScreenshotTour::next); };
    if (m_window.client().isConnected())
        begin();
    else
        connect(&m_window.client(), &ServiceClient::connected, this, begin, Qt::SingleShotConnection);
}

bool ScreenshotTour::save(QWidget* widget, const QString& name)
{
    // Pages are DIR/NN-page.png; wizard pages DIR/wizards/NN-wizard-page.png, numbered apart so
    // a new page does not rename every wizard picture.
    const bool wizard = name.startsWith(QLatin1String("wizard-"));
    int& counter = wizard ? m_wizardPicture : m_picture;
    ++counter;
    const QString dir = wizard ? QDir(m_directory).filePath(QStringLiteral("wizards")) : m_directory;
    QDir().mkpath(dir);
    const QString file = QDir(dir).filePath(
        QStringLiteral("%1-%2.png").arg(counter, 2, 10, QLatin1Char('0')).arg(wizard ? name.mid(7) : name));
    if (widget->grab().save(file))
        return true;
    ++m_failures;
    return false;
}

void ScreenshotTour::next()
{
    const QStringList names = m_window.pageNames();
    if (m_index >= 0)
        save(&m_window, names[m_index]);
    ++m_index;
    if (m_index >= names.size()) {
        m_window.showPage(names.first());
        m_wizards = m_window.wizardNames();
        nextWizard();
        return;
    }
    m_window.showPage(names[m_index]);
    QTimer::singleShot(settleMs, this, &ScreenshotTour::next);
}

void ScreenshotTour::nextWizard()
{
    if (m_wizard)
        m_wizard->reject();
    if (m_wizards.isEmpty()) {
        Q_EMIT finished(m_failures);
        return;
    }
    m_wizardName = m_wizards.takeFirst();
    m_seenPages.clear();
    m_wizard = qobject_cast<TegamiWizard*>(m_window.openWizard(m_wizardName));
    if (!m_wizard) {
        ++m_failures;
        QTimer::singleShot(0, this, &ScreenshotTour::nextWizard);
        return;
    }
    m_wizard->setDryRun(true);
    fillDemo(*m_wizard, m_wizardName);
    QTimer::singleShot(wizardSettleMs, this, &ScreenshotTour::nextWizardPage);
}

void ScreenshotTour::nextWizardPage()
{
    if (!m_wizard) {
        nextWizard();
        return;
    }
    QWizardPage* page = m_wizard->currentPage();
    // The ports page is pictured with its real check, which is what it is for.
    if (auto* ports = qobject_cast<PortsPage*>(page)) {
        m_wizard->setDryRun(false);
        ports->validatePage();
        m_wizard->setDryRun(true);
    }
    save(m_wizard, QStringLiteral("wizard-%1-%2").arg(m_wizardName, page->objectName()));
    m_seenPages << page->objectName();
    if (m_wizard->currentId() == -1 || page->isFinalPage() || m_wizard->nextId() == -1) {
        nextWizard();
        return;
    }
    m_wizard->next();
    if (m_seenPages.contains(m_wizard->currentPage()->objectName())) {
        nextWizard(); // a page refused to move on; do not loop
        return;
    }
    fillDemo(*m_wizard, m_wizardName);
    QTimer::singleShot(wizardSettleMs, this, &ScreenshotTour::nextWizardPage);
}

void ScreenshotTour::fillDemo(TegamiWizard& wizard, const QString& name)
{
    QWidget* page = wizard.currentPage();
    if (!page)
        return;
    const QString id = page->objectName();
    if (name == QLatin1String("firstrun")) {
        if (id == QLatin1String("organisationPage"))
            type(page, QStringLiteral("domainName"), QStringLiteral("example.org"));
        if (id == QLatin1String("adminPage")) {
            type(page, QStringLiteral("adminPassword"), QStringLiteral("demo-password-1"));
            type(page, QStringLiteral("adminPasswordConfirm"), QStringLiteral("demo-password-1"));
        }
        if (id == QLatin1String("mailboxesPage")) {
            for (const auto& [user, display] : { std::pair { QStringLiteral("alice"), QStringLiteral("Alice Sato") },
                     std::pair { QStringLiteral("bob"), QStringLiteral("Bob Tanaka") } }) {
                type(page, QStringLiteral("mailboxName"), user);
                type(page, QStringLiteral("mailboxDisplayName"), display);
                type(page, QStringLiteral("mailboxPassword"), QStringLiteral("demo-password-1"));
                if (auto* add = page->findChild<QPushButton*>(QStringLiteral("addMailboxButton")))
                    add->click();
            }
        }
    }
}

} // namespace tegami
