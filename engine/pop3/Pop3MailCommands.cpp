// The TRANSACTION state (RFC 1939 STAT, LIST, RETR, TOP, DELE, RSET, NOOP, UIDL).

#include "log/LogSession.h"
#include "pop3/Pop3Session.h"
#include "store/MailStore.h"

namespace tegami {

namespace {

// How much of a message is read per step of a streamed reply.
constexpr qint64 kStreamChunk = 64 * 1024;

// A message number or line count: decimal digits only, at most 9 (RFC 1939 numbers are
// small; this keeps them far from overflow).
std::optional<qint64> parseNumber(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 9)
        return std::nullopt;
    qint64 n = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

QList<QByteArray> words(const QByteArray& args)
{
    QList<QByteArray> out;
    for (const QByteArray& w : args.split(' ')) {
        if (!w.isEmpty())
            out << w;
    }
    return out;
}

QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

} // namespace

const Pop3Message* Pop3Session::messageArg(const QByteArray& arg, qint64* number)
{
    const std::optional<qint64> n = parseNumber(arg);
    if (!n || *n == 0) {
        err("expected a message number (1, 2, ...)");
        return nullptr;
    }
    if (m_maildrop->isDeleted(*n)) {
        err("message " + num(*n) + " already deleted");
        return nullptr;
    }
    const Pop3Message* m = m_maildrop->find(*n);
    if (!m) {
        err("no such message, only " + num(m_maildrop->total()) + " messages in maildrop");
        return nullptr;
    }
    *number = *n;
    return m;
}

void Pop3Session::cmdNoop(const QByteArray&)
{
    ok({});
}

void Pop3Session::cmdStat(const QByteArray& args)
{
    if (!words(args).isEmpty()) {
        err("STAT takes no arguments");
        return;
    }
    ok(num(m_maildrop->visibleCount()) + ' ' + num(m_maildrop->visibleBytes()));
}

void Pop3Session::cmdList(const QByteArray& args)
{
    const QList<QByteArray> w = words(args);
    if (w.size() > 1) {
        err("LIST takes at most one message number");
        return;
    }
    if (w.size() == 1) {
        qint64 n = 0;
        if (const Pop3Message* m = messageArg(w[0], &n))
            ok(num(n) + ' ' + num(m->size));
        return;
    }
    QByteArray body;
    for (qint64 n = 1; n <= m_maildrop->total(); ++n) {
        if (const Pop3Message* m = m_maildrop->find(n))
            body += num(n) + ' ' + num(m->size) + "\r\n";
    }
    sendBlock("+OK " + num(m_maildrop->visibleCount()) + " messages (" + num(m_maildrop->visibleBytes()) + " octets)",
        body, false);
}

void Pop3Session::cmdUidl(const QByteArray& args)
{
    const QList<QByteArray> w = words(args);
    if (w.size() > 1) {
        err("UIDL takes at most one message number");
        return;
    }
    if (w.size() == 1) {
        qint64 n = 0;
        if (const Pop3Message* m = messageArg(w[0], &n))
            ok(num(n) + ' ' + m->uidl.toLatin1());
        return;
    }
    QByteArray body;
    for (qint64 n = 1; n <= m_maildrop->total(); ++n) {
        if (const Pop3Message* m = m_maildrop->find(n))
            body += num(n) + ' ' + m->uidl.toLatin1() + "\r\n";
    }
    sendBlock("+OK unique-id listing follows", body, false);
}

void Pop3Session::cmdRetr(const QByteArray& args)
{
    const QList<QByteArray> w = words(args);
    if (w.size() != 1) {
        err("RETR takes one message number, for example RETR 1");
        return;
    }
    qint64 n = 0;
    if (messageArg(w[0], &n))
        streamMessage(n, std::nullopt);
}

void Pop3Session::cmdTop(const QByteArray& args)
{
    const QList<QByteArray> w = words(args);
    if (w.size() != 2) {
        err("TOP takes a message number and a number of lines, for example TOP 1 10");
        return;
    }
    const std::optional<qint64> lines = parseNumber(w[1]);
    if (!lines) {
        err("the number of lines must be 0 or more");
        return;
    }
    qint64 n = 0;
    if (messageArg(w[0], &n))
        streamMessage(n, *lines);
}

void Pop3Session::cmdDele(const QByteArray& args)
{
    const QList<QByteArray> w = words(args);
    if (w.size() != 1) {
        err("DELE takes one message number, for example DELE 1");
        return;
    }
    qint64 n = 0;
    if (!messageArg(w[0], &n))
        return;
    m_maildrop->markDeleted(n);
    ok("message " + num(n) + " deleted");
}

void Pop3Session::cmdRset(const QByteArray& args)
{
    if (!words(args).isEmpty()) {
        err("RSET takes no arguments");
        return;
    }
    m_maildrop->reset();
    ok("maildrop has " + num(m_maildrop->visibleCount()) + " messages (" + num(m_maildrop->visibleBytes())
        + " octets)");
}

void Pop3Session::streamMessage(qint64 number, std::optional<qint64> bodyLines)
{
    const Pop3Message* m = m_maildrop->find(number);
    Result<std::unique_ptr<QIODevice>> device = m_deps.store.openMessage(m_maildrop->inboxId(), m->uid);
    if (!device) {
        if (device.error().code == ErrorCode::NotFound) {
            err("message " + num(number) + " was removed by another client meanwhile");
            return;
        }
        m_log.note(
            QStringLiteral("cannot open message %1 (UID %2): %3").arg(number).arg(m->uid).arg(device.error().message));
        err("[SYS/TEMP] message " + num(number) + " cannot be read right now; try again later");
        return;
    }
    ok(bodyLines ? QByteArray("top of message follows") : num(m->size) + " octets");
    m_stream = std::make_unique<Pop3MessageStream>(std::move(*device), bodyLines);
    m_streamNumber = number;
    m_streamBytes = 0;
    pumpStream();
}

void Pop3Session::resumeOutput()
{
    if (!m_stream || m_state == State::Closed)
        return;
    restartIdleTimer();
    pumpStream();
}

void Pop3Session::pumpStream()
{
    while (m_stream && m_transport.canSend()) {
        Result<QByteArray> chunk = m_stream->nextChunk(kStreamChunk);
        if (!chunk) {
            // The +OK is out; the only honest way to fail now is to cut the reply short.
            m_log.note(QStringLiteral("reading message %1 failed during the reply: %2")
                           .arg(m_streamNumber)
                           .arg(chunk.error().message));
            finish(QStringLiteral("message could not be read"));
            return;
        }
        m_transport.send(*chunk);
        m_streamBytes += chunk->size();
        if (m_stream->atEnd()) {
            // RETR, and a TOP that sent every line: that is a download too (fetchmail retrieves with
            // `TOP n 99999999`), so the after-retrieval policy applies to it as to RETR.
            if (m_stream->sentWholeMessage())
                m_maildrop->markRetrieved(m_streamNumber);
            m_log.note(QStringLiteral("sent message %1 (%2 bytes with stuffing and terminator)")
                           .arg(m_streamNumber)
                           .arg(m_streamBytes));
            m_stream.reset();
        }
    }
    if (!m_stream)
        resumeInput(m_transport);
}

} // namespace tegami
