#include "wizards/common/WizardCall.h"

#include <QEventLoop>
#include <QPointer>

#include <memory>

namespace tegami {

RpcReply callAndWait(ServiceClient& client, const QString& method, const QJsonObject& params, int timeoutMs)
{
    QEventLoop loop;
    auto answer = std::make_shared<RpcReply>();
    auto done = std::make_shared<bool>(false);
    client.call(
        method, params, &loop,
        [&loop, answer, done](const RpcReply& reply) {
            *answer = reply;
            *done = true;
            loop.quit();
        },
        timeoutMs);
    if (!*done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return *answer;
}

} // namespace tegami
