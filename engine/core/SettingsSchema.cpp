#include "core/SettingsSchema.h"

#include "core/Binding.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

namespace tegami {

namespace {

QString checkHostName(const QJsonValue& v)
{
    const QString name = v.toString();
    if (name.isEmpty())
        return {}; // empty: use the machine's host name
    static const QRegularExpression label(QStringLiteral("^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$"));
    if (name.size() > 253)
        return QStringLiteral("a host name is at most 253 characters");
    for (const QString& part : name.split(QLatin1Char('.'))) {
        if (!label.match(part).hasMatch())
            return QStringLiteral("'%1' is not a valid host name (letters, digits and hyphens in dot-separated labels, "
                                  "for example mail.example.com)")
                .arg(name);
    }
    return {};
}

QJsonArray strings(std::initializer_list<const char*> items)
{
    QJsonArray a;
    for (const char* s : items)
        a.append(QString::fromLatin1(s));
    return a;
}

FieldSpec boolField(const QString& key, bool def, const QString& description)
{
    return FieldSpec { key, FieldType::Bool, def, description };
}

FieldSpec intField(const QString& key, qint64 def, qint64 min, qint64 max, const QString& description)
{
    FieldSpec f { key, FieldType::Int, QJsonValue(def), description };
    f.minimum = min;
    f.maximum = max;
    return f;
}

FieldSpec bindingsField(const QString& key, QJsonArray def, const QString& description)
{
    return FieldSpec { key, FieldType::BindingList, def, description };
}

// The fields every listening protocol has, with Exchange's defaults where it has one.
void addListenerFields(QList<FieldSpec>& f, const QString& p, const QString& label, QJsonArray plainBindings,
    QJsonArray tlsBindings, qint64 timeoutSecs)
{
    f << boolField(p + QStringLiteral(".enabled"), false,
        QStringLiteral("Whether the %1 listeners run. Off until an admin enables them.").arg(label));
    f << bindingsField(p + QStringLiteral(".bindings"), plainBindings,
        QStringLiteral("Addresses and ports for plain-text connections that can upgrade with STARTTLS."));
    f << bindingsField(p + QStringLiteral(".tlsBindings"), tlsBindings,
        QStringLiteral("Addresses and ports for implicit TLS connections."));
    f << intField(p + QStringLiteral(".maxConnections"), 500, 1, 100000,
        QStringLiteral("Most simultaneous %1 connections in total.").arg(label));
    f << intField(p + QStringLiteral(".maxConnectionsPerAddress"), 20, 1, 100000,
        QStringLiteral("Most simultaneous %1 connections from one remote address.").arg(label));
    f << intField(p + QStringLiteral(".timeoutSecs"), timeoutSecs, 10, 86400,
        QStringLiteral("Seconds of inactivity before a connection that has not logged in is closed."));
    f << boolField(p + QStringLiteral(".protocolLog"), true,
        QStringLiteral("Whether %1 sessions are written to the protocol log.").arg(label));
    FieldSpec fqdn { p + QStringLiteral(".fqdn"), FieldType::String, QString(),
        QStringLiteral("The name clients use for the %1 listeners (greeting, certificate match). "
                       "Empty: server.fqdn.")
            .arg(label) };
    fqdn.check = checkHostName;
    f << fqdn;
    f << FieldSpec { p + QStringLiteral(".certificate"), FieldType::String, QString(),
        QStringLiteral("Id of the TLS certificate for the %1 listeners (`tegamictl cert list`). "
                       "Empty: tls.defaultCertificate.")
            .arg(label) };
}

void addMailboxAccessFields(QList<FieldSpec>& f, const QString& p, qint64 commandSize)
{
    FieldSpec login { p + QStringLiteral(".loginType"), FieldType::Enum, QStringLiteral("secureLogin"),
        QStringLiteral("secureLogin: TLS before any login (default). plainTextAuthentication: plain-text "
                       "commands allowed but passwords only over TLS. plainTextLogin: passwords allowed "
                       "without TLS (not recommended).") };
    login.choices = { QStringLiteral("secureLogin"), QStringLiteral("plainTextAuthentication"),
        QStringLiteral("plainTextLogin") };
    f << login;
    f << intField(p + QStringLiteral(".maxConnectionsPerUser"), 16, 1, 10000,
        QStringLiteral("Most simultaneous connections for one user."));
    f << intField(p + QStringLiteral(".maxCommandSize"), commandSize, 40, 1048576,
        QStringLiteral("Longest command line in bytes."));
    f << intField(p + QStringLiteral(".authenticatedTimeoutSecs"), 1800, 30, 86400,
        QStringLiteral("Seconds of inactivity before a logged-in connection is closed."));
}

void addSmtpFields(QList<FieldSpec>& f, const QString& p)
{
    f << intField(p + QStringLiteral(".maxMessageSize"), 36LL * 1024 * 1024, 1024, 2LL * 1024 * 1024 * 1024,
        QStringLiteral("Largest message accepted, in bytes (advertised with SIZE)."));
    f << intField(p + QStringLiteral(".maxRecipients"), 200, 1, 100000, QStringLiteral("Most recipients per message."));
    f << intField(p + QStringLiteral(".maxProtocolErrors"), 5, 1, 1000,
        QStringLiteral("Protocol errors before the server disconnects."));
    f << intField(p + QStringLiteral(".tarpitSecs"), 5, 0, 60,
        QStringLiteral("Delay before answering after a failed command or login."));
    f << FieldSpec { p + QStringLiteral(".banner"), FieldType::String, QString(),
        QStringLiteral("Text after the 220 greeting; empty for the default.") };
    f << intField(p + QStringLiteral(".maxCommandLength"), 2048, 512, 65536,
        QStringLiteral("Longest command line in bytes (RFC 5321 allows 512 plus room for extension "
                       "parameters)."));
    f << intField(p + QStringLiteral(".maxLineLength"), 10000, 1000, 1048576,
        QStringLiteral("Longest line of message text in bytes. RFC 5321 asks for at least 1000; longer "
                       "lines are refused with 500 5.5.6."));
    FieldSpec bare { p + QStringLiteral(".bareLineEndings"), FieldType::Enum, QStringLiteral("reject"),
        QStringLiteral("What to do with a bare LF or CR in message text (SMTP smuggling): reject (default, "
                       "refused with 5xx) or normalize (turned into CRLF).") };
    bare.choices = { QStringLiteral("reject"), QStringLiteral("normalize") };
    f << bare;
}

// Outbound delivery: how queued mail for other domains leaves (MX, smarthost, routes).
void addOutboundFields(QList<FieldSpec>& f)
{
    f << FieldSpec { QStringLiteral("outbound.smarthost"), FieldType::String, QString(),
        QStringLiteral("Send all outgoing mail through this server (host:port, e.g. smtp.provider.example:587). "
                       "Empty: deliver straight to each domain's MX hosts.") };
    FieldSpec tls { QStringLiteral("outbound.smarthostTls"), FieldType::Enum, QStringLiteral("starttls"),
        QStringLiteral("Encryption to the smarthost: starttls (required, default), implicit (TLS from the "
                       "start, usually port 465) or none (not recommended: the password crosses the network).") };
    tls.choices = { QStringLiteral("starttls"), QStringLiteral("implicit"), QStringLiteral("none") };
    f << tls;
    f << FieldSpec { QStringLiteral("outbound.smarthostUser"), FieldType::String, QString(),
        QStringLiteral("User name for AUTH at the smarthost; empty: no AUTH.") };
    FieldSpec password { QStringLiteral("outbound.smarthostPassword"), FieldType::String, QString(),
        QStringLiteral("Password for AUTH at the smarthost. Stored in settings.json (readable only by the "
                       "service's account); never shown or logged.") };
    password.secret = true;
    f << password;
    f << boolField(QStringLiteral("outbound.smarthostVerifyCertificate"), true,
        QStringLiteral("Check the smarthost's TLS certificate against the system's trusted roots and its name."));
    f << FieldSpec { QStringLiteral("outbound.routes"), FieldType::StringList, QJsonArray(),
        QStringLiteral("Fixed next hops for some domains, as domain=host:port (e.g. branch.example=10.0.0.5:25); "
                       "they take precedence over the smarthost and MX records.") };
    f << boolField(QStringLiteral("outbound.requireTls"), false,
        QStringLiteral("Refuse to deliver to MX hosts without STARTTLS (off: TLS when offered, as most servers do)."));
    f << intField(QStringLiteral("outbound.connectTimeoutSecs"), 30, 1, 600,
        QStringLiteral("Seconds to wait for a remote server to accept the connection (and, for implicit TLS, to "
                       "finish the handshake); the greeting then has the 5 minutes RFC 5321 gives it."));
    f << intField(QStringLiteral("outbound.retrySecs"), 300, 1, 86400,
        QStringLiteral("Wait before the first retry of a temporary failure; each later wait doubles."));
    f << intField(
        QStringLiteral("outbound.maxRetrySecs"), 14400, 1, 86400, QStringLiteral("Longest wait between two retries."));
    f << intField(QStringLiteral("outbound.delayNoticeHours"), 4, 0, 240,
        QStringLiteral("Tell the sender that a message is delayed after this many hours (0: never)."));
    f << intField(QStringLiteral("outbound.maxQueueHours"), 120, 1, 720,
        QStringLiteral("Give up and return a message to its sender after this many hours (120 = 5 days)."));
    f << intField(QStringLiteral("outbound.maxConcurrentDeliveries"), 10, 1, 1000,
        QStringLiteral("Most outbound connections at once."));
}

} // namespace

QString fieldTypeName(FieldType t)
{
    switch (t) {
    case FieldType::Bool:
        return QStringLiteral("bool");
    case FieldType::Int:
        return QStringLiteral("int");
    case FieldType::String:
        return QStringLiteral("string");
    case FieldType::Enum:
        return QStringLiteral("enum");
    case FieldType::StringList:
        return QStringLiteral("string list");
    case FieldType::BindingList:
        return QStringLiteral("binding list");
    case FieldType::NetworkList:
        return QStringLiteral("network list");
    }
    return {};
}

SettingsSchema::SettingsSchema()
{
    QList<FieldSpec>& f = m_fields;
    FieldSpec fqdn { QStringLiteral("server.fqdn"), FieldType::String, QString(),
        QStringLiteral("The server's fully qualified domain name, used in greetings and matched "
                       "against TLS certificates. Empty: the machine's host name.") };
    fqdn.check = checkHostName;
    f << fqdn;
    FieldSpec external { QStringLiteral("server.externalHostName"), FieldType::String, QString(),
        QStringLiteral("The name clients outside the office use to reach this server (the client-settings card, "
                       "autoconfig, Autodiscover and DNS records). Empty: server.fqdn.") };
    external.check = checkHostName;
    f << external;

    addListenerFields(
        f, QStringLiteral("smtp"), QStringLiteral("inbound SMTP (MX)"), strings({ "0.0.0.0:25" }), {}, 300);
    addSmtpFields(f, QStringLiteral("smtp"));
    f << FieldSpec { QStringLiteral("smtp.trustedNetworks"), FieldType::NetworkList, QJsonArray(),
        QStringLiteral("Networks (CIDR, e.g. 192.168.1.0/24) allowed to relay without logging in. "
                       "Empty: nobody relays without authentication.") };

    addListenerFields(f, QStringLiteral("submission"), QStringLiteral("SMTP submission"), strings({ "0.0.0.0:587" }),
        strings({ "0.0.0.0:465" }), 300);
    addSmtpFields(f, QStringLiteral("submission"));
    f << boolField(QStringLiteral("submission.requireTlsForAuth"), true,
        QStringLiteral("Refuse AUTH until the connection uses TLS. Turning this off sends passwords in "
                       "clear text."));
    f << boolField(QStringLiteral("submission.popBeforeSmtp"), false,
        QStringLiteral("Legacy: let an address that logged in by POP3 send for a few minutes without "
                       "SMTP AUTH. Insecure with shared addresses (NAT); use only for old clients."));
    f << intField(QStringLiteral("submission.popBeforeSmtpMinutes"), 10, 1, 120,
        QStringLiteral("How long a POP3 login allows sending (POP-before-SMTP)."));
    f << boolField(QStringLiteral("submission.senderMustMatch"), true,
        QStringLiteral("A logged-in user may send only as their own address or one of their aliases "
                       "(MAIL FROM is checked)."));

    addListenerFields(
        f, QStringLiteral("pop3"), QStringLiteral("POP3"), strings({ "0.0.0.0:110" }), strings({ "0.0.0.0:995" }), 60);
    addMailboxAccessFields(f, QStringLiteral("pop3"), 512);
    FieldSpec popScope { QStringLiteral("pop3.defaultScope"), FieldType::Enum, QStringLiteral("all"),
        QStringLiteral("For new mailboxes: which mail POP3 shows, all (every message in the INBOX) or new (only "
                       "mail that arrives after the mailbox is created). Each mailbox can be changed later.") };
    popScope.choices = { QStringLiteral("all"), QStringLiteral("new") };
    f << popScope;
    FieldSpec popAfter { QStringLiteral("pop3.defaultAfterRetrieval"), FieldType::Enum, QStringLiteral("keep"),
        QStringLiteral("For new mailboxes: what happens on the server after a POP3 client downloads a message: keep "
                       "it, mark it read, archive it, or delete it.") };
    popAfter.choices
        = { QStringLiteral("keep"), QStringLiteral("read"), QStringLiteral("archive"), QStringLiteral("delete") };
    f << popAfter;

    addListenerFields(
        f, QStringLiteral("imap"), QStringLiteral("IMAP4"), strings({ "0.0.0.0:143" }), strings({ "0.0.0.0:993" }), 60);
    addMailboxAccessFields(f, QStringLiteral("imap"), 10240);
    f << boolField(QStringLiteral("imap.defaultAutoExpunge"), false,
        QStringLiteral("For new mailboxes: remove a message as soon as a client marks it deleted, without waiting "
                       "for the client's EXPUNGE."));
    FieldSpec imapDelete { QStringLiteral("imap.defaultDeleteAction"), FieldType::Enum, QStringLiteral("delete"),
        QStringLiteral("For new mailboxes: what removing a message from a folder other than Trash does: trash "
                       "(move it to Trash), archive (move it to Archive) or delete (standard IMAP).") };
    imapDelete.choices = { QStringLiteral("trash"), QStringLiteral("archive"), QStringLiteral("delete") };
    f << imapDelete;

    FieldSpec tlsMinimum { QStringLiteral("tls.minimumVersion"), FieldType::Enum, QStringLiteral("1.2"),
        QStringLiteral("Oldest TLS version accepted: 1.2 (default, what every current client "
                       "speaks) or 1.3. SSL 3.0 and TLS 1.0/1.1 are never accepted.") };
    tlsMinimum.choices = { QStringLiteral("1.2"), QStringLiteral("1.3") };
    f << tlsMinimum;
    f << FieldSpec { QStringLiteral("tls.defaultCertificate"), FieldType::String, QString(),
        QStringLiteral("Id of the TLS certificate used by every listener that has none of its own. "
                       "Empty: no TLS until a certificate is assigned.") };

    addOutboundFields(f);

    f << intField(QStringLiteral("log.maxFileSizeMB"), 10, 1, 1024,
        QStringLiteral("Protocol log: start a new file when the current one reaches this size."));
    f << intField(QStringLiteral("log.maxDirectorySizeMB"), 250, 1, 100000,
        QStringLiteral("Protocol log: delete the oldest files when the folder exceeds this size."));
    f << intField(QStringLiteral("log.maxAgeDays"), 30, 1, 3650,
        QStringLiteral("Protocol log: delete files older than this many days."));

    f << intField(QStringLiteral("security.maxFailuresPerAddress"), 10, 1, 10000,
        QStringLiteral("Failed logins from one address within the window before it is banned."));
    f << intField(QStringLiteral("security.maxFailuresPerAccount"), 5, 1, 10000,
        QStringLiteral("Failed logins for one account within the window before it is locked."));
    f << intField(QStringLiteral("security.failureWindowSecs"), 900, 10, 86400,
        QStringLiteral("The window in which failed logins are counted."));
    f << intField(QStringLiteral("security.banSecs"), 900, 10, 604800, QStringLiteral("How long a ban lasts."));
}

const SettingsSchema& SettingsSchema::instance()
{
    static const SettingsSchema schema;
    return schema;
}

const FieldSpec* SettingsSchema::field(const QString& key) const
{
    for (const FieldSpec& f : m_fields) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

QString SettingsSchema::validateValue(const FieldSpec& spec, const QJsonValue& value) const
{
    switch (spec.type) {
    case FieldType::Bool:
        if (!value.isBool())
            return QStringLiteral("must be true or false");
        break;
    case FieldType::Int: {
        if (!value.isDouble() || value.toDouble() != static_cast<double>(value.toInteger()))
            return QStringLiteral("must be a whole number between %1 and %2").arg(spec.minimum).arg(spec.maximum);
        const qint64 n = value.toInteger();
        if (n < spec.minimum || n > spec.maximum)
            return QStringLiteral("must be between %1 and %2 (found %3)").arg(spec.minimum).arg(spec.maximum).arg(n);
        break;
    }
    case FieldType::String:
        if (!value.isString())
            return QStringLiteral("must be a string");
        break;
    case FieldType::Enum:
        if (!value.isString() || !spec.choices.contains(value.toString()))
            return QStringLiteral("must be one of: %1").arg(spec.choices.join(QStringLiteral(", ")));
        break;
    case FieldType::StringList:
    case FieldType::BindingList:
    case FieldType::NetworkList: {
        if (!value.isArray())
            return QStringLiteral("must be a list (a JSON array of strings)");
        const QJsonArray items = value.toArray();
        for (const QJsonValue& item : items) {
            if (!item.isString())
                return QStringLiteral("must be a list of strings");
            if (spec.type == FieldType::BindingList) {
                const Result<Binding> b = Binding::parse(item.toString());
                if (!b)
                    return b.error().message;
            } else if (spec.type == FieldType::NetworkList) {
                const auto subnet = QHostAddress::parseSubnet(item.toString());
                if (subnet.first.isNull())
                    return QStringLiteral("'%1' is not a network; write it as address/prefix, for example "
                                          "192.168.1.0/24")
                        .arg(item.toString());
            }
        }
        break;
    }
    }
    if (spec.check)
        return spec.check(value);
    return {};
}

} // namespace tegami
