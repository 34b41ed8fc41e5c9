#include "logviewer/LogTranscriptDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "logviewer/LogViewModel.h"

namespace tegami {

LogTranscriptDialog::LogTranscriptDialog(LogViewModel* model, const QString& sid, QWidget* parent)
    : QDialog(parent)
    , m_model(model)
    , m_sid(sid)
{
    setObjectName(QStringLiteral("logTranscriptDialog"));
    setWindowTitle(tr("Session %1").arg(sid));
    resize(900, 520);

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("transcriptHeader"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("transcriptText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy all"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("transcriptCopyButton"));
    connect(copy, &QPushButton::clicked, this, &LogTranscriptDialog::copyToClipboard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);

    const QList<quint64> serials = model->sessionSerials(sid);
    QStringList lines;
    for (quint64 serial : serials)
        lines.append(eventLine(serial));
    m_seen = model->store().endSerial();
    m_text->setPlainText(lines.join(QLatin1Char('\n')));
    updateHeader();
    connect(model, &LogViewModel::countsChanged, this, &LogTranscriptDialog::appendNew);
}

QString LogTranscriptDialog::eventLine(quint64 serial)
{
    const LogEventStore& store = m_model->store();
    const LogEventStore::Record& r = store.record(serial);
    ++m_events;
    m_proto = store.text(r.proto);
    m_local = store.text(r.local);
    m_remote = store.text(r.remote);
    if (r.user != 0)
        m_user = store.text(r.user);
    QString line;
    if (m_lastSeq > 0 && r.seq > m_lastSeq + 1)
        line = tr("[… %n event(s) missing …]", nullptr, int(r.seq - m_lastSeq - 1)) + QLatin1Char('\n');
    m_lastSeq = std::max<qint64>(m_lastSeq, r.seq);
    line += QStringLiteral("%1 %2 %3 %4")
                .arg(QDateTime::fromMSecsSinceEpoch(r.msecs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")))
                .arg(r.seq, 4)
                .arg(logDirectionSymbol(LogDirection(r.dir)), store.data(r));
    return line;
}

void LogTranscriptDialog::appendNew()
{
    if (!m_model)
        return;
    const LogEventStore& store = m_model->store();
    const quint32 id = store.sidId(m_sid);
    quint64 serial = std::max(m_seen, store.firstSerial());
    m_seen = store.endSerial();
    if (id == 0)
        return;
    for (; serial < store.endSerial(); ++serial) {
        if (store.record(serial).sid == id) {
            m_text->appendPlainText(eventLine(serial));
            updateHeader();
        }
    }
}

void LogTranscriptDialog::updateHeader()
{
    if (m_events == 0) {
        m_header->setText(tr("No stored events of session %1 (they may have left the buffer).").arg(m_sid));
        return;
    }
    m_header->setText(tr("Session %1 · %2 · %3 → %4 · %5 · %n event(s)", nullptr, m_events)
                          .arg(m_sid, m_proto, m_remote, m_local, m_user.isEmpty() ? tr("not logged in") : m_user));
}

QString LogTranscriptDialog::transcriptText() const
{
    return m_text->toPlainText();
}

void LogTranscriptDialog::copyToClipboard() const
{
    QApplication::clipboard()->setText(m_header->text() + QLatin1Char('\n') + transcriptText());
}

} // namespace tegami
