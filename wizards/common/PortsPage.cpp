#include "wizards/common/PortsPage.h"

#include "wizards/common/BindingProbe.h"
#include "wizards/common/TegamiWizard.h"

#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tegami {

PortsPage::PortsPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("portsPage"));
    setTitle(tr("Ports and addresses"));
    setSubTitle(tr("Where each listener waits for connections. 0.0.0.0 means every IPv4 address of this machine, :: "
                   "every IPv6 address."));
    auto* layout = new QVBoxLayout(this);
    m_grid = new QGridLayout;
    m_grid->setColumnStretch(3, 1);
    layout->addLayout(m_grid);
    m_summary = createFieldError(this, QStringLiteral("portsError"));
    layout->addWidget(m_summary);
    m_firewall = new QLabel(this);
    m_firewall->setObjectName(QStringLiteral("firewallNote"));
    m_firewall->setWordWrap(true);
    m_firewall->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_firewall);
    layout->addStretch(1);
}

TegamiWizard* PortsPage::tegamiWizard() const
{
    return static_cast<TegamiWizard*>(wizard());
}

QString PortsPage::rowName(const ListenerChoice& l)
{
    return l.protocol + QLatin1Char('-') + (l.security == QLatin1String("tls") ? l.security : QStringLiteral("plain"));
}

void PortsPage::initializePage()
{
    TegamiWizard* w = tegamiWizard();
    // Keep the admin's edits for protocols that are still chosen with the same encryption;
    // propose the current or the usual ports for the others.
    QList<ListenerChoice> next;
    if (m_everyBinding && w->listeners().isEmpty()) {
        for (const ProtocolChoice& c : w->protocolChoices()) {
            if (c.enabled)
                next << w->snapshot().configuredListeners(c.protocol);
        }
    }
    for (const ProtocolChoice& c : w->protocolChoices()) {
        if (!c.enabled || m_everyBinding)
            continue;
        const QString kind = c.security == QLatin1String("tls") ? QStringLiteral("tls") : QStringLiteral("plain");
        QList<ListenerChoice> kept;
        for (const ListenerChoice& l : std::as_const(w->listeners())) {
            if (l.protocol == c.protocol && rowName(l) == c.protocol + QLatin1Char('-') + kind)
                kept << l;
        }
        if (kept.isEmpty()) {
            for (const ListenerChoice& l : w->snapshot().configuredListeners(c.protocol)) {
                const QString lk = l.security == QLatin1String("tls") ? QStringLiteral("tls") : QStringLiteral("plain");
                if (lk == kind && w->snapshot().protocolEnabled(c.protocol))
                    kept << l;
            }
        }
        if (kept.isEmpty()) {
            ListenerChoice l;
            l.protocol = c.protocol;
            l.port = TegamiWizard::proposedPort(c.protocol, c.security);
            kept << l;
        }
        for (ListenerChoice& l : kept)
            l.security = c.security;
        next << kept;
    }
    if (m_everyBinding && next.isEmpty())
        next = w->listeners();
    w->listeners() = next;
    m_listeners = next;
    rebuild();
}

void PortsPage::cleanupPage()
{
    tegamiWizard()->listeners() = edited();
}

void PortsPage::rebuild()
{
    for (const Row& r : std::as_const(m_rows))
        qDeleteAll(r.widgets);
    m_rows.clear();
    while (QLayoutItem* item = m_grid->takeAt(0))
        delete item;
    m_grid->addWidget(new QLabel(tr("<b>Listener</b>"), this), 0, 0);
    m_grid->addWidget(new QLabel(tr("<b>Address</b>"), this), 0, 1);
    m_grid->addWidget(new QLabel(tr("<b>Port</b>"), this), 0, 2);
    int gridRow = 1;
    for (const ListenerChoice& l : std::as_const(m_listeners)) {
        Row r;
        const QString name = rowName(l);
        auto* label
            = new QLabel(tr("%1, %2").arg(wizard::protocolLabel(l.protocol), wizard::securityLabel(l.security)), this);
        r.address = new QLineEdit(l.address, this);
        r.address->setObjectName(name + QStringLiteral("Address"));
        r.port = new QSpinBox(this);
        r.port->setObjectName(name + QStringLiteral("Port"));
        r.port->setRange(1, 65535);
        r.port->setValue(l.port);
        r.error = createFieldError(this, name + QStringLiteral("Error"));
        r.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
        r.widgets = { label, r.address, r.port, r.error };
        m_grid->addWidget(label, gridRow, 0);
        m_grid->addWidget(r.address, gridRow, 1);
        m_grid->addWidget(r.port, gridRow, 2);
        m_grid->addWidget(r.error, gridRow + 1, 0, 1, 4);
        connect(r.port, &QSpinBox::valueChanged, this, &PortsPage::updateFirewall);
        m_rows << r;
        gridRow += 2;
    }
    if (m_listeners.isEmpty()) {
        auto* none = new QLabel(tr("No protocol is enabled, so nothing listens."), this);
        m_grid->addWidget(none, gridRow, 0, 1, 4);
        Row r;
        r.widgets = { none };
        m_rows << r;
    }
    showFieldError(m_summary, {});
    updateFirewall();
}

QList<ListenerChoice> PortsPage::edited() const
{
    QList<ListenerChoice> out;
    for (qsizetype i = 0; i < m_listeners.size() && i < m_rows.size(); ++i) {
        ListenerChoice l = m_listeners[i];
        l.address = m_rows[i].address->text().trimmed();
        l.port = m_rows[i].port->value();
        out << l;
    }
    return out;
}

void PortsPage::updateFirewall()
{
    m_firewall->setText(BindingProbe::firewallReminder(edited()));
}

bool PortsPage::validatePage()
{
    TegamiWizard* w = tegamiWizard();
    const QList<ListenerChoice> wanted = edited();
    w->listeners() = wanted;
    if (w->isDryRun())
        return true;
    // Listeners of protocols this wizard leaves alone keep their ports.
    QList<ListenerChoice> fixed;
    const QStringList changed = w->protocolsChanged();
    for (const QString& p : wizard::protocols()) {
        if (!changed.contains(p) && w->snapshot().protocolEnabled(p))
            fixed << w->snapshot().configuredListeners(p);
    }
    const qint64 pid = w->snapshot().status.value(QStringLiteral("pid")).toInteger();
    const QList<BindingProbe::Result> results
        = BindingProbe::probe(w->client(), wanted, fixed, w->snapshot().listeners, pid);
    int problems = 0;
    for (qsizetype i = 0; i < results.size() && i < m_rows.size(); ++i) {
        QStringList lines;
        for (const BindingProbe::Problem& p : results[i].problems) {
            lines << QStringLiteral("%1<br><i>%2</i>").arg(p.message.toHtmlEscaped(), p.fix.toHtmlEscaped());
            ++problems;
        }
        showFieldError(m_rows[i].error, lines.join(QStringLiteral("<br>")));
    }
    showFieldError(m_summary,
        problems ? tr(
            "%n problem(s) above: these listeners could not start. Change the ports or addresses.", nullptr, problems)
                 : QString());
    return problems == 0;
}

} // namespace tegami
