#pragma once

#include <QHash>
#include <QString>

class QLabel;
class QWidget;

namespace tegami {

struct RpcReply;

// Shows a service error at the field it names (RpcReply::field, a parameter name such as
// "address"), or in the form's general error label when it names none of the form's fields.
class FormErrors {
public:
    explicit FormErrors(QLabel* general);

    // A red label for a parameter, to place under its input; named objectName.
    QLabel* add(const QString& parameter, QWidget* parent, const QString& objectName);
    void show(const RpcReply& reply);
    void show(const QString& parameter, const QString& message);
    void clear();

private:
    QLabel* m_general;
    QHash<QString, QLabel*> m_labels;
};

// A hidden, bold red label for errors.
QLabel* createErrorLabel(QWidget* parent, const QString& objectName);

} // namespace tegami
