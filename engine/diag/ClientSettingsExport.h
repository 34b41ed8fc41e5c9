#pragma once

#include "core/Result.h"
#include "diag/ClientSettings.h"
#include "diag/DnsRecords.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tegami {

// A file the admin saves or publishes: diag.export's answer.
struct ExportFile {
    QString format; // "autoconfig", "autodiscover", "dns"
    QString fileName; // "config-v1.1.xml", "autodiscover.xml", "example.com.zone.txt"
    QString mimeType;
    QString content;

    QJsonObject toJson() const;
};

struct ExportRequest {
    QString format;
    QString domain; // empty: the card's first domain
    bool external = true; // which scope of the card
    QString emailAddress; // Autodiscover's LoginName, when the file is for one user
    DnsRecordOptions dns; // domain and mxHost are filled in from the card when empty
};

QStringList exportFormats(); // "autoconfig", "autodiscover", "dns"

// One of the card's exports. Fails (with what to do) for an unknown format, a domain the
// server does not serve, no domain at all, or a scope with no client listener.
Result<ExportFile> exportClientSettings(const ClientSettingsCard& card, const ExportRequest& request);

} // namespace tegami
