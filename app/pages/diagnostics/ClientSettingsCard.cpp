#include "pages/diagnostics/ClientSettingsCard.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QTextBrowser>
#include <QVBoxLayout>

// Printing needs Qt PrintSupport (Debian's qt6-base-dev); app/CMakeLists.txt links it and defines
// TEGAMI_HAVE_PRINTSUPPORT. A build without it copies or saves the card as HTML only.
#ifdef TEGAMI_HAVE_PRINTSUPPORT
#include <QPrintDialog>
#include <QPrinter>
#include <QTextDocument>
#endif

#include "client/ServiceClient.h"
#include "pages/diagnostics/ClientSettingsDocument.h"

namespace tegami {

namespace {

bool writeFile(const QString& path, const QByteArray& content, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = ClientSettingsCard::tr("Could not write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace

ClientSettingsCard::ClientSettingsCard(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("clientSettingsCard"));
    buildUi();
}

void ClientSettingsCard::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* hosts = new QHBoxLayout;
    m_internalHost = new QLineEdit(this);
    m_internalHost->setObjectName(QStringLiteral("internalHost"));
    m_internalHost->setPlaceholderText(tr("as configured"));
    m_externalHost = new QLineEdit(this);
    m_externalHost->setObjectName(QStringLiteral("externalHost"));
    m_externalHost->setPlaceholderText(tr("as configured"));
    auto* update = new QPushButton(tr("Update"), this);
    update->setObjectName(QStringLiteral("updateCardButton"));
    update->setToolTip(tr("Show the card for these server names (nothing is changed on the server)"));
    connect(update, &QPushButton::clicked, this, &ClientSettingsCard::refresh);
    connect(m_internalHost, &QLineEdit::returnPressed, this, &ClientSettingsCard::refresh);
    connect(m_externalHost, &QLineEdit::returnPressed, this, &ClientSettingsCard::refresh);
    hosts->addWidget(new QLabel(tr("Internal server name:"), this));
    hosts->addWidget(m_internalHost, 1);
    hosts->addWidget(new QLabel(tr("External server name:"), this));
    hosts->addWidget(m_externalHost, 1);
    hosts->addWidget(update);
    layout->addLayout(hosts);

    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("cardNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_notes->hide();
    layout->addWidget(m_notes);

    m_view = new QTextBrowser(this);
    m_view->setObjectName(QStringLiteral("clientSettingsView"));
    m_view->setOpenLinks(false);
    m_view->setPlaceholderText(tr("Asking the service for the client settings..."));
    layout->addWidget(m_view, 1);

    auto* actions = new QHBoxLayout;
    auto* copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyCardButton"));
    copy->setToolTip(tr("Copy the card, to paste into a mail or a document"));
    connect(copy, &QPushButton::clicked, this, &ClientSettingsCard::copyToClipboard);
    auto* save = new QPushButton(tr("Save as HTML..."), this);
    save->setObjectName(QStringLiteral("saveCardButton"));
    connect(save, &QPushButton::clicked, this, &ClientSettingsCard::saveHtmlWithDialog);
    actions->addWidget(copy);
    actions->addWidget(save);
    m_needSettings << copy << save;
#ifdef TEGAMI_HAVE_PRINTSUPPORT
    auto* printButton = new QPushButton(tr("Print..."), this);
    printButton->setObjectName(QStringLiteral("printCardButton"));
    connect(printButton, &QPushButton::clicked, this, &ClientSettingsCard::print);
    actions->addWidget(printButton);
    m_needSettings << printButton;
#endif
    actions->addSpacing(24);
    actions->addWidget(new QLabel(tr("Export for:"), this));
    m_domain = new QComboBox(this);
    m_domain->setObjectName(QStringLiteral("exportDomain"));
    m_domain->setToolTip(tr("The mail domain the exported files describe"));
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("exportScope"));
    m_scope->addItem(tr("External access"), QStringLiteral("external"));
    m_scope->addItem(tr("Internal access"), QStringLiteral("internal"));
    actions->addWidget(m_domain);
    actions->addWidget(m_scope);
    const QList<std::tuple<QString, QString, QString>> formats {
        { QStringLiteral("autoconfig"), tr("Thunderbird autoconfig..."),
            tr("config-v1.1.xml, served at autoconfig.<domain>/mail/config-v1.1.xml") },
        { QStringLiteral("autodiscover"), tr("Outlook Autodiscover..."),
            tr("autodiscover.xml, served at autodiscover.<domain>/autodiscover/autodiscover.xml") },
        { QStringLiteral("dns"), tr("DNS records..."),
            tr("The MX, SPF and SRV (RFC 6186, RFC 8314) records to publish") },
    };
    for (const auto& [format, label, tip] : formats) {
        auto* button = new QPushButton(label, this);
        button->setObjectName(QStringLiteral("export_") + format);
        button->setToolTip(tip);
        connect(button, &QPushButton::clicked, this, [this, f = format] { exportFormat(f); });
        actions->addWidget(button);
        m_needSettings << button;
    }
    actions->addStretch(1);
    layout->addLayout(actions);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cardStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    for (QPushButton* button : std::as_const(m_needSettings))
        button->setEnabled(false);
}

void ClientSettingsCard::refresh()
{
    QJsonObject params;
    if (!m_internalHost->text().trimmed().isEmpty())
        params.insert(QStringLiteral("internalHost"), m_internalHost->text().trimmed());
    if (!m_externalHost->text().trimmed().isEmpty())
        params.insert(QStringLiteral("externalHost"), m_externalHost->text().trimmed());
    m_client.call(QStringLiteral("diag.clientSettings"), params, this, [this](const RpcReply& reply) {
        if (!reply.ok) {
            showMessage(tr("The client settings are not available: %1").arg(reply.describe()), true);
            Q_EMIT failed(reply.describe());
            return;
        }
        showSettings(reply.result.toObject());
    });
}

void ClientSettingsCard::showSettings(const QJsonObject& settings)
{
    m_settings = settings;
    m_view->setHtml(html());
    const QStringList notes = ClientSettingsDocument(settings).adminNotes();
    m_notes->setText(
        tr("Before you hand this out:") + QStringLiteral("\n\u2022 ") + notes.join(QStringLiteral("\n\u2022 ")));
    m_notes->setVisible(!notes.isEmpty());
    const QString current = m_domain->currentText();
    m_domain->clear();
    for (const QJsonValue& d : settings.value(QStringLiteral("domains")).toArray())
        m_domain->addItem(d.isObject() ? d.toObject().value(QStringLiteral("name")).toString() : d.toString());
    if (m_domain->count() == 0)
        m_domain->addItem(tr("(no domain yet)"), QStringLiteral("-"));
    if (const int i = m_domain->findText(current); i >= 0)
        m_domain->setCurrentIndex(i);
    for (QPushButton* button : std::as_const(m_needSettings))
        button->setEnabled(true);
    showMessage(QString(), false);
    Q_EMIT refreshed();
}

QString ClientSettingsCard::html() const
{
    return ClientSettingsDocument(m_settings).html();
}

QString ClientSettingsCard::text() const
{
    return ClientSettingsDocument(m_settings).text();
}

void ClientSettingsCard::copyToClipboard() const
{
    auto* data = new QMimeData;
    data->setHtml(html());
    data->setText(text());
    QApplication::clipboard()->setMimeData(data);
}

bool ClientSettingsCard::saveHtml(const QString& path, QString* error) const
{
    return writeFile(path, html().toUtf8(), error);
}

void ClientSettingsCard::saveHtmlWithDialog()
{
    const QString path = askSavePath(tr("mail-settings.html"), tr("HTML pages (*.html *.htm)"));
    if (path.isEmpty())
        return;
    QString error;
    if (saveHtml(path, &error))
        showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)), false);
    else
        showMessage(error, true);
}

void ClientSettingsCard::print()
{
#ifdef TEGAMI_HAVE_PRINTSUPPORT
    QPrinter printer;
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print the client settings"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    QTextDocument document;
    document.setHtml(html());
    document.print(&printer);
#endif
}

void ClientSettingsCard::exportFormat(const QString& format)
{
    QJsonObject params { { QStringLiteral("format"), format },
        { QStringLiteral("scope"), m_scope->currentData().toString() } };
    if (m_domain->currentData().toString() != QLatin1String("-") && !m_domain->currentText().isEmpty())
        params.insert(QStringLiteral("domain"), m_domain->currentText());
    m_client.call(QStringLiteral("diag.export"), params, this, [this, format](const RpcReply& reply) {
        if (!reply.ok) {
            showMessage(tr("The export failed: %1").arg(reply.describe()), true);
            Q_EMIT failed(reply.describe());
            return;
        }
        const QJsonObject answer = reply.result.toObject();
        const QString mime = answer.value(QStringLiteral("mimeType")).toString();
        QString filter = tr("All files (*)");
        if (mime.contains(QLatin1String("xml")))
            filter = tr("XML files (*.xml);;All files (*)");
        else if (mime.startsWith(QLatin1String("text/")))
            filter = tr("Text files (*.txt *.zone);;All files (*)");
        const QString path = askSavePath(answer.value(QStringLiteral("fileName")).toString(), filter);
        if (path.isEmpty())
            return;
        QString error;
        if (!writeFile(path, answer.value(QStringLiteral("content")).toString().toUtf8(), &error)) {
            showMessage(error, true);
            Q_EMIT failed(error);
            return;
        }
        showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)), false);
        Q_EMIT exported(format, path);
    });
}

QString ClientSettingsCard::askSavePath(const QString& suggested, const QString& filter)
{
    if (m_saveFile)
        return m_saveFile(suggested, filter);
    return QFileDialog::getSaveFileName(this, tr("Save"), QDir::home().filePath(suggested), filter);
}

void ClientSettingsCard::showMessage(const QString& text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #b02020;") : QString());
    m_status->setText(text);
}

} // namespace tegami
