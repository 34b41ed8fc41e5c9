#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPlainTextEdit;

namespace tegami {

class LogViewModel;

// "This session only": every stored event of one session in order, as text that can be
// copied whole. It follows the session while the dialog is open.
class LogTranscriptDialog : public QDialog {
    Q_OBJECT

public:
    LogTranscriptDialog(LogViewModel* model, const QString& sid, QWidget* parent = nullptr);

    QString sid() const { return m_sid; }
    QString transcriptText() const;
    void copyToClipboard() const;

private:
    void appendNew();
    QString eventLine(quint64 serial);
    void updateHeader();

    QPointer<LogViewModel> m_model;
    QString m_sid;
    quint64 m_seen = 0; // serials below this have been looked at
    qint64 m_lastSeq = 0;
    int m_events = 0;
    QString m_proto;
    QString m_local;
    QString m_remote;
    QString m_user;
    QLabel* m_header;
    QPlainTextEdit* m_text;
};

} // namespace tegami
