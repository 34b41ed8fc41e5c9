#include "diag/ConfigCheck.h"

#include <algorithm>

namespace tegami {

namespace {

QString ports(const QList<const ListenerView*>& listeners)
{
    QStringList out;
    for (const ListenerView* l : listeners) {
        const QString port = QString::number(l->port);
        if (!out.contains(port))
            out << port;
    }
    return out.join(QStringLiteral(", "));
}

int severityRank(const QString& s)
{
    return s == QLatin1String("error") ? 0 : s == QLatin1String("warning") ? 1 : 2;
}

// Engine::warnings() lines this check computes itself (from the same facts).
bool coveredEngineWarning(const QString& w)
{
    static const char* const covered[]
        = { " is not listening: ", "is enabled but has no bindings", "allows passwords without TLS",
              "submission accepts AUTH without TLS", "POP-before-SMTP is on", " cannot offer TLS: ", " certificate: " };
    return std::any_of(std::begin(covered), std::end(covered),
        [&](const char* fragment) { return w.contains(QLatin1String(fragment)); });
}

class Checker {
public:
    explicit Checker(const ConfigFacts& facts)
        : f(facts)
    { }

    QList<ConfigCheckItem> run()
    {
        listeners();
        certificates();
        logins();
        accounts();
        names();
        engineWarnings();
        std::stable_sort(items.begin(), items.end(), [](const ConfigCheckItem& a, const ConfigCheckItem& b) {
            return severityRank(a.severity) < severityRank(b.severity);
        });
        return items;
    }

private:
    void add(const QString& id, const QString& severity, const QString& message, const QString& page,
        const QString& wizard = {})
    {
        items << ConfigCheckItem { id, severity, message, page, wizard };
    }

    bool enabled(Protocol p) const { return f.settings.protocolEnabled(p); }

    void listeners()
    {
        bool any = false;
        for (Protocol p : allProtocols) {
            if (!enabled(p))
                continue;
            any = true;
            const QString n = protocolName(p);
            if (f.settings.list(n + QStringLiteral(".bindings")).isEmpty()
                && f.settings.list(n + QStringLiteral(".tlsBindings")).isEmpty())
                add(QStringLiteral("no-bindings.") + n, QStringLiteral("warning"),
                    QStringLiteral("%1 is enabled but has no address and port to listen on, so clients cannot reach "
                                   "it: add a binding (for example 0.0.0.0 and its standard port)")
                        .arg(n),
                    QStringLiteral("protocols"), QStringLiteral("ports"));
        }
        if (!any)
            add(QStringLiteral("no-protocol"), QStringLiteral("info"),
                QStringLiteral("No protocol is enabled yet: enable IMAP4 or POP3 for reading mail and SMTP "
                               "submission for sending it"),
                QStringLiteral("protocols"), QStringLiteral("protocols"));
        else if ((enabled(Protocol::Imap) || enabled(Protocol::Pop3)) && !enabled(Protocol::Submission))
            add(QStringLiteral("no-submission"), QStringLiteral("warning"),
                QStringLiteral("SMTP submission is off: users can read mail but their clients cannot send it; enable "
                               "submission (587 with STARTTLS, 465 with TLS)"),
                QStringLiteral("protocols"), QStringLiteral("protocols"));

        QHash<Protocol, QList<const ListenerView*>> withoutTls;
        for (const ListenerView& l : f.listeners) {
            if (!l.failure.isEmpty() || (!l.listening && enabled(l.protocol))) {
                add(QStringLiteral("listener-failed.") + l.id, QStringLiteral("error"),
                    QStringLiteral("%1 is not listening: %2")
                        .arg(l.id, l.failure.isEmpty() ? QStringLiteral("it is stopped") : l.failure),
                    QStringLiteral("dashboard"), QStringLiteral("ports"));
                continue;
            }
            if (l.listening && (l.tls == TlsMode::None || !l.tlsAvailable))
                withoutTls[l.protocol] << &l;
        }
        for (Protocol p : allProtocols) {
            const QList<const ListenerView*> open = withoutTls.value(p);
            if (open.isEmpty())
                continue;
            const bool closes = std::any_of(
                open.begin(), open.end(), [](const ListenerView* l) { return l->tls == TlsMode::Implicit; });
            // The MX still receives mail in plain text; clients' passwords are what is at stake.
            const QString severity = closes ? QStringLiteral("error")
                : p == Protocol::Smtp       ? QStringLiteral("info")
                                            : QStringLiteral("warning");
            add(QStringLiteral("listener-without-tls.") + protocolName(p), severity,
                QStringLiteral("%1 on port %2 cannot use TLS (no usable certificate): %3")
                    .arg(protocolName(p), ports(open),
                        closes ? QStringLiteral("implicit-TLS ports close every connection, and STARTTLS is not "
                                                "offered")
                            : p == Protocol::Smtp
                            ? QStringLiteral("STARTTLS is not offered, so mail from other servers crosses the "
                                             "network in clear text")
                            : QStringLiteral("STARTTLS is not offered, so mail and passwords cross the network "
                                             "in clear text")),
                QStringLiteral("certificates"), QStringLiteral("certificate"));
        }
    }

    void certificates()
    {
        QStringList unassigned;
        QHash<QString, QStringList> usersOf; // certificate id -> enabled protocols using it
        for (Protocol p : allProtocols) {
            if (!enabled(p))
                continue;
            const QString id = f.settings.certificateFor(p);
            if (id.isEmpty()) {
                unassigned << protocolName(p);
                continue;
            }
            usersOf[id] << protocolName(p);
            const CertificateCheck check = f.certificateChecks.value(p);
            if (!check.problems.isEmpty())
                add(QStringLiteral("certificate.") + protocolName(p), QStringLiteral("error"),
                    QStringLiteral("The certificate of %1 (%2) cannot be used: %3")
                        .arg(protocolName(p), id, check.problems.join(QStringLiteral("; "))),
                    QStringLiteral("certificates"), QStringLiteral("certificate"));
        }
        if (!unassigned.isEmpty())
            add(QStringLiteral("no-certificate"), QStringLiteral("error"),
                QStringLiteral("No TLS certificate is assigned to %1: clients cannot connect securely. Generate a "
                               "self-signed certificate or import one from a certificate authority")
                    .arg(unassigned.join(QStringLiteral(", "))),
                QStringLiteral("certificates"), QStringLiteral("certificate"));

        QStringList ids = usersOf.keys();
        ids.sort();
        for (const QString& id : ids) {
            const auto info = f.certificates.constFind(id);
            if (info == f.certificates.constEnd())
                continue; // a missing certificate is one of the problems above
            const QString used = usersOf.value(id).join(QStringLiteral(", "));
            const qint64 secsLeft = f.now.isValid() ? f.now.secsTo(info->notAfter) : 0;
            if (f.now.isValid() && secsLeft > 0 && secsLeft < qint64(kExpiryWarningDays) * 86400)
                add(QStringLiteral("certificate-expiring.") + id, QStringLiteral("warning"),
                    QStringLiteral("The certificate %1 (%2), used by %3, expires in %4 day(s), on %5: renew it or "
                                   "import its successor")
                        .arg(id, info->subject, used)
                        .arg(secsLeft / 86400)
                        .arg(info->notAfter.date().toString(Qt::ISODate)),
                    QStringLiteral("certificates"), QStringLiteral("certificate"));
            if (info->selfSigned)
                add(QStringLiteral("certificate-self-signed.") + id, QStringLiteral("info"),
                    QStringLiteral("The certificate %1, used by %2, is self-signed: each user's mail client warns "
                                   "until they choose to trust it. A certificate from a certificate authority avoids "
                                   "that")
                        .arg(id, used),
                    QStringLiteral("certificates"), QStringLiteral("certificate"));
            else if (!info->trusted)
                add(QStringLiteral("certificate-untrusted.") + id, QStringLiteral("warning"),
                    QStringLiteral("The certificate %1, used by %2, is not trusted%3: clients will warn. Import it "
                                   "with its intermediate certificates")
                        .arg(id, used,
                            info->trustProblem.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(info->trustProblem)),
                    QStringLiteral("certificates"), QStringLiteral("certificate"));
        }
    }

    void logins()
    {
        for (Protocol p : { Protocol::Pop3, Protocol::Imap }) {
            const QString n = protocolName(p);
            if (enabled(p) && f.settings.string(n + QStringLiteral(".loginType")) == QLatin1String("plainTextLogin"))
                add(QStringLiteral("plaintext-login.") + n, QStringLiteral("warning"),
                    QStringLiteral("%1 accepts passwords without TLS (login type plainTextLogin): anyone on the "
                                   "network path can read them. Use secureLogin")
                        .arg(n),
                    QStringLiteral("protocols"), QStringLiteral("protocols"));
        }
        if (enabled(Protocol::Submission) && !f.settings.boolean(QStringLiteral("submission.requireTlsForAuth")))
            add(QStringLiteral("plaintext-login.submission"), QStringLiteral("warning"),
                QStringLiteral("SMTP submission accepts AUTH without TLS: passwords cross the network in clear text. "
                               "Turn on \"require TLS for AUTH\""),
                QStringLiteral("protocols"), QStringLiteral("protocols"));
        if (f.settings.boolean(QStringLiteral("submission.popBeforeSmtp")))
            add(QStringLiteral("pop-before-smtp"), QStringLiteral("warning"),
                QStringLiteral("POP-before-SMTP is on: anyone sharing the address of a user who recently read mail by "
                               "POP3 (NAT, a shared Wi-Fi) can send mail through this server. Turn it off once old "
                               "clients use SMTP AUTH"),
                QStringLiteral("protocols"), QStringLiteral("protocols"));
    }

    void accounts()
    {
        if (f.domains == 0)
            add(QStringLiteral("no-domain"), QStringLiteral("warning"),
                QStringLiteral("There is no mail domain yet, so the server accepts mail for nobody: add your "
                               "organisation's domain"),
                QStringLiteral("accounts"), QStringLiteral("first-run"));
        if (f.users == 0)
            add(QStringLiteral("no-user"), QStringLiteral("warning"),
                QStringLiteral("There is no mailbox a mail client can use yet (administrators cannot use POP3 or "
                               "IMAP4): add a user"),
                QStringLiteral("accounts"), QStringLiteral("first-run"));
    }

    void names()
    {
        if (f.settings.string(QStringLiteral("server.fqdn")).isEmpty())
            add(QStringLiteral("fqdn-empty"), QStringLiteral("warning"),
                QStringLiteral("The server's name (server.fqdn) is not set, so Tegami uses this computer's host name "
                               "'%1' in greetings and certificate checks: set the name clients use, such as "
                               "mail.example.com")
                    .arg(f.fqdn),
                QStringLiteral("settings"), QStringLiteral("first-run"));
        if (!f.fqdn.isEmpty() && !f.fqdn.contains(QLatin1Char('.')))
            add(QStringLiteral("fqdn-not-qualified"), QStringLiteral("warning"),
                QStringLiteral("'%1' is not a fully qualified domain name: other servers and clients cannot look it "
                               "up. Set server.fqdn to a name such as mail.example.com")
                    .arg(f.fqdn),
                QStringLiteral("settings"), QStringLiteral("first-run"));
        else if (f.fqdnResolves.has_value() && !*f.fqdnResolves)
            add(QStringLiteral("fqdn-not-resolving"), QStringLiteral("warning"),
                QStringLiteral("'%1' does not resolve%2: clients cannot find the server by that name. Add an A "
                               "record (and AAAA for IPv6) for it at your DNS provider or in the office's DNS server")
                    .arg(f.fqdn,
                        f.fqdnLookupError.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(f.fqdnLookupError)),
                QStringLiteral("settings"), QStringLiteral("first-run"));
    }

    void engineWarnings()
    {
        int n = 0;
        for (const QString& w : f.engineWarnings) {
            if (coveredEngineWarning(w))
                continue;
            const bool queue = w.contains(QLatin1String("queued messages")) || w.contains(QLatin1String("spool"));
            add(queue ? QStringLiteral("queue-damaged") : QStringLiteral("service.%1").arg(n++),
                QStringLiteral("warning"), w, queue ? QStringLiteral("queue") : QStringLiteral("dashboard"));
        }
    }

    const ConfigFacts& f;
    QList<ConfigCheckItem> items;
};

} // namespace

QJsonObject ConfigCheckItem::toJson() const
{
    return QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("severity"), severity },
        { QStringLiteral("message"), message }, { QStringLiteral("page"), page },
        { QStringLiteral("wizard"), wizard } };
}

QList<ConfigCheckItem> runConfigChecks(const ConfigFacts& facts)
{
    return Checker(facts).run();
}

QJsonArray configChecksJson(const QList<ConfigCheckItem>& items)
{
    QJsonArray a;
    for (const ConfigCheckItem& i : items)
        a.append(i.toJson());
    return a;
}

} // namespace tegami
