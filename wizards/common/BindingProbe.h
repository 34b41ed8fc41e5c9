#pragma once

#include "wizards/common/SetupState.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace tegami {

class ServiceClient;

// Whether the listeners a wizard wants can start: the port already held by another program
// (on Linux, which one), two listeners on the same address and port, a port below 1024 the
// service may not bind (with the fix for systemd and for a manual start), an address this
// machine does not have. The service's diag.probeBindings answers when it exists; else the
// console checks from the same machine (it reaches the service over a local socket).
class BindingProbe {
    Q_DECLARE_TR_FUNCTIONS(tegami::BindingProbe)
public:
    struct Problem {
        QString kind; // in-use, duplicate, privileged, address
        QString message;
        QString fix;
    };
    struct Result {
        ListenerChoice listener;
        QList<Problem> problems;
        QString usedBy; // "nginx (pid 812)", "Tegami's IMAP4 listener"
        bool ok() const { return problems.isEmpty(); }
    };

    // wanted: the listeners after the change; fixed: Tegami listeners that keep running
    // (other protocols'); running: listener.list, to recognise ports Tegami itself holds.
    static QList<Result> probe(ServiceClient& client, const QList<ListenerChoice>& wanted,
        const QList<ListenerChoice>& fixed, const QJsonArray& running, qint64 servicePid);
    static QList<Result> probeLocally(const QList<ListenerChoice>& wanted, const QList<ListenerChoice>& fixed,
        const QJsonArray& running, qint64 servicePid);

    // The ports a firewall must let in, "TCP 993 (IMAP4), 587 (SMTP submission)".
    static QString firewallReminder(const QList<ListenerChoice>& listeners);

    // Linux: the program that listens on a TCP port ("dovecot (pid 812)"), or empty.
    static QString programListeningOn(int port);
    // Whether the process may bind ports below the unprivileged limit.
    static bool canBindPrivileged(qint64 pid, QString* executable);
    static int unprivilegedPortStart();
};

} // namespace tegami
