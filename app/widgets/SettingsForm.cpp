#include "widgets/SettingsForm.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/ServiceClient.h"
#include "pages/Page.h"
#include "widgets/FieldEditor.h"

namespace tegami {

namespace {

QString failedListenersText(const QJsonValue& failed)
{
    QStringList out;
    for (const QJsonValue& v : failed.toArray()) {
        const QJsonObject o = v.toObject();
        out << (v.isString()
                ? v.toString()
                : SettingsForm::tr("%1 is not listening: %2")
                      .arg(o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("error")).toString()));
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace

SettingsForm::SettingsForm(ServiceClient& client, QList<Section> sections, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_sections(std::move(sections))
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addStretch(1);
    m_buttonBar = new QWidget(this);
    m_buttonBar->setObjectName(QStringLiteral("settingsButtons"));
    auto* buttons = new QHBoxLayout(m_buttonBar);
    buttons->setContentsMargins(0, 4, 0, 0);
    m_result = new QLabel(m_buttonBar);
    m_result->setObjectName(QStringLiteral("settingsResult"));
    m_result->setWordWrap(true);
    m_apply = new QPushButton(tr("Apply"), m_buttonBar);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_revert = new QPushButton(tr("Revert"), m_buttonBar);
    m_revert->setObjectName(QStringLiteral("revertButton"));
    buttons->addWidget(m_result, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    connect(m_apply, &QPushButton::clicked, this, &SettingsForm::apply);
    connect(m_revert, &QPushButton::clicked, this, &SettingsForm::revert);
    updateButtons();
}

bool SettingsForm::belongs(const Section& section, const QString& key) const
{
    if (section.exclude.contains(key))
        return false;
    for (const QString& prefix : section.prefixes) {
        if (key.startsWith(prefix))
            return true;
    }
    return false;
}

void SettingsForm::build(const QJsonArray& fields)
{
    // A grid rather than a QFormLayout: wrapped descriptions get their full height, and
    // every section's labels share one width.
    constexpr int labelWidth = 250;
    int position = 0;
    for (const Section& section : m_sections) {
        QWidget* box = section.title.isEmpty() ? new QWidget(this) : new QGroupBox(section.title, this);
        auto* grid = new QGridLayout(box);
        grid->setColumnMinimumWidth(0, labelWidth);
        grid->setColumnStretch(1, 1);
        grid->setHorizontalSpacing(12);
        grid->setVerticalSpacing(2);
        if (section.title.isEmpty())
            grid->setContentsMargins(0, 0, 0, 0);
        int row = 0;
        for (const QJsonValue& v : fields) {
            const QJsonObject field = v.toObject();
            const QString key = field.value(QStringLiteral("key")).toString();
            if (!belongs(section, key) || m_editors.contains(key))
                continue;
            auto* editor = new FieldEditor(field, box);
            if (editor->type().endsWith(QLatin1String("list")) || editor->type() == QLatin1String("string"))
                editor->widget()->setMinimumWidth(380);
            auto* label = new QLabel(FieldEditor::label(key), box);
            label->setToolTip(key);
            label->setBuddy(editor->widget());
            // The schema's description, in the console's language when translations/ has it
            // (SettingsSchemaStrings.cpp, generated from the schema); the service's words otherwise.
            QString about = QCoreApplication::translate("SettingsSchema",
                field.value(QStringLiteral("description")).toString().toUtf8().constData(), key.toUtf8().constData());
            if (field.value(QStringLiteral("restartRequired")).toBool())
                about += QLatin1Char(' ') + tr("Takes effect after the service restarts.");
            auto* description = new QLabel(about, box);
            description->setWordWrap(true);
            description->setStyleSheet(QStringLiteral("color: #5a5a5a;"));
            description->setTextInteractionFlags(Qt::TextSelectableByMouse);
            auto* error = new QLabel(box);
            error->setObjectName(key + QStringLiteral("/error"));
            error->setWordWrap(true);
            error->setStyleSheet(QStringLiteral("color: #b02020; font-weight: bold;"));
            error->hide();
            if (row > 0)
                grid->setRowMinimumHeight(row++, 8);
            grid->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
            grid->addWidget(editor->widget(), row++, 1, Qt::AlignLeft);
            grid->addWidget(description, row++, 1);
            grid->addWidget(error, row++, 1);
            m_editors.insert(key, editor);
            m_errors.insert(key, error);
            connect(editor, &FieldEditor::edited, this, &SettingsForm::updateButtons);
        }
        if (row == 0) {
            delete box;
            continue;
        }
        m_layout->insertWidget(position++, box);
    }
}

void SettingsForm::setFields(const QJsonArray& fields)
{
    if (!m_built) {
        build(fields);
        m_built = true;
    }
    m_fields = fields;
    for (const QJsonValue& v : fields) {
        const QJsonObject field = v.toObject();
        if (FieldEditor* e = m_editors.value(field.value(QStringLiteral("key")).toString()))
            e->setValue(field.value(QStringLiteral("value")));
    }
    for (QLabel* error : std::as_const(m_errors))
        error->hide();
    updateButtons();
}

bool SettingsForm::hasChanges() const
{
    for (FieldEditor* e : m_editors) {
        if (e->isModified())
            return true;
    }
    return false;
}

QString SettingsForm::errorText(const QString& key) const
{
    const QLabel* l = m_errors.value(key);
    return l && !l->isHidden() ? l->text() : QString();
}

void SettingsForm::revert()
{
    setFields(m_fields);
    m_result->clear();
}

void SettingsForm::apply()
{
    QStringList keys;
    for (FieldEditor* e : std::as_const(m_editors)) {
        if (e->isModified())
            keys << e->key();
    }
    if (keys.isEmpty() || m_applying)
        return;
    m_applying = true;
    m_result->setText(tr("Saving..."));
    updateButtons();
    applyNext(keys, 0, 0, {});
}

void SettingsForm::applyNext(QStringList keys, int saved, int failed, QStringList notes)
{
    if (keys.isEmpty()) {
        m_applying = false;
        updateButtons();
        QString text = failed == 0
            ? tr("%n setting(s) saved and applied.", nullptr, saved)
            : tr("%n setting(s) saved; %1 refused (see the messages at the fields).", nullptr, saved).arg(failed);
        if (!notes.isEmpty())
            text += QLatin1Char('\n') + notes.join(QLatin1Char('\n'));
        m_result->setText(text);
        Q_EMIT statusMessage(text.section(QLatin1Char('\n'), 0, 0));
        Q_EMIT applied(saved, failed);
        return;
    }
    const QString key = keys.takeFirst();
    FieldEditor* editor = m_editors.value(key);
    const QJsonObject params { { QStringLiteral("key"), key }, { QStringLiteral("value"), editor->value() } };
    m_client.call(
        QStringLiteral("config.set"), params, this, [this, key, keys, saved, failed, notes](const RpcReply& r) mutable {
            FieldEditor* e = m_editors.value(key);
            if (r.ok) {
                ++saved;
                m_errors.value(key)->hide();
                if (e->isSecret())
                    e->setValue(QStringLiteral("********"));
                else
                    e->markSaved();
                const QJsonObject result = r.result.toObject();
                if (result.value(QStringLiteral("restartRequired")).toBool())
                    notes << tr("%1 takes effect after the service restarts.").arg(FieldEditor::label(key));
                const QString listeners = failedListenersText(result.value(QStringLiteral("failedListeners")));
                if (!listeners.isEmpty())
                    notes << listeners;
            } else {
                ++failed;
                showError(key, Page::describe(r));
            }
            applyNext(keys, saved, failed, notes);
        });
}

void SettingsForm::showError(const QString& key, const QString& message)
{
    QLabel* error = m_errors.value(key);
    error->setText(message);
    error->show();
}

void SettingsForm::updateButtons()
{
    const bool changes = hasChanges();
    m_apply->setEnabled(changes && !m_applying);
    m_revert->setEnabled(changes && !m_applying);
}

} // namespace tegami
