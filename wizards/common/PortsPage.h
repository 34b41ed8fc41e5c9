#pragma once

#include "wizards/common/SetupState.h"

#include <QList>
#include <QWizardPage>

class QGridLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tegami {

class TegamiWizard;

// Per listener the address and port, checked before Next (BindingProbe): a port in use (and
// which program holds it), two listeners on one address and port, a privileged port the
// service may not bind, an address this machine lacks. Reminds which ports the firewall must
// open. Row widgets are named "<protocol>-<security>Address", "...Port" and "...Error"
// (security: tls or plain).
class PortsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit PortsPage(QWidget* parent = nullptr);

    void initializePage() override;
    bool validatePage() override;
    void cleanupPage() override;

    static QString rowName(const ListenerChoice& l);
    // The ports wizard: one row per configured binding of every enabled protocol (both the
    // implicit TLS and the plain lists), instead of one per chosen protocol.
    void setEveryConfiguredBinding(bool every) { m_everyBinding = every; }

private:
    struct Row {
        QLineEdit* address = nullptr;
        QSpinBox* port = nullptr;
        QLabel* error = nullptr;
        QList<QWidget*> widgets;
    };
    TegamiWizard* tegamiWizard() const;
    QList<ListenerChoice> edited() const;
    void rebuild();
    void updateFirewall();

    QGridLayout* m_grid = nullptr;
    QList<Row> m_rows;
    QList<ListenerChoice> m_listeners;
    QLabel* m_firewall = nullptr;
    QLabel* m_summary = nullptr;
    bool m_everyBinding = false;
};

} // namespace tegami
