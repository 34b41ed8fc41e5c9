#include "pages/SettingsPage.h"

#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "translations/ConsoleLanguage.h"
#include "widgets/SettingsForm.h"

namespace tegami {

SettingsPage::SettingsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->addWidget(new QLabel(tr("<h2>Settings</h2>"), this));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    auto* serviceBox = new QGroupBox(tr("Service"), content);
    auto* serviceLayout = new QVBoxLayout(serviceBox);
    m_service = new QLabel(serviceBox);
    m_service->setObjectName(QStringLiteral("serviceInfo"));
    m_service->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_service->setWordWrap(true);
    serviceLayout->addWidget(m_service);
    layout->addWidget(serviceBox);
    layout->addWidget(createConsoleBox(content));
    m_form = new SettingsForm(client,
        {
            { tr("Server"), { QStringLiteral("server.") }, {} },
            { tr("TLS"), { QStringLiteral("tls.") }, {} },
            { tr("Outbound delivery"), { QStringLiteral("outbound.") }, {} },
            { tr("Login security"), { QStringLiteral("security.") }, {} },
            { tr("Protocol log files"), { QStringLiteral("log.") }, {} },
        },
        content);
    m_form->setObjectName(QStringLiteral("settingsForm"));
    layout->addWidget(m_form);
    layout->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);
    outer->addWidget(m_form->buttonBar());
    connect(m_form, &SettingsForm::statusMessage, this, &Page::statusMessage);
    connect(m_form, &SettingsForm::applied, this, &SettingsPage::refresh);
}

QWidget* SettingsPage::createConsoleBox(QWidget* parent)
{
    // A setting of this console on this computer (QSettings), not of the service: it is saved
    // at once and has no Apply.
    auto* box = new QGroupBox(tr("Console"), parent);
    auto* row = new QHBoxLayout(box);
    m_language = new QComboBox(box);
    m_language->setObjectName(QStringLiteral("consoleLanguage"));
    m_language->addItem(tr("System"), QString::fromLatin1(language::systemChoice));
    m_language->addItem(tr("English"), QStringLiteral("en"));
    // Each language is named in itself, so an admin who cannot read the current one finds theirs.
    m_language->addItem(QStringLiteral("日本語"), QStringLiteral("ja"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(language::savedChoice())));
    auto* label = new QLabel(tr("Console language:"), box);
    label->setBuddy(m_language);
    auto* note = new QLabel(tr("Takes effect when the console is started again."), box);
    note->setObjectName(QStringLiteral("consoleLanguageNote"));
    note->setStyleSheet(QStringLiteral("color: #5a5a5a;"));
    row->addWidget(label);
    row->addWidget(m_language);
    row->addWidget(note, 1);
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        const QString choice = m_language->currentData().toString();
        language::saveChoice(choice);
        Q_EMIT statusMessage(tr("Console language saved: %1. It takes effect when the console is started again.")
                                 .arg(m_language->currentText()));
    });
    return box;
}

void SettingsPage::refresh()
{
    client().call(QStringLiteral("status"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            m_service->setText(describe(r));
            return;
        }
        const QJsonObject s = r.result.toObject();
        m_service->setText(tr("Tegami %1, process %2, running for %3.\nData directory: %4\nHost name: %5\n"
                              "Protocol log folder: %6")
                               .arg(s.value(QStringLiteral("version")).toString())
                               .arg(s.value(QStringLiteral("pid")).toInteger())
                               .arg(format::duration(s.value(QStringLiteral("uptimeSecs")).toInteger()),
                                   QDir::toNativeSeparators(s.value(QStringLiteral("dataDir")).toString()),
                                   s.value(QStringLiteral("fqdn")).toString(),
                                   QDir::toNativeSeparators(s.value(QStringLiteral("protocolLog"))
                                                                .toObject()
                                                                .value(QStringLiteral("directory"))
                                                                .toString())));
    });
    client().call(QStringLiteral("config.get"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT statusMessage(describe(r));
            return;
        }
        if (!m_form->hasChanges())
            m_form->setFields(r.result.toArray());
    });
}

} // namespace tegami
