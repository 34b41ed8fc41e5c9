#include "Output.h"

#include <QJsonDocument>

#include <cstdio>

#include "CommandLine.h"

namespace tegami::cli {

namespace {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toVariant().toString();
}

QString jsonText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

void print(const QString& line)
{
    std::fputs(qPrintable(line), stdout);
    std::fputc('\n', stdout);
}

} // namespace

void printJson(const QJsonValue& value)
{
    if (value.isObject())
        std::fputs(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact).constData(), stdout);
    else if (value.isArray())
        std::fputs(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact).constData(), stdout);
    else
        std::fputs(qPrintable(jsonText(value)), stdout);
    std::fputc('\n', stdout);
}

void printTable(const QStringList& header, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& h : header)
        widths << h.size();
    for (const QStringList& r : rows) {
        for (int i = 0; i < r.size() && i < widths.size(); ++i)
            widths[i] = qMax(widths[i], r[i].size());
    }
    const auto line = [&](const QStringList& cells) {
        QString out;
        for (int i = 0; i < cells.size(); ++i)
            out += i + 1 == cells.size() ? cells[i] : cells[i].leftJustified(widths[i] + 2);
        print(out.trimmed());
    };
    line(header);
    for (const QStringList& r : rows)
        line(r);
}

void printListeners(const QJsonArray& listeners)
{
    if (listeners.isEmpty()) {
        print(QStringLiteral("No listeners: no protocol is enabled."));
        return;
    }
    QList<QStringList> rows;
    QStringList failures;
    for (const QJsonValue& v : listeners) {
        const QJsonObject l = v.toObject();
        const QString address = l.value(QStringLiteral("address")).toString();
        const QString endpoint
            = (address.contains(QLatin1Char(':')) ? QLatin1Char('[') + address + QLatin1Char(']') : address)
            + QLatin1Char(':') + str(l, "port");
        rows << QStringList { str(l, "protocol"), endpoint, str(l, "tls"), str(l, "state"),
            str(l, "activeConnections") };
        if (l.contains(QStringLiteral("error")))
            failures << QStringLiteral("  %1: %2").arg(str(l, "id"), str(l, "error"));
    }
    printTable({ QStringLiteral("PROTOCOL"), QStringLiteral("ADDRESS"), QStringLiteral("TLS"), QStringLiteral("STATE"),
                   QStringLiteral("CONNECTIONS") },
        rows);
    if (!failures.isEmpty()) {
        print(QStringLiteral("\nFailing listeners:"));
        for (const QString& f : failures)
            print(f);
    }
}

void printStatus(const QJsonObject& s)
{
    print(QStringLiteral("tegamid %1 is running (pid %2, up %3 s)")
              .arg(str(s, "version"), str(s, "pid"), str(s, "uptimeSecs")));
    print(QStringLiteral("Data directory: %1").arg(str(s, "dataDir")));
    print(QStringLiteral("Server name:    %1").arg(str(s, "fqdn")));
    const QJsonObject counts = s.value(QStringLiteral("accounts")).toObject();
    print(QStringLiteral("Accounts:       %1 domains, %2 mailboxes, %3 aliases")
              .arg(str(counts, "domains"), str(counts, "mailboxes"), str(counts, "aliases")));
    const QJsonObject queue = s.value(QStringLiteral("queue")).toObject();
    const QJsonObject today = queue.value(QStringLiteral("today")).toObject();
    print(QStringLiteral("Queue:          %1 messages waiting; today %2 received, %3 delivered here, %4 sent on, "
                         "%5 bounced")
              .arg(str(queue, "messages"), str(today, "receivedToday"), str(today, "deliveredLocalToday"),
                  str(today, "sentRemoteToday"), str(today, "bouncedToday")));
    QStringList enabled;
    const QJsonObject protocols = s.value(QStringLiteral("protocols")).toObject();
    for (auto it = protocols.begin(); it != protocols.end(); ++it) {
        if (it.value().toObject().value(QStringLiteral("enabled")).toBool())
            enabled << it.key();
    }
    print(QStringLiteral("Enabled:        %1\n")
              .arg(enabled.isEmpty() ? QStringLiteral("nothing yet") : enabled.join(QStringLiteral(", "))));
    printListeners(s.value(QStringLiteral("listeners")).toArray());
    const QJsonArray warnings = s.value(QStringLiteral("warnings")).toArray();
    if (!warnings.isEmpty()) {
        print(QStringLiteral("\nWarnings:"));
        for (const QJsonValue& w : warnings)
            print(QStringLiteral("  - ") + w.toString());
    }
    const QJsonArray next = s.value(QStringLiteral("nextSteps")).toArray();
    if (!next.isEmpty()) {
        print(QStringLiteral("\nNext steps:"));
        for (const QJsonValue& n : next)
            print(QStringLiteral("  ") + n.toString());
    }
}

void printDomains(const QJsonArray& domains)
{
    if (domains.isEmpty()) {
        print(QStringLiteral("No domains. Add one with: tegamictl domain add example.com"));
        return;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : domains) {
        const QJsonObject d = v.toObject();
        rows << QStringList { str(d, "name"), str(d, "ace"), str(d, "mailboxes"), str(d, "aliases") };
    }
    printTable(
        { QStringLiteral("DOMAIN"), QStringLiteral("ACE"), QStringLiteral("MAILBOXES"), QStringLiteral("ALIASES") },
        rows);
}

void printUsers(const QJsonArray& users)
{
    if (users.isEmpty()) {
        print(QStringLiteral("No mailboxes. Add one with: tegamictl user add alice@example.com"));
        return;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : users) {
        const QJsonObject u = v.toObject();
        QStringList protocols;
        for (const QJsonValue& p : u.value(QStringLiteral("protocols")).toArray())
            protocols << p.toString();
        rows << QStringList { str(u, "address"), str(u, "displayName"),
            u.value(QStringLiteral("enabled")).toBool() ? QStringLiteral("yes") : QStringLiteral("no"),
            u.value(QStringLiteral("admin")).toBool() ? QStringLiteral("admin") : QString(),
            formatSize(u.value(QStringLiteral("quotaBytes")).toInteger()), protocols.join(QLatin1Char(',')) };
    }
    printTable({ QStringLiteral("ADDRESS"), QStringLiteral("NAME"), QStringLiteral("ENABLED"), QStringLiteral("ROLE"),
                   QStringLiteral("QUOTA"), QStringLiteral("PROTOCOLS") },
        rows);
}

void printAliases(const QJsonArray& aliases)
{
    if (aliases.isEmpty()) {
        print(QStringLiteral("No aliases."));
        return;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : aliases) {
        const QJsonObject a = v.toObject();
        QStringList targets;
        for (const QJsonValue& t : a.value(QStringLiteral("targets")).toArray())
            targets << t.toString();
        rows << QStringList { str(a, "address"), targets.join(QStringLiteral(", ")) };
    }
    printTable({ QStringLiteral("ALIAS"), QStringLiteral("TARGETS") }, rows);
}

void printProtocolChange(const QJsonObject& change)
{
    const bool enabled = change.value(QStringLiteral("enabled")).toBool();
    print(QStringLiteral("%1 is %2.")
              .arg(str(change, "protocol"), enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")));
    if (!enabled)
        return;
    const QJsonArray listeners = change.value(QStringLiteral("listeners")).toArray();
    if (listeners.isEmpty())
        print(QStringLiteral(
            "It has no addresses to listen on: set %1.bindings or %1.tlsBindings with `tegamictl config set`.")
                  .arg(str(change, "protocol")));
    else
        printListeners(listeners);
}

void printConfig(const QJsonValue& config)
{
    const QJsonArray fields = config.isArray() ? config.toArray() : QJsonArray { config };
    if (fields.size() == 1) {
        const QJsonObject f = fields.first().toObject();
        print(QStringLiteral("%1 = %2").arg(str(f, "key"), jsonText(f.value(QStringLiteral("value")))));
        print(QStringLiteral("  default: %1").arg(jsonText(f.value(QStringLiteral("default")))));
        print(QStringLiteral("  type:    %1").arg(str(f, "type")));
        print(QStringLiteral("  %1").arg(str(f, "description")));
        return;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : fields) {
        const QJsonObject f = v.toObject();
        const bool changed = f.value(QStringLiteral("value")) != f.value(QStringLiteral("default"));
        rows << QStringList { str(f, "key"),
            jsonText(f.value(QStringLiteral("value"))) + (changed ? QStringLiteral("  *") : QString()) };
    }
    printTable({ QStringLiteral("KEY"), QStringLiteral("VALUE (* = changed from the default)") }, rows);
}

void printConfigChange(const QJsonObject& change)
{
    print(QStringLiteral("%1 = %2").arg(str(change, "key"), jsonText(change.value(QStringLiteral("value")))));
    if (change.value(QStringLiteral("restartRequired")).toBool())
        print(QStringLiteral("Saved. It takes effect when tegamid restarts."));
    else
        print(QStringLiteral("Saved and applied."));
    const QJsonArray failed = change.value(QStringLiteral("failedListeners")).toArray();
    for (const QJsonValue& f : failed)
        print(QStringLiteral("Listener %1 failed: %2").arg(str(f.toObject(), "id"), str(f.toObject(), "error")));
}

void printLogEvent(const QJsonObject& e)
{
    QString line = QStringLiteral("%1 %2 %3 %4 %5 %6")
                       .arg(str(e, "t"), str(e, "proto").leftJustified(10), str(e, "sid"), str(e, "remote"),
                           str(e, "dir"), str(e, "data"));
    if (e.contains(QStringLiteral("user")))
        line += QStringLiteral("  [%1]").arg(str(e, "user"));
    print(line);
}

void printCertificates(const QJsonObject& list)
{
    const QJsonArray certificates = list.value(QStringLiteral("certificates")).toArray();
    if (certificates.isEmpty()) {
        print(QStringLiteral(
            "No certificates. Create one with `tegamictl cert generate` (self-signed) or `cert csr` (for a CA), "
            "or bring one with `cert import`."));
    }
    for (const QJsonValue& v : certificates) {
        const QJsonObject c = v.toObject();
        QStringList sans;
        for (const QJsonValue& s : c.value(QStringLiteral("sans")).toArray())
            sans << s.toString();
        QStringList used;
        for (const QJsonValue& u : c.value(QStringLiteral("usedBy")).toArray())
            used << u.toString();
        print(QStringLiteral("%1  %2").arg(str(c, "id"), str(c, "subject")));
        print(QStringLiteral("    issuer:   %1%2")
                  .arg(str(c, "issuer"),
                      c.value(QStringLiteral("selfSigned")).toBool() ? QStringLiteral(" (self-signed)") : QString()));
        print(QStringLiteral("    names:    %1").arg(sans.join(QStringLiteral(", "))));
        print(QStringLiteral("    valid:    %1 to %2").arg(str(c, "notBefore"), str(c, "notAfter")));
        print(QStringLiteral("    key:      %1 %2 bits").arg(str(c, "keyType"), str(c, "keyBits")));
        print(QStringLiteral("    trusted:  %1")
                  .arg(c.value(QStringLiteral("trusted")).toBool()
                          ? QStringLiteral("yes")
                          : QStringLiteral("no (%1)").arg(str(c, "trustProblem"))));
        print(QStringLiteral("    SHA-256:  %1").arg(str(c, "sha256")));
        print(QStringLiteral("    SHA-1:    %1").arg(str(c, "sha1")));
        print(QStringLiteral("    used by:  %1")
                  .arg(used.isEmpty() ? QStringLiteral("nothing") : used.join(QStringLiteral(", "))));
    }
    const QJsonArray pending = list.value(QStringLiteral("pending")).toArray();
    if (!pending.isEmpty()) {
        print(QStringLiteral("\nPending requests (complete with `tegamictl cert complete ANSWER.pem`):"));
        for (const QJsonValue& v : pending)
            print(QStringLiteral("  %1  %2  created %3")
                      .arg(str(v.toObject(), "id"), str(v.toObject(), "commonName"), str(v.toObject(), "created")));
    }
    const QJsonObject assignments = list.value(QStringLiteral("assignments")).toObject();
    print(QStringLiteral("\nTLS by protocol:"));
    for (auto it = assignments.begin(); it != assignments.end(); ++it) {
        const QJsonObject a = it.value().toObject();
        QStringList notes;
        for (const QJsonValue& p : a.value(QStringLiteral("problems")).toArray())
            notes << p.toString();
        for (const QJsonValue& w : a.value(QStringLiteral("warnings")).toArray())
            notes << QStringLiteral("warning: ") + w.toString();
        print(QStringLiteral("  %1 (%2): %3%4")
                  .arg(it.key(), str(a, "fqdn"),
                      a.value(QStringLiteral("usable")).toBool() ? QStringLiteral("TLS with ") + str(a, "certificate")
                                                                 : QStringLiteral("no TLS"),
                      notes.isEmpty() ? QString() : QStringLiteral(" - ") + notes.join(QStringLiteral("; "))));
    }
}

void printCertificateAdded(const QJsonObject& c)
{
    print(QStringLiteral("Added certificate %1 (%2), valid until %3")
              .arg(str(c, "id"), str(c, "subject"), str(c, "notAfter")));
    print(QStringLiteral("Use it with: tegamictl cert assign %1").arg(str(c, "id")));
}

void printCertificateAssigned(const QJsonObject& a)
{
    print(QStringLiteral("Assigned %1 (%2). New connections use it now.").arg(str(a, "id"), str(a, "setting")));
    const QJsonObject checks = a.value(QStringLiteral("checks")).toObject();
    for (auto it = checks.begin(); it != checks.end(); ++it) {
        for (const QJsonValue& p : it.value().toObject().value(QStringLiteral("problems")).toArray())
            print(QStringLiteral("  %1: %2").arg(it.key(), p.toString()));
        for (const QJsonValue& w : it.value().toObject().value(QStringLiteral("warnings")).toArray())
            print(QStringLiteral("  %1: warning: %2").arg(it.key(), w.toString()));
    }
}

} // namespace tegami::cli
