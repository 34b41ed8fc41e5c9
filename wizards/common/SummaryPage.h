#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;

namespace tegami {

class TegamiWizard;

// Everything the wizard will do, one line per control API call; Apply ("Next") runs them
// in order. On a failure the steps already made are undone and the page says what failed
// and what to do ("applyError"); the wizard stays here so the admin can go back and fix it.
class SummaryPage : public QWizardPage {
    Q_OBJECT
public:
    explicit SummaryPage(QWidget* parent = nullptr);

    void initializePage() override;
    bool validatePage() override;
    QListWidget* steps() const { return m_steps; }

private:
    TegamiWizard* tegamiWizard() const;

    QListWidget* m_steps = nullptr;
    QLabel* m_progress = nullptr;
    QLabel* m_error = nullptr;
};

// The last page: what was done, and what comes next (subclasses add the client settings).
class DonePage : public QWizardPage {
    Q_OBJECT
public:
    explicit DonePage(QWidget* parent = nullptr);
    void initializePage() override;

protected:
    QLabel* m_result = nullptr;
};

} // namespace tegami
