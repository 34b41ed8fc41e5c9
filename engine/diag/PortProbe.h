#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace tegami {

// One address and port an admin wants a listener on (a row of the ports wizard).
struct ProbeEntry {
    QString protocol; // "smtp", "submission", "pop3", "imap", or empty for a bare port check
    QString address; // "0.0.0.0", "::", "192.0.2.10"
    quint16 port = 0;
    QString tls; // "none", "starttls", "implicit" (for the firewall reminder)
};

struct ProbeProblem {
    QString kind; // "in-use", "duplicate", "privileged", "address"
    QString message;
    QString fix;

    QJsonObject toJson() const;
};

// The program holding a listening socket (Linux: found through /proc).
struct SocketHolder {
    QString program; // "postfix", "python3"; "another program" when unknown
    qint64 pid = 0; // 0 when unknown
    QString command; // its command line, when readable
};

struct ProbeResult {
    ProbeEntry entry;
    QList<ProbeProblem> problems;
    std::optional<SocketHolder> holder; // another program holds the port
    QString tegamiListener; // or one of Tegami's own listeners does: "imap listener"

    bool ok() const { return problems.isEmpty(); }
    bool hasProblem(const QString& kind) const;
    // {address, port, protocol, ok, problems, usedBy?}
    QJsonObject toJson() const;
};

struct ProbeReport {
    QList<ProbeResult> results;
    QStringList firewall; // "open TCP 993 for IMAP4 over TLS"

    bool ok() const;
    QJsonObject toJson() const; // {ok, listeners: [...], firewall: [...]}
};

// Whether this process may bind ports below 1024.
struct PortPrivileges {
    bool canBindPrivileged = true;
    int unprivilegedPortStart = 1024; // Linux: net.ipv4.ip_unprivileged_port_start

    // Linux: root's or CAP_NET_BIND_SERVICE in /proc/self/status CapEff (bit 10), and the
    // sysctl. Elsewhere: Unix root, or no restriction (Windows has no privileged ports).
    static PortPrivileges current();
    bool allows(quint16 port) const { return canBindPrivileged || port >= unprivilegedPortStart; }
};

// A listener Tegami runs now.
struct RunningListener {
    QString protocol;
    QString address;
    quint16 port = 0;
};

// Who listens on address:port or on an address overlapping it (a wildcard), best effort (Linux: /proc/net/tcp{,6} inode -> /proc/<pid>/fd
// -> /proc/<pid>/comm; processes of other users are only visible to root). nullopt when
// nobody is found listening.
std::optional<SocketHolder> findListeningSocketHolder(const QHostAddress& address, quint16 port);

// "open TCP 993 for IMAP4 over TLS"; empty for loopback addresses (nothing to open).
QString firewallReminder(const ProbeEntry& entry);

// Checks listener bindings before they are applied: an address that is not on this computer,
// two entries on one address and port (0.0.0.0 overlapping every IPv4 address), a port below
// the privileged limit without the privilege to bind it, and a port already held by another
// program (found by binding it, with the same SO_REUSEADDR semantics as the listeners) or by
// one of Tegami's own listeners (fine when it is the same protocol: applying keeps or moves it).
class PortProbe {
public:
    using PrivilegeReader = std::function<PortPrivileges()>;

    PortProbe();

    void setPrivilegeReader(PrivilegeReader reader) { m_privileges = std::move(reader); }
    void setRunningListeners(QList<RunningListener> running) { m_running = std::move(running); }
    // The path of the tegamid binary, for the setcap fix.
    void setDaemonPath(const QString& path) { m_daemonPath = path; }
    // The addresses of this computer (default: QNetworkInterface::allAddresses()).
    void setLocalAddresses(QList<QHostAddress> addresses) { m_localAddresses = std::move(addresses); }

    // `complete`: the entries are every listener Tegami will run, so a running listener that
    // is not among them is stopped before they bind and does not count as holding its port.
    ProbeReport probe(const QList<ProbeEntry>& entries, bool complete = false) const;

private:
    void checkAddress(ProbeResult& r, const QHostAddress& address) const;
    void checkPrivilege(ProbeResult& r, const PortPrivileges& privileges) const;
    void checkInUse(ProbeResult& r, const QHostAddress& address, const QList<ProbeEntry>& entries, bool complete) const;

    PrivilegeReader m_privileges;
    QList<RunningListener> m_running;
    QString m_daemonPath = QStringLiteral("/path/to/tegamid");
    std::optional<QList<QHostAddress>> m_localAddresses;
};

} // namespace tegami
