#include "logviewer/LogFilterBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace tegami {

namespace {

QLineEdit* makeField(QWidget* parent, const char* name, const QString& placeholder, const QString& tip, int width)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(tip);
    edit->setClearButtonEnabled(true);
    edit->setMaximumWidth(width);
    return edit;
}

} // namespace

LogFilterBar::LogFilterBar(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("logFilterBar"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &LogFilterBar::emitNow);

    m_proto = new QComboBox(this);
    m_proto->setObjectName(QStringLiteral("protoFilter"));
    m_proto->setToolTip(tr("Show one protocol only"));
    m_proto->addItem(tr("All protocols"), QString());
    for (const char* proto : { "smtp", "submission", "imap", "pop3", "queue", "control", "service" })
        m_proto->addItem(QLatin1String(proto), QLatin1String(proto));

    m_session = makeField(this, "sessionFilter", tr("Session"), tr("One session id, e.g. 3f2a"), 110);
    m_remote = makeField(this, "remoteFilter", tr("Remote address"),
        tr("An address (any port), address:port, or a prefix ending in '.' or ':' such as "
           "198.51.100."),
        190);
    m_user = makeField(this, "userFilter", tr("User"),
        tr("Part of the user name. Before a login succeeds events carry no user, so their data is searched: a "
           "failed login of this user shows too."),
        170);
    m_text = makeField(this, "textFilter", tr("Search the data"),
        tr("Text in the data column, or a regular expression when Regex is on"), 16777215);
    m_regex = new QCheckBox(tr("Regex"), this);
    m_regex->setObjectName(QStringLiteral("regexCheck"));
    m_regex->setToolTip(tr("Treat the search as a regular expression (Perl syntax)"));
    m_case = new QCheckBox(tr("Match case"), this);
    m_case->setObjectName(QStringLiteral("caseCheck"));
    m_textError = new QLabel(this);
    m_textError->setObjectName(QStringLiteral("textFilterError"));
    m_textError->setVisible(false);
    m_textError->setWordWrap(true);
    QPalette errorPalette = m_textError->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    m_textError->setPalette(errorPalette);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_proto);
    row->addWidget(m_session);
    row->addWidget(m_remote);
    row->addWidget(m_user);
    addDirectionButton(
        logDirectionBit(LogDirection::FromClient), tr("< Client"), tr("Commands from the client"), "dirClientButton");
    addDirectionButton(
        logDirectionBit(LogDirection::ToClient), tr("> Server"), tr("Replies to the client"), "dirServerButton");
    addDirectionButton(logDirectionBit(LogDirection::Note), tr("* Notes"),
        tr("Notes from the server: TLS, authentication results, policy decisions"), "dirNoteButton");
    addDirectionButton(logDirectionBit(LogDirection::Connect) | logDirectionBit(LogDirection::Disconnect),
        tr("+/- Connections"), tr("Connects and disconnects"), "dirConnectionButton");
    for (QToolButton* button : std::as_const(m_directionButtons))
        row->addWidget(button);
    row->addWidget(m_text, 1);
    row->addWidget(m_regex);
    row->addWidget(m_case);
    auto* clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("clearFiltersButton"));
    clear->setText(tr("Clear filters"));
    row->addWidget(clear);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_textError);

    connect(m_proto, &QComboBox::currentIndexChanged, this, &LogFilterBar::emitNow);
    for (QLineEdit* edit : { m_session, m_remote, m_user, m_text })
        connect(edit, &QLineEdit::textChanged, this, &LogFilterBar::scheduleChange);
    connect(m_regex, &QCheckBox::toggled, this, &LogFilterBar::emitNow);
    connect(m_case, &QCheckBox::toggled, this, &LogFilterBar::emitNow);
    connect(clear, &QToolButton::clicked, this, [this] { setFilter({}); });
}

QToolButton* LogFilterBar::addDirectionButton(quint8 bits, const QString& text, const QString& tip, const char* name)
{
    auto* button = new QToolButton(this);
    button->setObjectName(QLatin1String(name));
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    button->setChecked(true);
    button->setProperty("directionBits", int(bits));
    connect(button, &QToolButton::toggled, this, &LogFilterBar::emitNow);
    m_directionButtons.append(button);
    return button;
}

LogViewFilter LogFilterBar::filter() const
{
    LogViewFilter f;
    f.proto = m_proto->currentData().toString();
    f.sid = m_session->text().trimmed();
    f.remote = m_remote->text().trimmed();
    f.user = m_user->text().trimmed();
    f.text = m_text->text();
    f.regex = m_regex->isChecked();
    f.caseSensitive = m_case->isChecked();
    f.directions = 0;
    for (const QToolButton* button : m_directionButtons) {
        if (button->isChecked())
            f.directions |= quint8(button->property("directionBits").toInt());
    }
    return f;
}

void LogFilterBar::setFilter(const LogViewFilter& f)
{
    m_silent = true;
    const int protoIndex = m_proto->findData(f.proto);
    m_proto->setCurrentIndex(protoIndex >= 0 ? protoIndex : 0);
    m_session->setText(f.sid);
    m_remote->setText(f.remote);
    m_user->setText(f.user);
    m_text->setText(f.text);
    m_regex->setChecked(f.regex);
    m_case->setChecked(f.caseSensitive);
    for (QToolButton* button : std::as_const(m_directionButtons))
        button->setChecked(f.directions & quint8(button->property("directionBits").toInt()));
    m_silent = false;
    emitNow();
}

void LogFilterBar::setRemote(const QString& remote)
{
    m_remote->setText(remote);
    emitNow();
}

void LogFilterBar::setSession(const QString& sid)
{
    m_session->setText(sid);
    emitNow();
}

void LogFilterBar::setTextError(const QString& error)
{
    m_textError->setText(error);
    m_textError->setVisible(!error.isEmpty());
    // The field itself turns red so the error is seen where it was made.
    m_text->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 2px solid #d03030; }"));
    m_text->setToolTip(
        error.isEmpty() ? tr("Text in the data column, or a regular expression when Regex is on") : error);
}

void LogFilterBar::scheduleChange()
{
    if (!m_silent)
        m_debounce.start();
}

void LogFilterBar::emitNow()
{
    if (m_silent)
        return;
    m_debounce.stop();
    Q_EMIT filterChanged(filter());
}

} // namespace tegami
