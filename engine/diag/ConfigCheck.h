#pragma once

#include "core/Settings.h"
#include "diag/ClientSettings.h"
#include "tls/CertificateCheck.h"
#include "tls/TlsTypes.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace tegami {

// One finding of the configuration check, with the console page and wizard that fix it.
struct ConfigCheckItem {
    QString id; // stable: "no-certificate", "listener-failed.imap/0.0.0.0:993", ...
    QString severity; // "error", "warning", "info"
    QString message;
    QString page; // "dashboard", "protocols", "certificates", "accounts", "security", "settings", "queue"
    QString wizard; // "", "certificate", "protocols", "ports", "first-run"

    QJsonObject toJson() const;
};

// What the check looks at; the service gathers it, tests build it by hand.
struct ConfigFacts {
    Settings settings = Settings::defaults();
    QList<ListenerView> listeners; // configured listeners with their state
    QHash<Protocol, CertificateCheck> certificateChecks; // of the certificate each enabled protocol uses
    QHash<QString, CertificateInfo> certificates; // the assigned certificates, by id
    int domains = 0;
    int users = 0; // mailboxes that can use mail clients (administrators cannot)
    QString fqdn; // settings.effectiveFqdn()
    std::optional<bool> fqdnResolves; // nullopt: not looked up
    QString fqdnLookupError;
    QStringList engineWarnings; // Engine::warnings(): those this check does not compute become items too
    QDateTime now;
};

// The dashboard's warnings as structured items, errors first.
QList<ConfigCheckItem> runConfigChecks(const ConfigFacts& facts);
QJsonArray configChecksJson(const QList<ConfigCheckItem>& items);

} // namespace tegami
