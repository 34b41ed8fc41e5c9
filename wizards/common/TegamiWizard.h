#pragma once

#include "wizards/common/ApplyPlan.h"
#include "wizards/common/SetupState.h"

#include <QWizard>

class QLabel;

namespace tegami {

class ServiceClient;

// The base of every Tegami wizard: the service client, what the service looked like when
// the wizard opened (so pages can show it and apply can put it back), and the admin's
// choices, which the shared pages (protocols, certificate, ports, summary) read and write.
// Nothing reaches the service before the summary page's Apply; Cancel leaves it untouched.
class TegamiWizard : public QWizard {
    Q_OBJECT
public:
    TegamiWizard(ServiceClient& client, QWidget* parent = nullptr);

    ServiceClient& client() const { return m_client; }
    // Fetches config.get, listener.list, status and cert.list; false (with the reason in
    // loadError()) when the service did not answer.
    bool loadSnapshot();
    QString loadError() const { return m_loadError; }
    const ServiceSnapshot& snapshot() const { return m_snapshot; }

    QList<ProtocolChoice>& protocolChoices() { return m_protocols; }
    const QList<ProtocolChoice>& protocolChoices() const { return m_protocols; }
    ProtocolChoice* protocolChoice(const QString& protocol);
    // The listeners the ports page edits; rebuilt from the protocol choices unless the admin
    // already edited them for the same protocols.
    QList<ListenerChoice>& listeners() { return m_listeners; }
    CertificateChoice& certificate() { return m_certificate; }
    const CertificateChoice& certificate() const { return m_certificate; }
    // Protocols whose bindings the wizard rewrites (the ports page checks the others as fixed).
    virtual QStringList protocolsChanged() const;
    // The server FQDN the listeners will have once applied (the first-run wizard's choice).
    virtual QString plannedFqdn() const;

    // The calls that make the admin's choices real, in order, each with its undo.
    virtual ApplyPlan buildPlan() const = 0;
    // Runs the plan; the summary page calls it.
    ApplyPlan::Outcome apply();
    const ApplyPlan::Outcome& outcome() const { return m_outcome; }

    // Screenshot tour: pages skip their checks and Apply changes nothing.
    void setDryRun(bool dryRun) { m_dryRun = dryRun; }
    bool isDryRun() const { return m_dryRun; }

    // Ports the wizard proposes, per protocol and security ("imap/tls" → 10993): tests and
    // the screenshot tour use free high ports.
    static void setPortOverride(const QString& protocol, const QString& security, int port);
    static void clearPortOverrides();
    static int proposedPort(const QString& protocol, const QString& security);

Q_SIGNALS:
    // Apply succeeded: the service changed (pages should refresh).
    void applied();

protected:
    // The snapshot arrived: a wizard may propose its own choices now.
    virtual void snapshotLoaded() { }
    // Steps shared by the wizards that set protocols up: bindings, login types, certificate,
    // enable/disable, each undone by putting back the value the snapshot holds.
    void addProtocolSteps(ApplyPlan& plan, bool withCertificate) const;
    void addCertificateSteps(ApplyPlan& plan) const;
    void addSettingStep(ApplyPlan& plan, const QString& description, const QString& key, const QJsonValue& value,
        const QString& advice = {}) const;

private:
    ServiceClient& m_client;
    ServiceSnapshot m_snapshot;
    QString m_loadError;
    QList<ProtocolChoice> m_protocols;
    QList<ListenerChoice> m_listeners;
    CertificateChoice m_certificate;
    ApplyPlan::Outcome m_outcome;
    bool m_dryRun = false;
};

// A red, bold label under a field for that field's problem; hidden when empty.
QLabel* createFieldError(QWidget* parent, const QString& objectName);
void showFieldError(QLabel* label, const QString& text);

} // namespace tegami
