#include "widgets/Confirm.h"

#include <QMessageBox>
#include <QPushButton>

namespace tegami {

int Confirm::s_nextAnswer = -1;

bool Confirm::ask(QWidget* parent, const QString& title, const QString& text, const QString& action)
{
    if (s_nextAnswer >= 0) {
        const bool yes = s_nextAnswer == 1;
        s_nextAnswer = -1;
        return yes;
    }
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Cancel, parent);
    QPushButton* confirm = box.addButton(action, QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == confirm;
}

void Confirm::setNextAnswer(bool yes)
{
    s_nextAnswer = yes ? 1 : 0;
}

} // namespace tegami
