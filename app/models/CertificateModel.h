#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// TLS certificates in the service's store (cert.list "certificates").
class CertificateModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit CertificateModel(QObject* parent = nullptr);

    // "mail.example.com" from the subject's CN, else the first name it covers.
    static QString displayName(const QJsonObject& certificate);
};

} // namespace tegami
