#include "wizards/common/ClientSettingsPage.h"

#include "wizards/common/TegamiWizard.h"
#include "wizards/common/WizardCall.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QVBoxLayout>

#if __has_include("pages/diagnostics/ClientSettingsCard.h")
#include "pages/diagnostics/ClientSettingsCard.h"
#define TEGAMI_HAVE_CLIENT_SETTINGS_CARD 1
#endif

namespace tegami {

namespace {

QString securityText(const QString& security)
{
    if (security == QLatin1String("tls") || security == QLatin1String("implicit") || security == QLatin1String("ssl"))
        return ClientSettingsPage::tr("SSL/TLS");
    if (security == QLatin1String("starttls"))
        return ClientSettingsPage::tr("STARTTLS");
    return ClientSettingsPage::tr("None");
}

// Lines for one protocol of diag.clientSettings ("imap": [{port, security}]).
QString entriesOf(const QJsonObject& side, const QString& key)
{
    QStringList out;
    for (const QJsonValue& v : side.value(key).toArray()) {
        const QJsonObject e = v.toObject();
        out << ClientSettingsPage::tr("port %1, %2")
                   .arg(e.value(QStringLiteral("port")).toInt())
                   .arg(securityText(e.value(QStringLiteral("security")).toString()));
    }
    return out.join(QStringLiteral("; "));
}

} // namespace

ClientSettingsPage::ClientSettingsPage(QWidget* parent)
    : DonePage(parent)
{
    setSubTitle(tr("Give your users these settings for their mail programs."));
#ifdef TEGAMI_HAVE_CLIENT_SETTINGS_CARD
    const auto* w = static_cast<TegamiWizard*>(parent);
    if (w) {
        auto* card = new ClientSettingsCard(w->client(), this);
        m_card = card;
    }
#endif
    m_fallback = new QLabel(this);
    m_fallback->setObjectName(QStringLiteral("clientSettings"));
    m_fallback->setWordWrap(true);
    m_fallback->setTextFormat(Qt::RichText);
    m_fallback->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* box = static_cast<QVBoxLayout*>(layout());
    if (m_card) {
        m_card->setObjectName(QStringLiteral("clientSettingsCard"));
        box->addWidget(m_card, 1);
    }
    box->addWidget(m_fallback, m_card ? 0 : 1);
}

void ClientSettingsPage::initializePage()
{
    DonePage::initializePage();
    auto* w = static_cast<TegamiWizard*>(wizard());
#ifdef TEGAMI_HAVE_CLIENT_SETTINGS_CARD
    if (auto* card = qobject_cast<ClientSettingsCard*>(m_card)) {
        card->refresh();
        m_fallback->hide();
        return;
    }
#endif
    const RpcReply settings = callAndWait(w->client(), QStringLiteral("diag.clientSettings"));
    QString html;
    if (settings.ok) {
        const QJsonObject o = settings.result.toObject();
        for (const QString& side : { QStringLiteral("internal"), QStringLiteral("external") }) {
            const QJsonObject s = o.value(side).toObject();
            if (s.isEmpty())
                continue;
            html += QStringLiteral("<p><b>%1</b> — %2<br>")
                        .arg(side == QLatin1String("internal") ? tr("In the office") : tr("From outside"),
                            tr("server %1").arg(s.value(QStringLiteral("host")).toString().toHtmlEscaped()));
            for (const auto& [key, label] :
                { std::pair { QStringLiteral("imap"), tr("IMAP4") }, std::pair { QStringLiteral("pop3"), tr("POP3") },
                    std::pair { QStringLiteral("smtp"), tr("Outgoing (SMTP)") } }) {
                const QString entries = entriesOf(s, key);
                if (!entries.isEmpty())
                    html += QStringLiteral("%1: %2<br>").arg(label, entries.toHtmlEscaped());
            }
            html += QStringLiteral("</p>");
        }
        html += QStringLiteral("<p>%1<br>%2</p>")
                    .arg(tr("User name: %1").arg(o.value(QStringLiteral("username")).toString().toHtmlEscaped()),
                        tr("Authentication: %1")
                            .arg(o.value(QStringLiteral("authentication")).toString().toHtmlEscaped()));
        for (const QJsonValue& v : o.value(QStringLiteral("warnings")).toArray())
            html += QStringLiteral("<p style='color:#b02020'>%1</p>").arg(v.toString().toHtmlEscaped());
    } else {
        // An older service: the running listeners say as much.
        const RpcReply listeners = callAndWait(w->client(), QStringLiteral("listener.list"));
        const QString host = w->plannedFqdn();
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Server: %1").arg(host.toHtmlEscaped()));
        for (const QJsonValue& v : listeners.result.toArray()) {
            const QJsonObject l = v.toObject();
            const QString protocol = l.value(QStringLiteral("protocol")).toString();
            if (protocol == QLatin1String("smtp"))
                continue;
            const QString tls = l.value(QStringLiteral("tls")).toString();
            const QString state = l.value(QStringLiteral("state")).toString();
            html += QStringLiteral("%1: %2<br>")
                        .arg(protocol == QLatin1String("submission") ? tr("Outgoing (SMTP)")
                                                                     : wizard::protocolLabel(protocol),
                            tr("port %1, %2%3")
                                .arg(l.value(QStringLiteral("port")).toInt())
                                .arg(securityText(tls == QLatin1String("implicit") ? QStringLiteral("tls") : tls),
                                    state == QLatin1String("listening") ? QString()
                                                                        : tr(" (not running: %1)").arg(state)));
        }
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("User name: the full e-mail address. Authentication: normal password."));
    }
    m_fallback->setText(html);
}

QString ClientSettingsPage::settingsText() const
{
    return m_fallback->text();
}

} // namespace tegami
