#pragma once

#include <QJsonObject>
#include <QString>

#include "client/ServiceClient.h"

namespace tegami {

// Waits for one control API call while the event loop keeps running (the window repaints,
// timers fire). Wizards use it where Qt asks for an answer at once: QWizardPage::validatePage()
// and the apply step at the end.
RpcReply callAndWait(
    ServiceClient& client, const QString& method, const QJsonObject& params = {}, int timeoutMs = 30000);

} // namespace tegami
