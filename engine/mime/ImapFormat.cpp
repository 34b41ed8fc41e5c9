#include "mime/ImapFormat.h"

namespace tegami {

namespace {

// Beyond this many quoted-specials a literal is shorter than a quoted string.
constexpr int kMaxQuotedEscapes = 4;

void appendLiteral(QByteArray& out, QByteArrayView value)
{
    out.append('{').append(QByteArray::number(value.size())).append("}\r\n");
    const qsizetype start = out.size();
    out.append(value);
    for (qsizetype i = start; i < out.size(); ++i) {
        if (out[i] == '\0')
            out[i] = '\x80';
    }
}

void appendAddressList(QByteArray& out, const QList<ImapAddress>& list)
{
    if (list.isEmpty()) {
        out.append("NIL");
        return;
    }
    out.append('(');
    for (const ImapAddress& a : list) {
        out.append('(');
        if (a.name)
            appendImapHumanString(out, *a.name);
        else
            out.append("NIL");
        out.append(' ');
        appendImapNString(out, a.adl);
        out.append(' ');
        appendImapNString(out, a.mailbox);
        out.append(' ');
        appendImapNString(out, a.host);
        out.append(')');
    }
    out.append(')');
}

void appendParams(QByteArray& out, const MimeParams& params, bool defaultCharset)
{
    bool hasCharset = false;
    for (const MimeParam& p : params.items) {
        if (p.name.compare("charset", Qt::CaseInsensitive) == 0)
            hasCharset = true;
    }
    if (params.items.isEmpty() && !defaultCharset) {
        out.append("NIL");
        return;
    }
    out.append('(');
    bool first = true;
    for (const MimeParam& p : params.items) {
        if (!first)
            out.append(' ');
        first = false;
        appendImapString(out, p.name);
        out.append(' ');
        appendImapString(out, p.value);
    }
    if (defaultCharset && !hasCharset)
        out.append(first ? "" : " ").append("\"charset\" \"us-ascii\"");
    out.append(')');
}

void appendDispositionLanguageLocation(QByteArray& out, const MimePart& part)
{
    out.append(' ');
    if (part.disposition) {
        out.append('(');
        appendImapString(out, *part.disposition);
        out.append(' ');
        appendParams(out, part.dispositionParams, false);
        out.append(')');
    } else {
        out.append("NIL");
    }
    out.append(' ');
    if (part.language.isEmpty()) {
        out.append("NIL");
    } else {
        out.append('(');
        for (qsizetype i = 0; i < part.language.size(); ++i) {
            if (i > 0)
                out.append(' ');
            appendImapString(out, part.language[i]);
        }
        out.append(')');
    }
    out.append(' ');
    appendImapNString(out, part.location);
}

void appendPart(QByteArray& out, const QByteArray& message, const MimePart& part, bool ext);

void appendMultipart(QByteArray& out, const QByteArray& message, const MimePart& part, bool ext)
{
    if (part.children.empty()) {
        // A multipart must have a part; one that has none (no boundary found) is shown
        // with an empty text/plain one.
        out.append("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0");
        out.append(ext ? " NIL NIL NIL NIL)" : ")");
    }
    for (const MimePart& child : part.children)
        appendPart(out, message, child, ext);
    out.append(' ');
    appendImapString(out, part.subtype ? *part.subtype : QByteArray("x-unknown"));
    if (!ext)
        return;
    out.append(' ');
    appendParams(out, part.params, false);
    appendDispositionLanguageLocation(out, part);
}

void appendSinglePart(QByteArray& out, const QByteArray& message, const MimePart& part, bool ext)
{
    const bool isMessage = part.isMessage();
    const bool isText = !part.opaque && part.isText();
    if (part.opaque) {
        // A container past the nesting or part limit: an opaque body.
        out.append("\"application\" \"octet-stream\"");
    } else if (isMessage) {
        out.append("\"message\" \"rfc822\""); // whatever case the header used, as Dovecot
    } else if (part.type) {
        appendImapString(out, *part.type);
        out.append(' ');
        appendImapString(out, part.subtype ? *part.subtype : QByteArray());
    } else if (part.defaultRfc822) {
        out.append("\"message\" \"rfc822\"");
    } else {
        out.append("\"text\" \"plain\"");
    }
    out.append(' ');
    appendParams(out, part.params, isText);
    out.append(' ');
    appendImapNString(out, part.id);
    out.append(' ');
    appendImapNString(out, part.description);
    out.append(' ');
    if (part.encoding)
        appendImapString(out, *part.encoding);
    else
        out.append("\"7bit\"");
    out.append(' ').append(QByteArray::number(part.bodySize));
    if (isText) {
        out.append(' ').append(QByteArray::number(part.bodyLines));
    } else if (isMessage) {
        const MimePart& embedded = part.children.front();
        out.append(' ').append(imapEnvelope(message, embedded)).append(' ');
        appendPart(out, message, embedded, ext);
        out.append(' ').append(QByteArray::number(part.bodyLines));
    }
    if (!ext)
        return;
    out.append(' ');
    appendImapNString(out, part.md5);
    appendDispositionLanguageLocation(out, part);
}

void appendPart(QByteArray& out, const QByteArray& message, const MimePart& part, bool ext)
{
    out.append('(');
    if (part.isMultipart() && !part.opaque)
        appendMultipart(out, message, part, ext);
    else
        appendSinglePart(out, message, part, ext);
    out.append(')');
}

} // namespace

void appendImapString(QByteArray& out, QByteArrayView value)
{
    int escapes = 0;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            ++escapes;
        if (c == '\r' || c == '\n' || c == '\0' || u >= 0x80 || escapes > kMaxQuotedEscapes) {
            appendLiteral(out, value);
            return;
        }
    }
    out.reserve(out.size() + value.size() + escapes + 2);
    out.append('"');
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    out.append('"');
}

void appendImapNString(QByteArray& out, const std::optional<QByteArray>& value)
{
    if (value)
        appendImapString(out, *value);
    else
        out.append("NIL");
}

void appendImapHumanString(QByteArray& out, QByteArrayView value)
{
    QByteArray clean;
    clean.reserve(value.size());
    bool changed = false;
    bool needsLiteral = false;
    bool pendingSpace = false;
    for (const char c : value) {
        if (c == '\r' || c == '\n') {
            changed = true;
            continue;
        }
        if (c == ' ' || c == '\t') {
            if (c == '\t' || pendingSpace || clean.isEmpty())
                changed = true;
            if (pendingSpace)
                continue;
            pendingSpace = !clean.isEmpty();
            if (!pendingSpace)
                changed = true;
            continue;
        }
        if (pendingSpace)
            clean.append(' ');
        pendingSpace = false;
        const auto u = static_cast<unsigned char>(c);
        if (c == '\0' || c == '"' || c == '\\' || u >= 0x80)
            needsLiteral = true;
        clean.append(c == '\0' ? '\x80' : c);
    }
    if (pendingSpace)
        changed = true; // trailing whitespace dropped
    if (!changed && !needsLiteral) {
        out.append('"').append(value).append('"');
        return;
    }
    if (clean.isEmpty()) {
        out.append("\"\"");
        return;
    }
    out.append('{').append(QByteArray::number(clean.size())).append("}\r\n").append(clean);
}

QByteArray imapEnvelope(const MessageEnvelope& e)
{
    QByteArray out;
    out.reserve(256);
    out.append('(');
    appendImapNString(out, e.date);
    out.append(' ');
    if (e.subject)
        appendImapHumanString(out, *e.subject);
    else
        out.append("NIL");
    out.append(' ');
    appendAddressList(out, e.from);
    out.append(' ');
    appendAddressList(out, e.sender.isEmpty() ? e.from : e.sender);
    out.append(' ');
    appendAddressList(out, e.replyTo.isEmpty() ? e.from : e.replyTo);
    out.append(' ');
    appendAddressList(out, e.to);
    out.append(' ');
    appendAddressList(out, e.cc);
    out.append(' ');
    appendAddressList(out, e.bcc);
    out.append(' ');
    appendImapNString(out, e.inReplyTo);
    out.append(' ');
    appendImapNString(out, e.messageId);
    out.append(')');
    return out;
}

QByteArray imapEnvelope(const QByteArray& message, const MimePart& part)
{
    return imapEnvelope(readEnvelope(Header::parse(message, part.headerOffset, part.bodyOffset)));
}

QByteArray imapBodyStructure(const QByteArray& message, const MimePart& root, bool extensible)
{
    QByteArray out;
    appendPart(out, message, root, extensible);
    return out;
}

} // namespace tegami
