#include "pages/Page.h"

#include "client/ServiceClient.h"

namespace tegami {

Page::Page(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
{ }

QString Page::describe(const RpcReply& reply)
{
    if (reply.ok)
        return QString();
    if (reply.methodNotFound())
        return tr("Not available in this service version.");
    if (reply.disconnected())
        return tr("The service is not reachable: %1.").arg(reply.message);
    return reply.message;
}

} // namespace tegami
