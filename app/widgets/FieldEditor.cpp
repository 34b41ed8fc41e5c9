#include "widgets/FieldEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHash>
#include <QJsonArray>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace tegami {

namespace {

QString choiceLabel(const QString& choice)
{
    static const QHash<QString, const char*> labels {
        { QStringLiteral("secureLogin"),
            QT_TRANSLATE_NOOP("tegami::FieldEditor", "Secure login (TLS before any password)") },
        { QStringLiteral("plainTextAuthentication"),
            QT_TRANSLATE_NOOP("tegami::FieldEditor", "Plain-text authentication (SASL without TLS)") },
        { QStringLiteral("plainTextLogin"),
            QT_TRANSLATE_NOOP("tegami::FieldEditor", "Plain-text login (passwords without TLS)") },
        { QStringLiteral("reject"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Reject the message") },
        { QStringLiteral("normalize"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Accept and convert to CRLF") },
        { QStringLiteral("starttls"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "STARTTLS (required)") },
        { QStringLiteral("implicit"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Implicit TLS") },
        { QStringLiteral("none"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "None (clear text)") },
        { QStringLiteral("1.2"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "TLS 1.2") },
        { QStringLiteral("1.3"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "TLS 1.3") },
        { QStringLiteral("all"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "All mail in the inbox") },
        { QStringLiteral("new"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Only mail that arrives from now on") },
        { QStringLiteral("keep"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Keep it on the server") },
        { QStringLiteral("read"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Mark it as read") },
        { QStringLiteral("archive"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Move it to Archive") },
        { QStringLiteral("trash"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Move it to Trash") },
        { QStringLiteral("delete"), QT_TRANSLATE_NOOP("tegami::FieldEditor", "Delete it") },
    };
    const char* label = labels.value(choice);
    return label ? FieldEditor::tr(label) : choice;
}

bool isList(const QString& type)
{
    return type.endsWith(QLatin1String("list"));
}

QString suffixFor(const QString& key)
{
    if (key.endsWith(QLatin1String("Secs")))
        return FieldEditor::tr(" s");
    if (key.endsWith(QLatin1String("Minutes")))
        return FieldEditor::tr(" min");
    if (key.endsWith(QLatin1String("Hours")))
        return FieldEditor::tr(" h");
    if (key.endsWith(QLatin1String("Days")))
        return FieldEditor::tr(" days");
    if (key.endsWith(QLatin1String("MB")))
        return FieldEditor::tr(" MB");
    if (key.endsWith(QLatin1String("Size")) || key.endsWith(QLatin1String("Length")))
        return FieldEditor::tr(" bytes");
    return QString();
}

} // namespace

FieldEditor::FieldEditor(const QJsonObject& field, QWidget* parent)
    : QObject(parent)
    , m_key(field.value(QStringLiteral("key")).toString())
    , m_type(field.value(QStringLiteral("type")).toString())
{
    // config.get masks a secret's value; a password field never shows or resends it.
    m_secret = field.value(QStringLiteral("secret")).toBool() || m_key.endsWith(QLatin1String("Password"));
    if (m_type == QLatin1String("bool")) {
        auto* box = new QCheckBox(parent);
        connect(box, &QCheckBox::toggled, this, &FieldEditor::edited);
        m_widget = box;
    } else if (m_type == QLatin1String("int")) {
        auto* spin = new QSpinBox(parent);
        // QSpinBox holds an int; the few larger maxima (sizes up to 2 GiB) lose a byte at most.
        constexpr qint64 intMax = std::numeric_limits<int>::max();
        spin->setRange(
            static_cast<int>(qBound<qint64>(-intMax, field.value(QStringLiteral("minimum")).toInteger(), intMax)),
            static_cast<int>(qBound<qint64>(-intMax, field.value(QStringLiteral("maximum")).toInteger(), intMax)));
        spin->setGroupSeparatorShown(true);
        spin->setSuffix(suffixFor(m_key));
        spin->setMinimumWidth(160);
        connect(spin, &QSpinBox::valueChanged, this, &FieldEditor::edited);
        m_widget = spin;
    } else if (m_type == QLatin1String("enum")) {
        auto* combo = new QComboBox(parent);
        for (const QJsonValue& c : field.value(QStringLiteral("choices")).toArray())
            combo->addItem(choiceLabel(c.toString()), c.toString());
        connect(combo, &QComboBox::currentIndexChanged, this, &FieldEditor::edited);
        m_widget = combo;
    } else {
        auto* line = new QLineEdit(parent);
        if (m_secret) {
            line->setEchoMode(QLineEdit::Password);
            line->setPlaceholderText(tr("(unchanged)"));
        } else if (isList(m_type)) {
            line->setPlaceholderText(tr("none; separate several with commas"));
        } else if (m_key.endsWith(QLatin1String("fqdn")) || m_key.endsWith(QLatin1String("ertificate"))) {
            line->setPlaceholderText(tr("(automatic)"));
        }
        connect(line, &QLineEdit::textChanged, this, &FieldEditor::edited);
        m_widget = line;
    }
    m_widget->setObjectName(m_key);
    setValue(field.value(QStringLiteral("value")));
}

QJsonValue FieldEditor::value() const
{
    if (auto* box = qobject_cast<QCheckBox*>(m_widget))
        return box->isChecked();
    if (auto* spin = qobject_cast<QSpinBox*>(m_widget))
        return spin->value();
    if (auto* combo = qobject_cast<QComboBox*>(m_widget))
        return combo->currentData().toString();
    const QString text = static_cast<QLineEdit*>(m_widget)->text();
    if (isList(m_type)) {
        QJsonArray items;
        for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
            items.append(part);
        return items;
    }
    return text;
}

void FieldEditor::setValue(const QJsonValue& value)
{
    const QSignalBlocker block(m_widget);
    if (auto* box = qobject_cast<QCheckBox*>(m_widget)) {
        box->setChecked(value.toBool());
    } else if (auto* spin = qobject_cast<QSpinBox*>(m_widget)) {
        spin->setValue(static_cast<int>(qMin<qint64>(value.toInteger(), spin->maximum())));
    } else if (auto* combo = qobject_cast<QComboBox*>(m_widget)) {
        combo->setCurrentIndex(qMax(0, combo->findData(value.toString())));
    } else if (m_secret) {
        auto* line = static_cast<QLineEdit*>(m_widget);
        line->clear();
        line->setPlaceholderText(value.toString().isEmpty() ? tr("(not set)") : tr("(set; type to change)"));
    } else if (isList(m_type)) {
        QStringList items;
        for (const QJsonValue& v : value.toArray())
            items << v.toString();
        static_cast<QLineEdit*>(m_widget)->setText(items.join(QStringLiteral(", ")));
    } else {
        static_cast<QLineEdit*>(m_widget)->setText(value.toString());
    }
    m_saved = this->value();
}

bool FieldEditor::isModified() const
{
    if (m_secret)
        return !static_cast<QLineEdit*>(m_widget)->text().isEmpty();
    return value() != m_saved;
}

QString FieldEditor::label(const QString& key)
{
    static const QHash<QString, const char*> labels {
        { QStringLiteral("enabled"), QT_TR_NOOP("Enabled") },
        { QStringLiteral("bindings"), QT_TR_NOOP("Bindings (plain, STARTTLS)") },
        { QStringLiteral("tlsBindings"), QT_TR_NOOP("Bindings (implicit TLS)") },
        { QStringLiteral("maxConnections"), QT_TR_NOOP("Connection limit") },
        { QStringLiteral("maxConnectionsPerAddress"), QT_TR_NOOP("Connection limit per client address") },
        { QStringLiteral("maxConnectionsPerUser"), QT_TR_NOOP("Connection limit per user") },
        { QStringLiteral("timeoutSecs"), QT_TR_NOOP("Timeout before login") },
        { QStringLiteral("authenticatedTimeoutSecs"), QT_TR_NOOP("Timeout after login") },
        { QStringLiteral("protocolLog"), QT_TR_NOOP("Protocol logging") },
        { QStringLiteral("fqdn"), QT_TR_NOOP("Host name (FQDN)") },
        { QStringLiteral("certificate"), QT_TR_NOOP("Certificate") },
        { QStringLiteral("loginType"), QT_TR_NOOP("Login type") },
        { QStringLiteral("maxCommandSize"), QT_TR_NOOP("Maximum command size") },
        { QStringLiteral("maxMessageSize"), QT_TR_NOOP("Maximum message size") },
        { QStringLiteral("maxRecipients"), QT_TR_NOOP("Maximum recipients") },
        { QStringLiteral("maxProtocolErrors"), QT_TR_NOOP("Protocol errors before disconnect") },
        { QStringLiteral("tarpitSecs"), QT_TR_NOOP("Tarpit delay") },
        { QStringLiteral("banner"), QT_TR_NOOP("Greeting banner") },
        { QStringLiteral("maxCommandLength"), QT_TR_NOOP("Maximum command length") },
        { QStringLiteral("maxLineLength"), QT_TR_NOOP("Maximum line length") },
        { QStringLiteral("bareLineEndings"), QT_TR_NOOP("Bare line endings") },
        { QStringLiteral("trustedNetworks"), QT_TR_NOOP("Trusted networks (relay)") },
        { QStringLiteral("requireTlsForAuth"), QT_TR_NOOP("Require TLS for AUTH") },
        { QStringLiteral("popBeforeSmtp"), QT_TR_NOOP("POP-before-SMTP") },
        { QStringLiteral("popBeforeSmtpMinutes"), QT_TR_NOOP("POP-before-SMTP window") },
        { QStringLiteral("senderMustMatch"), QT_TR_NOOP("Sender must match the login") },
        { QStringLiteral("minimumVersion"), QT_TR_NOOP("Minimum TLS version") },
        { QStringLiteral("defaultCertificate"), QT_TR_NOOP("Default certificate") },
        { QStringLiteral("smarthost"), QT_TR_NOOP("Smart host") },
        { QStringLiteral("smarthostTls"), QT_TR_NOOP("Smart host encryption") },
        { QStringLiteral("smarthostUser"), QT_TR_NOOP("Smart host user") },
        { QStringLiteral("smarthostPassword"), QT_TR_NOOP("Smart host password") },
        { QStringLiteral("smarthostVerifyCertificate"), QT_TR_NOOP("Verify the smart host's certificate") },
        { QStringLiteral("routes"), QT_TR_NOOP("Routes") },
        { QStringLiteral("requireTls"), QT_TR_NOOP("Require TLS to other servers") },
        { QStringLiteral("connectTimeoutSecs"), QT_TR_NOOP("Connection timeout") },
        { QStringLiteral("retrySecs"), QT_TR_NOOP("First retry after") },
        { QStringLiteral("maxRetrySecs"), QT_TR_NOOP("Longest retry interval") },
        { QStringLiteral("delayNoticeHours"), QT_TR_NOOP("Delay notice after") },
        { QStringLiteral("maxQueueHours"), QT_TR_NOOP("Give up after") },
        { QStringLiteral("maxConcurrentDeliveries"), QT_TR_NOOP("Simultaneous deliveries") },
        { QStringLiteral("maxFileSizeMB"), QT_TR_NOOP("File size limit") },
        { QStringLiteral("maxDirectorySizeMB"), QT_TR_NOOP("Folder size limit") },
        { QStringLiteral("maxAgeDays"), QT_TR_NOOP("Keep files for") },
        { QStringLiteral("maxFailuresPerAddress"), QT_TR_NOOP("Failed logins per address before a ban") },
        { QStringLiteral("maxFailuresPerAccount"), QT_TR_NOOP("Failed logins per account before a lock") },
        { QStringLiteral("failureWindowSecs"), QT_TR_NOOP("Counting window") },
        { QStringLiteral("banSecs"), QT_TR_NOOP("Ban duration") },
        { QStringLiteral("externalHostName"), QT_TR_NOOP("External host name") },
        { QStringLiteral("defaultScope"), QT_TR_NOOP("Mail shown to POP3 (new mailboxes)") },
        { QStringLiteral("defaultAfterRetrieval"), QT_TR_NOOP("After a POP3 download (new mailboxes)") },
        { QStringLiteral("defaultAutoExpunge"), QT_TR_NOOP("Remove deleted mail at once (new mailboxes)") },
        { QStringLiteral("defaultDeleteAction"), QT_TR_NOOP("Deleting a message (new mailboxes)") },
    };
    const QString name = key.section(QLatin1Char('.'), -1);
    if (const char* known = labels.value(name))
        return tr(known);
    // A setting added to the schema after this console was built: "maxFooBar" -> "Max foo bar".
    QString words;
    for (const QChar c : name) {
        if (c.isUpper() && !words.isEmpty())
            words += QLatin1Char(' ');
        words += words.isEmpty() ? c.toUpper() : c.toLower();
    }
    return words;
}

} // namespace tegami
