#pragma once

#include <QString>

class QWidget;

namespace tegami {

// "Are you sure?" before an action that cannot be undone. Tests answer in advance with
// setNextAnswer() (as KeePassXC's MessageBox does), so no modal dialog blocks them.
class Confirm {
public:
    // True when the admin chose `action` (the button's text, e.g. "Delete").
    static bool ask(QWidget* parent, const QString& title, const QString& text, const QString& action);
    // The answer of the next ask(), without showing anything; used once.
    static void setNextAnswer(bool yes);

private:
    static int s_nextAnswer; // -1 none, 0 no, 1 yes
};

} // namespace tegami
