#include "pages/Page.h"

#include "client/ServiceClient.h"

namespace tegami {

Page::Page(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
{ }

QString Page::describe(const RpcReply& reply)
{
    return reply.describe();
}

} // namespace tegami
