#include "pages/ProtocolPanel.h"

#include <QCheckBox>
#include <QJsonObject>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "models/ListenerModel.h"
#include "pages/Page.h"
#include "widgets/SettingsForm.h"

namespace tegami {

namespace {

QString aboutProtocol(const QString& protocol)
{
    if (protocol == QLatin1String("smtp"))
        return ProtocolPanel::tr("Receives mail from other mail servers for your domains (port 25, the MX).");
    if (protocol == QLatin1String("submission"))
        return ProtocolPanel::tr("Lets your users' mail programs send mail after logging in (ports 587 and 465).");
    if (protocol == QLatin1String("pop3"))
        return ProtocolPanel::tr("Lets mail programs download mail (ports 110 and 995).");
    return ProtocolPanel::tr("Lets mail programs read and organise mail on the server (ports 143 and 993).");
}

} // namespace

ProtocolPanel::ProtocolPanel(ServiceClient& client, const QString& protocol, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_protocol(protocol)
{
    setObjectName(protocol + QStringLiteral("Panel"));
    auto* layout = new QVBoxLayout(this);
    auto* about = new QLabel(aboutProtocol(protocol), this);
    about->setWordWrap(true);
    layout->addWidget(about);
    m_enable = new QCheckBox(tr("Enable %1").arg(format::protocolLabel(protocol)), this);
    m_enable->setObjectName(QStringLiteral("enableProtocol"));
    QFont bold = m_enable->font();
    bold.setBold(true);
    m_enable->setFont(bold);
    layout->addWidget(m_enable);
    m_listeners = new QLabel(this);
    m_listeners->setObjectName(QStringLiteral("listenerSummary"));
    m_listeners->setWordWrap(true);
    m_listeners->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_listeners);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("enableError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b02020; font-weight: bold;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_form = new SettingsForm(
        client, { { QString(), { protocol + QLatin1Char('.') }, { protocol + QStringLiteral(".enabled") } } }, scroll);
    m_form->setObjectName(QStringLiteral("settingsForm"));
    scroll->setWidget(m_form);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_form->buttonBar());

    connect(m_enable, &QCheckBox::clicked, this, &ProtocolPanel::setEnabledOnService);
    connect(m_form, &SettingsForm::applied, this, &ProtocolPanel::changed);
    connect(m_form, &SettingsForm::statusMessage, this, &ProtocolPanel::statusMessage);
}

void ProtocolPanel::setFields(const QJsonArray& fields)
{
    for (const QJsonValue& v : fields) {
        const QJsonObject f = v.toObject();
        if (f.value(QStringLiteral("key")).toString() == m_protocol + QStringLiteral(".enabled"))
            m_enable->setChecked(f.value(QStringLiteral("value")).toBool());
    }
    // Someone typing in the form keeps their edits; Revert fetches the service's values.
    if (!m_form->hasChanges())
        m_form->setFields(fields);
}

void ProtocolPanel::setListeners(const QJsonArray& listeners)
{
    QStringList lines;
    for (const QJsonValue& v : listeners) {
        const QJsonObject l = v.toObject();
        if (l.value(QStringLiteral("protocol")).toString() != m_protocol)
            continue;
        lines << tr("%1:%2 (%3): %4")
                     .arg(l.value(QStringLiteral("address")).toString())
                     .arg(l.value(QStringLiteral("port")).toInt())
                     .arg(format::tlsModeLabel(l.value(QStringLiteral("tls")).toString()), ListenerModel::stateText(l));
    }
    if (lines.isEmpty())
        m_listeners->setText(
            m_enable->isChecked() ? tr("No listener is running.") : tr("Not enabled: nothing listens."));
    else
        m_listeners->setText(lines.join(QLatin1Char('\n')));
}

void ProtocolPanel::setEnabledOnService(bool enabled)
{
    m_enable->setEnabled(false);
    m_error->hide();
    const QString method = enabled ? QStringLiteral("protocol.enable") : QStringLiteral("protocol.disable");
    m_client.call(method, { { QStringLiteral("protocol"), m_protocol } }, this, [this, enabled](const RpcReply& r) {
        m_enable->setEnabled(true);
        if (!r.ok) {
            m_enable->setChecked(!enabled);
            m_error->setText(Page::describe(r));
            m_error->show();
            return;
        }
        const QJsonObject result = r.result.toObject();
        setListeners(result.value(QStringLiteral("listeners")).toArray());
        Q_EMIT statusMessage(enabled ? tr("%1 enabled.").arg(format::protocolLabel(m_protocol))
                                     : tr("%1 disabled; open sessions finish.").arg(format::protocolLabel(m_protocol)));
        Q_EMIT changed();
    });
}

} // namespace tegami
