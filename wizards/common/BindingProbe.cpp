#include "wizards/common/BindingProbe.h"

#include "core/Binding.h"
#include "wizards/common/WizardCall.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QSet>
#include <QTcpServer>

#include "client/ServiceClient.h"

namespace tegami {

namespace {

Binding toBinding(const ListenerChoice& l)
{
    Binding b;
    b.address = l.address;
    b.port = static_cast<quint16>(l.port);
    return b;
}

bool isLocalAddress(const QHostAddress& address)
{
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 || address == QHostAddress::Any
        || address.isLoopback())
        return true;
    for (const QHostAddress& a : QNetworkInterface::allAddresses()) {
        if (a.isEqual(address, QHostAddress::TolerantConversion))
            return true;
    }
    return false;
}

// The Tegami listener (listener.list entry) that holds this address and port, if any.
QJsonObject runningOn(const QJsonArray& running, const ListenerChoice& l)
{
    for (const QJsonValue& v : running) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("state")).toString() != QLatin1String("listening"))
            continue;
        Binding b;
        b.address = o.value(QStringLiteral("address")).toString();
        b.port = static_cast<quint16>(o.value(QStringLiteral("port")).toInt());
        if (b.conflictsWith(toBinding(l)))
            return o;
    }
    return {};
}

} // namespace

QList<BindingProbe::Result> BindingProbe::probe(ServiceClient& client, const QList<ListenerChoice>& wanted,
    const QList<ListenerChoice>& fixed, const QJsonArray& running, qint64 servicePid)
{
    // The local checks first: syntax, duplicates and Tegami's own ports need no service.
    QList<Result> results = probeLocally(wanted, fixed, running, servicePid);
    QJsonArray request;
    for (const ListenerChoice& l : wanted)
        request.append(
            QJsonObject { { QStringLiteral("protocol"), l.protocol }, { QStringLiteral("address"), l.address },
                { QStringLiteral("port"), l.port }, { QStringLiteral("tls"), l.security == QLatin1String("tls") } });
    const RpcReply reply = callAndWait(
        client, QStringLiteral("diag.probeBindings"), { { QStringLiteral("listeners"), request } }, 10000);
    if (!reply.ok)
        return results; // an older service: the console's own checks stand
    const QJsonArray answers = reply.result.toObject().value(QStringLiteral("listeners")).toArray();
    for (qsizetype i = 0; i < results.size() && i < answers.size(); ++i) {
        const QJsonObject a = answers[i].toObject();
        Result& r = results[i];
        // The service sees its own listeners and privileges better; it replaces the
        // console's guesses about in-use and privileged ports.
        QList<Problem> kept;
        for (const Problem& p : std::as_const(r.problems)) {
            if (p.kind != QLatin1String("in-use") && p.kind != QLatin1String("privileged"))
                kept << p;
        }
        for (const QJsonValue& v : a.value(QStringLiteral("problems")).toArray()) {
            const QJsonObject p = v.toObject();
            const QString kind = p.value(QStringLiteral("kind")).toString();
            bool seen = false;
            for (const Problem& k : std::as_const(kept))
                seen = seen || k.kind == kind;
            // The service writes sentences in lower case for its log; the page shows them as sentences.
            const auto sentence = [](QString text) {
                if (!text.isEmpty())
                    text[0] = text[0].toUpper();
                if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')))
                    text += QLatin1Char('.');
                return text;
            };
            if (!seen)
                kept << Problem { kind, sentence(p.value(QStringLiteral("message")).toString()),
                    sentence(p.value(QStringLiteral("fix")).toString()) };
        }
        r.problems = kept;
        const QJsonObject usedBy = a.value(QStringLiteral("usedBy")).toObject();
        if (usedBy.contains(QStringLiteral("program")))
            r.usedBy = tr("%1 (process %2)")
                           .arg(usedBy.value(QStringLiteral("program")).toString())
                           .arg(usedBy.value(QStringLiteral("pid")).toInteger());
    }
    return results;
}

QList<BindingProbe::Result> BindingProbe::probeLocally(const QList<ListenerChoice>& wanted,
    const QList<ListenerChoice>& fixed, const QJsonArray& running, qint64 servicePid)
{
    QList<Result> results;
    QString executable;
    const bool privileged = canBindPrivileged(servicePid, &executable);
    const int privilegedBelow = unprivilegedPortStart();
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        const ListenerChoice& l = wanted[i];
        Result r;
        r.listener = l;
        const QHostAddress address(l.address);
        if (address.isNull()) {
            r.problems << Problem { QStringLiteral("address"), tr("'%1' is not an IP address.").arg(l.address),
                tr("Use 0.0.0.0 (every IPv4 address), :: (every IPv6 address) or one address of this machine.") };
            results << r;
            continue;
        }
        if (!isLocalAddress(address)) {
            r.problems << Problem { QStringLiteral("address"), tr("This machine has no address %1.").arg(l.address),
                tr("Use 0.0.0.0 or one of: %1.").arg([] {
                    QStringList a;
                    for (const QHostAddress& h : QNetworkInterface::allAddresses())
                        a << h.toString();
                    return a.join(QStringLiteral(", "));
                }()) };
        }
        if (l.port < 1 || l.port > 65535) {
            r.problems << Problem { QStringLiteral("address"), tr("Port %1 does not exist.").arg(l.port),
                tr("Use a port from 1 to 65535.") };
            results << r;
            continue;
        }
        for (qsizetype j = 0; j < wanted.size(); ++j) {
            if (j != i && toBinding(wanted[j]).conflictsWith(toBinding(l))) {
                r.problems << Problem { QStringLiteral("duplicate"),
                    tr("%1 (%2) also wants %3.")
                        .arg(wizard::protocolLabel(wanted[j].protocol), wizard::securityLabel(wanted[j].security),
                            wanted[j].binding()),
                    tr("Two Tegami listeners cannot share an address and port: give one another port, or bind them "
                       "to different addresses of this machine.") };
                break;
            }
        }
        for (const ListenerChoice& f : fixed) {
            if (toBinding(f).conflictsWith(toBinding(l))) {
                r.problems << Problem {
                    QStringLiteral("duplicate"),
                    tr("Tegami's %1 listener already uses %2.").arg(wizard::protocolLabel(f.protocol), f.binding()),
                    tr("Choose another port, or change the %1 bindings first.").arg(wizard::protocolLabel(f.protocol))
                };
                r.usedBy = tr("Tegami (%1)").arg(wizard::protocolLabel(f.protocol));
                break;
            }
        }
        const QJsonObject ours = runningOn(running, l);
        if (ours.isEmpty()) {
            QTcpServer server;
            if (!server.listen(address, static_cast<quint16>(l.port))
                && server.serverError() == QAbstractSocket::AddressInUseError) {
                r.usedBy = programListeningOn(l.port);
                r.problems << Problem { QStringLiteral("in-use"),
                    r.usedBy.isEmpty()
                        ? tr("Port %1 on %2 is already in use by another program.").arg(l.port).arg(l.address)
                        : tr("Port %1 on %2 is already in use by %3.").arg(l.port).arg(l.address, r.usedBy),
                    r.usedBy.isEmpty()
                        ? tr("Stop or reconfigure that program (`sudo ss -ltnp 'sport = :%1'` shows which), or choose "
                             "another port.")
                              .arg(l.port)
                        : tr("Stop or reconfigure %1, or choose another port.").arg(r.usedBy) };
            }
        }
        if (l.port < privilegedBelow && !privileged && ours.isEmpty()) {
            const QString exe = executable.isEmpty() ? QStringLiteral("/usr/sbin/tegamid") : executable;
            r.problems << Problem { QStringLiteral("privileged"),
                tr("Ports below %1 need a privilege the service does not have.").arg(privilegedBelow),
                tr("With systemd: `sudo systemctl edit tegamid`, add under [Service] the line "
                   "`AmbientCapabilities=CAP_NET_BIND_SERVICE`, then `sudo systemctl restart tegamid`. Started by "
                   "hand: `sudo setcap cap_net_bind_service=+ep %1` and start it again. Or choose a port from %2 up.")
                    .arg(exe)
                    .arg(privilegedBelow) };
        }
        results << r;
    }
    return results;
}

QString BindingProbe::firewallReminder(const QList<ListenerChoice>& listeners)
{
    QStringList ports;
    QStringList numbers;
    for (const ListenerChoice& l : listeners) {
        const QString n = QString::number(l.port);
        if (numbers.contains(n))
            continue;
        numbers << n;
        ports << tr("%1 (%2)").arg(n, wizard::protocolLabel(l.protocol));
    }
    if (ports.isEmpty())
        return {};
    return tr("The firewall must let in TCP %1 from where your users and other mail servers connect (for example "
              "`sudo ufw allow %2/tcp` or `sudo firewall-cmd --permanent --add-port=%2/tcp`).")
        .arg(ports.join(QStringLiteral(", ")), numbers.first());
}

int BindingProbe::unprivilegedPortStart()
{
#ifdef Q_OS_LINUX
    QFile f(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
    if (f.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const int start = f.readAll().trimmed().toInt(&ok);
        if (ok)
            return start;
    }
    return 1024;
#elif defined(Q_OS_WIN)
    return 0; // Windows has no privileged ports
#else
    return 1024;
#endif
}

bool BindingProbe::canBindPrivileged(qint64 pid, QString* executable)
{
#ifdef Q_OS_LINUX
    if (pid <= 0)
        return false;
    const QString base = QStringLiteral("/proc/%1/").arg(pid);
    if (executable)
        *executable = QFileInfo(base + QStringLiteral("exe")).symLinkTarget();
    QFile status(base + QStringLiteral("status"));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("CapEff:")) {
            constexpr quint64 capNetBindService = quint64(1) << 10;
            return (line.mid(7).trimmed().toULongLong(nullptr, 16) & capNetBindService) != 0;
        }
    }
    return false;
#else
    Q_UNUSED(pid)
    Q_UNUSED(executable)
    return true;
#endif
}

QString BindingProbe::programListeningOn(int port)
{
#ifdef Q_OS_LINUX
    // /proc/net/tcp{,6}: "sl local_address rem_address st ... inode"; st 0A is LISTEN.
    QSet<QByteArray> inodes;
    for (const QString& file : { QStringLiteral("/proc/net/tcp"), QStringLiteral("/proc/net/tcp6") }) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = f.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cols = lines[i].simplified().split(' ');
            if (cols.size() < 10 || cols[3] != "0A")
                continue;
            const QByteArray local = cols[1];
            const qsizetype colon = local.lastIndexOf(':');
            if (colon >= 0 && local.mid(colon + 1).toInt(nullptr, 16) == port)
                inodes.insert("socket:[" + cols[9] + "]");
        }
    }
    if (inodes.isEmpty())
        return {};
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        if (!numeric)
            continue;
        QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
        for (const QFileInfo& fd : fds.entryInfoList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
            if (inodes.contains(QFile::symLinkTarget(fd.filePath()).section(QLatin1Char('/'), -1).toUtf8())) {
                QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
                const QString name
                    = comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll().trimmed()) : tr("a program");
                return tr("%1 (process %2)").arg(name, pid);
            }
        }
    }
#else
    Q_UNUSED(port)
#endif
    return {};
}

} // namespace tegami
