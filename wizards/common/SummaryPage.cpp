#include "wizards/common/SummaryPage.h"

#include "wizards/common/TegamiWizard.h"

#include <QAbstractButton>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace tegami {

SummaryPage::SummaryPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("summaryPage"));
    setTitle(tr("Summary"));
    setSubTitle(tr("Apply makes these changes in this order. If one fails, the ones already made are undone."));
    setButtonText(QWizard::CommitButton, tr("&Apply"));
    setCommitPage(true);
    auto* layout = new QVBoxLayout(this);
    m_steps = new QListWidget(this);
    m_steps->setObjectName(QStringLiteral("summarySteps"));
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setWordWrap(true);
    layout->addWidget(m_steps, 1);
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("applyProgress"));
    layout->addWidget(m_progress);
    m_error = createFieldError(this, QStringLiteral("applyError"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_error);
}

TegamiWizard* SummaryPage::tegamiWizard() const
{
    return static_cast<TegamiWizard*>(wizard());
}

void SummaryPage::initializePage()
{
    m_steps->clear();
    const QStringList steps = tegamiWizard()->buildPlan().descriptions();
    for (qsizetype i = 0; i < steps.size(); ++i)
        m_steps->addItem(QStringLiteral("%1. %2").arg(i + 1).arg(steps[i]));
    if (steps.isEmpty())
        m_steps->addItem(tr("Nothing to change: the service already works this way."));
    m_progress->clear();
    showFieldError(m_error, {});
}

bool SummaryPage::validatePage()
{
    TegamiWizard* w = tegamiWizard();
    showFieldError(m_error, {});
    m_progress->setText(tr("Applying..."));
    // No Back or Cancel halfway: the plan finishes or is undone before the admin can act.
    for (QWizard::WizardButton b : { QWizard::BackButton, QWizard::NextButton, QWizard::CancelButton })
        w->button(b)->setEnabled(false);
    const ApplyPlan::Outcome outcome = w->apply();
    for (QWizard::WizardButton b : { QWizard::BackButton, QWizard::NextButton, QWizard::CancelButton })
        w->button(b)->setEnabled(true);
    if (!outcome.ok) {
        m_progress->setText(tr("Nothing was applied."));
        showFieldError(m_error, outcome.report());
        return false;
    }
    m_progress->setText(tr("Applied."));
    return true;
}

DonePage::DonePage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("donePage"));
    setTitle(tr("Done"));
    setFinalPage(true);
    auto* layout = new QVBoxLayout(this);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("applyResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
}

void DonePage::initializePage()
{
    const auto* w = static_cast<TegamiWizard*>(wizard());
    m_result->setText(tr("The service now works as chosen (%n change(s) applied).", nullptr, w->outcome().done));
}

} // namespace tegami
