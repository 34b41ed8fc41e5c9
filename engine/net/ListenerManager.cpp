#include "net/ListenerManager.h"

namespace tegami {

ListenerManager::ListenerManager(ProtocolLog* log, const TlsProvider* tls, QObject* parent)
    : QObject(parent)
    , m_log(log)
    , m_tls(tls)
{ }

ListenerManager::~ListenerManager()
{
    stopAll();
}

void ListenerManager::setFactory(Protocol protocol, SessionFactory* factory)
{
    m_factories.insert(protocol, factory);
    for (auto& [id, listener] : m_listeners) {
        if (listener->spec().protocol == protocol)
            listener->setFactory(factory);
    }
}

QList<const Listener*> ListenerManager::apply(
    const QList<ListenerSpec>& wanted, const QHash<Protocol, ConnectionLimits>& limits)
{
    QHash<QString, ListenerSpec> wantedById;
    for (const ListenerSpec& spec : wanted)
        wantedById.insert(spec.id(), spec);

    // Stop first, so a binding that moved between listeners is free when the new one binds.
    for (auto it = m_listeners.begin(); it != m_listeners.end();) {
        const auto w = wantedById.constFind(it->first);
        if (w == wantedById.constEnd() || *w != it->second->spec())
            it = m_listeners.erase(it);
        else
            ++it;
    }

    QList<const Listener*> failed;
    for (const ListenerSpec& spec : wanted) {
        auto it = m_listeners.find(spec.id());
        if (it == m_listeners.end()) {
            it = m_listeners
                     .emplace(spec.id(),
                         std::make_unique<Listener>(spec, m_factories.value(spec.protocol), m_log, m_tls, this))
                     .first;
            connect(it->second.get(), &Listener::connectionAccepted, this, &ListenerManager::connectionAccepted);
        }
        Listener& listener = *it->second;
        listener.setLimits(limits.value(spec.protocol));
        // A listener that failed before (port busy) is retried on every apply.
        if (listener.state() != ListenerState::Listening && !listener.start())
            failed << &listener;
    }
    Q_EMIT listenersChanged();
    return failed;
}

void ListenerManager::stopAll()
{
    m_listeners.clear();
}

QList<const Listener*> ListenerManager::listeners() const
{
    QList<const Listener*> out;
    for (const auto& [id, listener] : m_listeners)
        out << listener.get();
    return out;
}

const Listener* ListenerManager::find(const QString& id) const
{
    const auto it = m_listeners.find(id);
    return it == m_listeners.end() ? nullptr : it->second.get();
}

QJsonArray ListenerManager::statusJson() const
{
    QJsonArray out;
    for (const auto& [id, listener] : m_listeners)
        out.append(listener->statusJson());
    return out;
}

bool ListenerManager::disconnectSession(const QString& sid)
{
    for (auto& [id, listener] : m_listeners) {
        if (listener->disconnectSession(sid))
            return true;
    }
    return false;
}

} // namespace tegami
