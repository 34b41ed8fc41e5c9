#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace tegami::cli {

// Human-readable output of tegamictl; --json prints the API's result instead.
void printJson(const QJsonValue& value);
void printTable(const QStringList& header, const QList<QStringList>& rows);
void printStatus(const QJsonObject& status);
void printDomains(const QJsonArray& domains);
void printUsers(const QJsonArray& users);
void printAliases(const QJsonArray& aliases);
void printListeners(const QJsonArray& listeners);
void printProtocolChange(const QJsonObject& change);
void printConfig(const QJsonValue& config);
void printConfigChange(const QJsonObject& change);
void printLogEvent(const QJsonObject& event);
void printCertificates(const QJsonObject& list);
void printCertificateAdded(const QJsonObject& certificate);
void printCertificateAssigned(const QJsonObject& assignment);

} // namespace tegami::cli
