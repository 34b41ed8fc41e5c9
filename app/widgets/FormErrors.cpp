#include "widgets/FormErrors.h"

#include <QLabel>

#include "client/ServiceClient.h"
#include "pages/Page.h"

namespace tegami {

QLabel* createErrorLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b02020; font-weight: bold;"));
    label->hide();
    return label;
}

FormErrors::FormErrors(QLabel* general)
    : m_general(general)
{ }

QLabel* FormErrors::add(const QString& parameter, QWidget* parent, const QString& objectName)
{
    QLabel* label = createErrorLabel(parent, objectName);
    m_labels.insert(parameter, label);
    return label;
}

void FormErrors::show(const RpcReply& reply)
{
    show(reply.field, Page::describe(reply));
}

void FormErrors::show(const QString& parameter, const QString& message)
{
    clear();
    QLabel* label = m_labels.value(parameter, m_general);
    label->setText(message);
    label->show();
}

void FormErrors::clear()
{
    m_general->hide();
    for (QLabel* l : std::as_const(m_labels))
        l->hide();
}

} // namespace tegami
