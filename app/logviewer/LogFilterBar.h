#pragma once

#include <QTimer>
#include <QWidget>

#include "logviewer/LogViewFilter.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace tegami {

// The viewer's filter row: protocol, session, remote, user, directions, and text or a
// regular expression over the data. Edits are debounced; filterChanged() carries the
// whole filter. An invalid regular expression is shown at its field (setTextError()).
class LogFilterBar : public QWidget {
    Q_OBJECT

public:
    explicit LogFilterBar(QWidget* parent = nullptr);

    LogViewFilter filter() const;
    void setFilter(const LogViewFilter& filter); // emits filterChanged() at once
    void setRemote(const QString& remote);
    void setSession(const QString& sid);
    void setTextError(const QString& error); // empty clears it
    void setDebounceMsec(int msec) { m_debounce.setInterval(msec); }

Q_SIGNALS:
    void filterChanged(const tegami::LogViewFilter& filter);

private:
    void scheduleChange();
    void emitNow();
    QToolButton* addDirectionButton(quint8 bits, const QString& text, const QString& tip, const char* name);

    QComboBox* m_proto;
    QLineEdit* m_session;
    QLineEdit* m_remote;
    QLineEdit* m_user;
    QLineEdit* m_text;
    QCheckBox* m_regex;
    QCheckBox* m_case;
    QLabel* m_textError;
    QList<QToolButton*> m_directionButtons;
    QTimer m_debounce;
    bool m_silent = false;
};

} // namespace tegami
