// Argument parsers for connection, authentication and extension commands: CAPABILITY,
// NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, EXPUNGE, IDLE, NAMESPACE (no arguments),
// AUTHENTICATE, LOGIN, ID, ENABLE, GETQUOTA.

#include "imap/ImapParseCommands.h"

namespace tegami::imapparse {

namespace {

bool isBase64Char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '=';
}

// RFC 2971 3.3: at most 30 pairs, field names up to 30 bytes, values up to 1024.
constexpr int kMaxIdFields = 30;
constexpr int kMaxIdField = 30;
constexpr int kMaxIdValue = 1024;

} // namespace

bool noArgs(ImapCursor&, ImapCommand& cmd)
{
    cmd.args = ImapNoArgs {};
    return true;
}

// AUTHENTICATE SP auth-type [SP (base64 / "=")]   (RFC 3501, RFC 4959 SASL-IR)
bool authenticate(ImapCursor& c, ImapCommand& cmd)
{
    ImapAuthenticateArgs args;
    if (!c.space("the mechanism name"))
        return false;
    const std::optional<QByteArray> mechanism = c.atom("a SASL mechanism name");
    if (!mechanism)
        return false;
    args.mechanism = mechanism->toUpper();
    if (c.consume(' ')) {
        const QByteArrayView response = c.takeWhile(isBase64Char);
        if (response.isEmpty())
            return c.expected("a base64 initial response or =");
        args.initialResponse = response.toByteArray();
    }
    cmd.args = std::move(args);
    return true;
}

// LOGIN SP userid SP password   (both astring)
bool login(ImapCursor& c, ImapCommand& cmd)
{
    ImapLoginArgs args;
    if (!c.space("the user name"))
        return false;
    std::optional<QByteArray> user = c.astring("a user name");
    if (!user || !c.space("the password"))
        return false;
    std::optional<QByteArray> password = c.astring("a password");
    if (!password)
        return false;
    args.user = std::move(*user);
    args.password = std::move(*password);
    cmd.args = std::move(args);
    return true;
}

// ID SP ("(" string SP nstring *(SP string SP nstring) ")" / NIL)   (RFC 2971)
bool id(ImapCursor& c, ImapCommand& cmd)
{
    ImapIdArgs args;
    if (!c.space("the ID list or NIL"))
        return false;
    if (c.consumeKeyword("NIL")) {
        cmd.args = std::move(args);
        return true;
    }
    if (!c.expect('(', "( or NIL"))
        return false;
    if (!c.consume(')')) {
        for (;;) {
            std::optional<QByteArray> field = c.string("an ID field name (a string)");
            if (!field || !c.space("the ID field value"))
                return false;
            std::optional<std::optional<QByteArray>> value = c.nstring("an ID field value (a string or NIL)");
            if (!value)
                return false;
            if (field->size() > kMaxIdField || (*value && (*value)->size() > kMaxIdValue))
                return c.fail(QStringLiteral("ID field names are at most 30 bytes, values at most 1024"));
            if (args.fields.size() == kMaxIdFields)
                return c.fail(QStringLiteral("at most 30 ID fields"));
            args.fields.append({ std::move(*field), std::move(*value) });
            if (c.consume(')'))
                break;
            if (!c.space("the next ID field"))
                return false;
        }
    }
    cmd.args = std::move(args);
    return true;
}

// ENABLE 1*(SP capability)   (RFC 5161)
bool enable(ImapCursor& c, ImapCommand& cmd)
{
    ImapEnableArgs args;
    do {
        if (!c.space("a capability name"))
            return false;
        const std::optional<QByteArray> capability = c.atom("a capability name");
        if (!capability)
            return false;
        args.capabilities.append(capability->toUpper());
    } while (!c.atEnd());
    cmd.args = std::move(args);
    return true;
}

// GETQUOTA SP quota-root   (RFC 9208; quota-root = astring)
bool getQuota(ImapCursor& c, ImapCommand& cmd)
{
    if (!c.space("the quota root"))
        return false;
    const std::optional<QByteArray> root = c.astring("a quota root name");
    if (!root)
        return false;
    cmd.args = ImapQuotaArgs { QString::fromUtf8(*root) };
    return true;
}

} // namespace tegami::imapparse
