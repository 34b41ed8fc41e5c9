#include "diag/PortProbe.h"

#include "core/Binding.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkInterface>
#include <QTcpServer>

#ifdef Q_OS_LINUX
#include <QDir>

#include <cstring>
#include <unistd.h>
#elif defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace tegami {

namespace {

QString protocolLabel(const QString& protocol)
{
    if (protocol == QLatin1String("smtp"))
        return QStringLiteral("inbound mail (SMTP, MX)");
    if (protocol == QLatin1String("submission"))
        return QStringLiteral("SMTP submission");
    if (protocol == QLatin1String("pop3"))
        return QStringLiteral("POP3");
    if (protocol == QLatin1String("imap"))
        return QStringLiteral("IMAP4");
    return protocol;
}

QString where(const QString& address, quint16 port)
{
    return Binding { address, port }.toString();
}

QString listenerName(const QString& protocol)
{
    return protocol.isEmpty() ? QStringLiteral("a listener") : QStringLiteral("%1 listener").arg(protocol);
}

#ifdef Q_OS_LINUX
// /proc/net/tcp prints each 32-bit word of an address as the hex of its value in host order.
QByteArray wordBytes(const QString& hex8, bool* ok)
{
    const quint32 value = hex8.toUInt(ok, 16);
    QByteArray bytes(4, '\0');
    std::memcpy(bytes.data(), &value, 4);
    return bytes;
}

std::optional<QHostAddress> procAddress(const QString& hex)
{
    bool ok = false;
    if (hex.size() == 8) {
        const QByteArray b = wordBytes(hex, &ok);
        if (!ok)
            return std::nullopt;
        const auto* u = reinterpret_cast<const quint8*>(b.constData());
        return QHostAddress(quint32(u[0]) << 24 | quint32(u[1]) << 16 | quint32(u[2]) << 8 | quint32(u[3]));
    }
    if (hex.size() == 32) {
        Q_IPV6ADDR a;
        for (int w = 0; w < 4; ++w) {
            const QByteArray b = wordBytes(hex.mid(w * 8, 8), &ok);
            if (!ok)
                return std::nullopt;
            for (int i = 0; i < 4; ++i)
                a[w * 4 + i] = static_cast<quint8>(b.at(i));
        }
        return QHostAddress(a);
    }
    return std::nullopt;
}

struct ListeningSocket {
    QHostAddress address;
    QString inode;
};

QList<ListeningSocket> listeningSockets(quint16 port)
{
    QList<ListeningSocket> out;
    for (const char* table : { "/proc/net/tcp", "/proc/net/tcp6" }) {
        QFile f(QString::fromLatin1(table));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        f.readLine(); // header
        while (!f.atEnd()) {
            const QStringList fields = QString::fromLatin1(f.readLine()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (fields.size() < 10 || fields.at(3) != QLatin1String("0A")) // 0A: LISTEN
                continue;
            const QString local = fields.at(1);
            const qsizetype colon = local.indexOf(QLatin1Char(':'));
            bool ok = false;
            if (colon < 0 || local.mid(colon + 1).toUInt(&ok, 16) != port || !ok)
                continue;
            const std::optional<QHostAddress> address = procAddress(local.left(colon));
            if (address)
                out << ListeningSocket { *address, fields.at(9) };
        }
    }
    return out;
}

std::optional<SocketHolder> processWithSocket(const QString& inode)
{
    const QByteArray wanted = QByteArray("socket:[") + inode.toLatin1() + ']';
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        bool numeric = false;
        const qint64 n = pid.toLongLong(&numeric);
        if (!numeric)
            continue;
        const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
        const QStringList fds = QDir(fdDir).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot);
        for (const QString& fd : fds) {
            char target[64];
            const QByteArray path = QFile::encodeName(fdDir + QLatin1Char('/') + fd);
            const ssize_t len = ::readlink(path.constData(), target, sizeof target);
            if (len <= 0 || QByteArray(target, static_cast<int>(len)) != wanted)
                continue;
            SocketHolder h;
            h.pid = n;
            QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
            if (comm.open(QIODevice::ReadOnly))
                h.program = QString::fromUtf8(comm.readAll()).trimmed();
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (cmdline.open(QIODevice::ReadOnly)) {
                QByteArray c = cmdline.read(400);
                c.replace('\0', ' ');
                h.command = QString::fromUtf8(c).trimmed();
            }
            if (h.program.isEmpty())
                h.program = h.command.section(QLatin1Char(' '), 0, 0).section(QLatin1Char('/'), -1);
            if (h.program.isEmpty())
                h.program = QStringLiteral("another program");
            return h;
        }
    }
    return std::nullopt;
}
#endif

bool addressesOverlap(const QHostAddress& a, const QHostAddress& b)
{
    if (a.isEqual(b, QHostAddress::TolerantConversion))
        return true;
    const auto wildcard = [](const QHostAddress& x) {
        return x == QHostAddress(QHostAddress::AnyIPv4) || x == QHostAddress(QHostAddress::AnyIPv6)
            || x == QHostAddress(QHostAddress::Any);
    };
    // A dual-stack "::" socket (most programs' default) also holds the port on IPv4.
    return wildcard(a) || wildcard(b);
}

} // namespace

QJsonObject ProbeProblem::toJson() const
{
    return QJsonObject { { QStringLiteral("kind"), kind }, { QStringLiteral("message"), message },
        { QStringLiteral("fix"), fix } };
}

bool ProbeResult::hasProblem(const QString& kind) const
{
    return std::any_of(problems.begin(), problems.end(), [&](const ProbeProblem& p) { return p.kind == kind; });
}

QJsonObject ProbeResult::toJson() const
{
    QJsonArray list;
    for (const ProbeProblem& p : problems)
        list.append(p.toJson());
    QJsonObject o { { QStringLiteral("address"), entry.address }, { QStringLiteral("port"), entry.port },
        { QStringLiteral("protocol"), entry.protocol }, { QStringLiteral("ok"), ok() },
        { QStringLiteral("problems"), list } };
    if (!entry.tls.isEmpty())
        o.insert(QStringLiteral("tls"), entry.tls);
    if (holder) {
        QJsonObject by { { QStringLiteral("program"), holder->program }, { QStringLiteral("pid"), holder->pid } };
        if (!holder->command.isEmpty())
            by.insert(QStringLiteral("command"), holder->command);
        o.insert(QStringLiteral("usedBy"), by);
    } else if (!tegamiListener.isEmpty()) {
        o.insert(QStringLiteral("usedBy"), QJsonObject { { QStringLiteral("tegami"), tegamiListener } });
    }
    return o;
}

bool ProbeReport::ok() const
{
    return std::all_of(results.begin(), results.end(), [](const ProbeResult& r) { return r.ok(); });
}

QJsonObject ProbeReport::toJson() const
{
    QJsonArray list;
    for (const ProbeResult& r : results)
        list.append(r.toJson());
    return QJsonObject { { QStringLiteral("ok"), ok() }, { QStringLiteral("listeners"), list },
        { QStringLiteral("firewall"), QJsonArray::fromStringList(firewall) } };
}

PortPrivileges PortPrivileges::current()
{
    PortPrivileges p;
#ifdef Q_OS_LINUX
    QFile start(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
    if (start.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const int n = start.readAll().trimmed().toInt(&ok);
        if (ok)
            p.unprivilegedPortStart = n;
    }
    p.canBindPrivileged = ::geteuid() == 0;
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        while (!status.atEnd()) {
            const QByteArray line = status.readLine();
            if (!line.startsWith("CapEff:"))
                continue;
            bool ok = false;
            const qulonglong caps = line.mid(7).trimmed().toULongLong(&ok, 16);
            constexpr int capNetBindService = 10;
            // CapEff is what counts (root without the capability cannot bind either).
            if (ok)
                p.canBindPrivileged = (caps >> capNetBindService) & 1U;
        }
    }
#elif defined(Q_OS_UNIX)
    p.canBindPrivileged = ::geteuid() == 0;
#else
    p.canBindPrivileged = true; // Windows has no privileged ports
#endif
    return p;
}

std::optional<SocketHolder> findListeningSocketHolder(const QHostAddress& address, quint16 port)
{
#ifdef Q_OS_LINUX
    QList<ListeningSocket> overlapping;
    for (const ListeningSocket& s : listeningSockets(port)) {
        if (addressesOverlap(s.address, address))
            overlapping << s;
    }
    if (overlapping.isEmpty())
        return std::nullopt;
    for (const ListeningSocket& s : overlapping) {
        if (std::optional<SocketHolder> h = processWithSocket(s.inode))
            return h;
    }
    return SocketHolder { QStringLiteral("another program"), 0, {} };
#else
    // TODO(tegami): Windows could ask GetExtendedTcpTable for the owning process.
    Q_UNUSED(address);
    Q_UNUSED(port);
    return std::nullopt;
#endif
}

QString firewallReminder(const ProbeEntry& entry)
{
    const QHostAddress a(entry.address);
    if (a.isLoopback())
        return {};
    QString what = protocolLabel(entry.protocol);
    if (entry.tls == QLatin1String("implicit"))
        what += QStringLiteral(" over TLS");
    else if (entry.tls == QLatin1String("starttls"))
        what += QStringLiteral(" with STARTTLS");
    else if (entry.tls == QLatin1String("none") && !entry.protocol.isEmpty())
        what += QStringLiteral(" (plain text)");
    return what.isEmpty() ? QStringLiteral("open TCP %1").arg(entry.port)
                          : QStringLiteral("open TCP %1 for %2").arg(entry.port).arg(what);
}

PortProbe::PortProbe()
    : m_privileges(&PortPrivileges::current)
{ }

void PortProbe::checkAddress(ProbeResult& r, const QHostAddress& address) const
{
    if (address.isNull()) {
        r.problems << ProbeProblem { QStringLiteral("address"),
            QStringLiteral("'%1' is not an IP address").arg(r.entry.address),
            QStringLiteral("use 0.0.0.0 for every IPv4 address of this computer, :: for every IPv6 address, or one of "
                           "its own addresses") };
        return;
    }
    if (Binding { address.toString(), r.entry.port }.isWildcard() || address.isLoopback())
        return;
    const QList<QHostAddress> local = m_localAddresses.value_or(QNetworkInterface::allAddresses());
    for (const QHostAddress& l : local) {
        QHostAddress plain = l;
        plain.setScopeId({});
        if (plain.isEqual(address, QHostAddress::TolerantConversion))
            return;
    }
    QStringList names;
    for (const QHostAddress& l : local) {
        if (!l.isLoopback() && !l.isLinkLocal())
            names << l.toString();
    }
    r.problems << ProbeProblem { QStringLiteral("address"),
        QStringLiteral("%1 is not an address of this computer, so nothing can listen on it").arg(r.entry.address),
        names.isEmpty() ? QStringLiteral("use 0.0.0.0 (every IPv4 address of this computer)")
                        : QStringLiteral("use one of its addresses (%1), or 0.0.0.0 for all of them")
                              .arg(names.join(QStringLiteral(", "))) };
}

void PortProbe::checkPrivilege(ProbeResult& r, const PortPrivileges& privileges) const
{
    if (privileges.allows(r.entry.port))
        return;
    r.problems << ProbeProblem { QStringLiteral("privileged"),
        QStringLiteral("port %1 is below %2: binding it needs administrator rights (CAP_NET_BIND_SERVICE), which "
                       "tegamid does not have")
            .arg(r.entry.port)
            .arg(privileges.unprivilegedPortStart),
        QStringLiteral("systemd: add AmbientCapabilities=CAP_NET_BIND_SERVICE to the [Service] section of the "
                       "tegami unit (`systemctl edit tegami`), then `systemctl restart tegami` (the packaged unit "
                       "has it). Manual start: `sudo setcap cap_net_bind_service=+ep %1` and start tegamid again. Or "
                       "choose a port above %2 and forward the standard port to it on the router.")
            .arg(m_daemonPath)
            .arg(privileges.unprivilegedPortStart - 1) };
}

void PortProbe::checkInUse(
    ProbeResult& r, const QHostAddress& address, const QList<ProbeEntry>& entries, bool complete) const
{
    const Binding wanted { r.entry.address, r.entry.port };
    for (const RunningListener& running : m_running) {
        const Binding held { running.address, running.port };
        if (!wanted.conflictsWith(held))
            continue;
        if (complete) {
            // Applying stops every running listener that is not wanted again before binding.
            const bool stays = std::any_of(entries.begin(), entries.end(), [&](const ProbeEntry& e) {
                return e.protocol == running.protocol && Binding { e.address, e.port } == held;
            });
            // Applying stops it before binding: the port is Tegami's to reuse, and binding it here
            // would only find Tegami itself.
            if (!stays)
                return;
        }
        r.tegamiListener = listenerName(running.protocol);
        if (running.protocol != r.entry.protocol) {
            r.problems << ProbeProblem { QStringLiteral("in-use"),
                QStringLiteral("%1 is in use by Tegami's own %2 on %3")
                    .arg(where(r.entry.address, r.entry.port), r.tegamiListener, where(running.address, running.port)),
                QStringLiteral("move or disable Tegami's %1 first, or choose another port; the MX and a client "
                               "listener on one port need different local addresses")
                    .arg(r.tegamiListener) };
        }
        return; // Tegami's own socket: binding again here would only find ourselves
    }

    QTcpServer server;
    if (server.listen(address, r.entry.port)) {
        server.close();
        return;
    }
    const QAbstractSocket::SocketError error = server.serverError();
    if (error == QAbstractSocket::SocketAccessError) {
        if (!r.hasProblem(QStringLiteral("privileged")))
            checkPrivilege(r, PortPrivileges { false, 1024 });
    } else if (error == QAbstractSocket::SocketAddressNotAvailableError) {
        if (!r.hasProblem(QStringLiteral("address")))
            r.problems << ProbeProblem { QStringLiteral("address"),
                QStringLiteral("%1 is not an address of this computer").arg(r.entry.address),
                QStringLiteral("use one of its addresses, or 0.0.0.0 for all of them") };
    } else if (error != QAbstractSocket::AddressInUseError) {
        r.problems << ProbeProblem { QStringLiteral("address"),
            QStringLiteral("cannot listen on %1: %2").arg(where(r.entry.address, r.entry.port), server.errorString()),
            QStringLiteral("choose another address or port") };
    }
    // Without the privilege the bind cannot tell whether the port is taken; the socket table can.
    std::optional<SocketHolder> holder = findListeningSocketHolder(address, r.entry.port);
    if (!holder && error == QAbstractSocket::AddressInUseError)
        holder = SocketHolder { QStringLiteral("another program"), 0, {} };
    if (!holder)
        return;
    r.holder = holder;
    const QString by
        = holder->pid > 0 ? QStringLiteral("%1 (pid %2)").arg(holder->program).arg(holder->pid) : holder->program;
    r.problems << ProbeProblem { QStringLiteral("in-use"),
        QStringLiteral("port %1 on %2 is in use by %3").arg(r.entry.port).arg(r.entry.address, by),
        QStringLiteral("stop %1 or change its port, or choose another port for Tegami")
            .arg(holder->pid > 0 ? holder->program : QStringLiteral("that program")) };
}

ProbeReport PortProbe::probe(const QList<ProbeEntry>& entries, bool complete) const
{
    const PortPrivileges privileges = m_privileges ? m_privileges() : PortPrivileges::current();
    ProbeReport report;
    for (int i = 0; i < entries.size(); ++i) {
        ProbeResult r;
        r.entry = entries.at(i);
        const QHostAddress address(r.entry.address);
        if (!address.isNull())
            r.entry.address = address.toString(); // "::" and "0:0::0" are one address
        checkAddress(r, address);
        if (r.entry.port == 0) {
            r.problems << ProbeProblem { QStringLiteral("address"), QStringLiteral("0 is not a port"),
                QStringLiteral("choose a port between 1 and 65535") };
        }
        for (int j = 0; j < entries.size(); ++j) {
            const ProbeEntry& other = entries.at(j);
            if (j == i
                || !Binding { r.entry.address, r.entry.port }.conflictsWith(
                    Binding { QHostAddress(other.address).toString(), other.port }))
                continue;
            r.problems << ProbeProblem { QStringLiteral("duplicate"),
                QStringLiteral("the %1 on %2 and the %3 on %4 cannot both listen: they share a port on overlapping "
                               "addresses")
                    .arg(listenerName(r.entry.protocol), where(r.entry.address, r.entry.port),
                        listenerName(other.protocol), where(other.address, other.port)),
                QStringLiteral("give them different ports, or different local addresses (for example the MX on the "
                               "public address and the client listener on the office network's address; 0.0.0.0 "
                               "covers every IPv4 address)") };
            break;
        }
        if (!address.isNull() && r.entry.port != 0) {
            checkPrivilege(r, privileges);
            checkInUse(r, address, entries, complete);
        }
        const QString reminder = firewallReminder(r.entry);
        if (!reminder.isEmpty() && !report.firewall.contains(reminder))
            report.firewall << reminder;
        report.results << r;
    }
    return report;
}

} // namespace tegami
