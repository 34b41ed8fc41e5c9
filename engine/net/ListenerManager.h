#pragma once

#include "net/Listener.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>

#include <map>
#include <memory>

namespace tegami {

// Keeps the set of running listeners equal to what the settings ask for: starts new
// ones, stops removed ones and leaves unchanged ones (and their sessions) alone, so
// settings apply without a restart.
class ListenerManager : public QObject {
    Q_OBJECT
public:
    explicit ListenerManager(ProtocolLog* log = nullptr, const TlsProvider* tls = nullptr, QObject* parent = nullptr);
    ~ListenerManager() override;

    void setFactory(Protocol protocol, SessionFactory* factory);

    // Returns the listeners that failed to start (each keeps its reason in its status).
    QList<const Listener*> apply(const QList<ListenerSpec>& wanted, const QHash<Protocol, ConnectionLimits>& limits);
    void stopAll();

    QList<const Listener*> listeners() const;
    const Listener* find(const QString& id) const;
    QJsonArray statusJson() const;
    // Drops a client's connection by its protocol-log session id (the admin's "disconnect").
    bool disconnectSession(const QString& sid);

Q_SIGNALS:
    void listenersChanged();
    void connectionAccepted(tegami::Protocol protocol); // a connection passed the limits

private:
    ProtocolLog* m_log;
    const TlsProvider* m_tls;
    QHash<Protocol, SessionFactory*> m_factories;
    std::map<QString, std::unique_ptr<Listener>> m_listeners; // by ListenerSpec::id(), in a stable order
};

} // namespace tegami
