#include "diag/ConnectivityImap.h"

#include <QRegularExpression>

namespace tegami {

namespace {

// "{123}" or "{123+}" at the end of a line: that many bytes of literal follow.
qint64 literalSize(const QByteArray& line)
{
    static const QRegularExpression re(QStringLiteral("\\{(\\d+)\\+?\\}$"));
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(line));
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

} // namespace

ImapConnectivityClient::ImapConnectivityClient(ConnectivityOptions options, QObject* parent)
    : ConnectivityClient(QStringLiteral("imap"), std::move(options), parent)
{
    addConnectSteps();
    addStep(QStringLiteral("login"), QStringLiteral("Log in"), [this] { stepLogin(); });
    addStep(QStringLiteral("select"), QStringLiteral("Open INBOX (SELECT)"), [this] { stepSelect(); });
    addStep(QStringLiteral("find"), QStringLiteral("Find the test message"), [this] { stepFind(); });
    addStep(QStringLiteral("delete"), QStringLiteral("Delete the test message"), [this] { stepDelete(); });
}

void ImapConnectivityClient::onLine(const QByteArray& line)
{
    if (m_literalBytes > 0) {
        // Literal data inside an untagged response: not needed by any step, skipped.
        m_literalBytes -= line.size() + 2;
        if (m_literalBytes <= 0)
            m_literalBytes = literalSize(line);
        return;
    }
    if (m_onGreeting) {
        Then next = std::move(m_onGreeting);
        m_onGreeting = nullptr;
        noteSessionOpened();
        if (line.startsWith("* OK") || line.startsWith("* PREAUTH")) {
            next();
            return;
        }
        fail(line.startsWith("* BYE")
                ? QStringLiteral("the server refused the connection: %1").arg(QString::fromUtf8(line.mid(6)))
                : QStringLiteral("the server's greeting is not IMAP (\"%1\"): this port may serve another protocol")
                      .arg(QString::fromUtf8(line.left(80))));
        return;
    }
    if (line.startsWith('+')) {
        if (m_onContinuation) {
            Then next = std::move(m_onContinuation);
            m_onContinuation = nullptr;
            next();
            return;
        }
        fail(QStringLiteral("the server asked for more input unexpectedly"));
        return;
    }
    if (line.startsWith("* ")) {
        m_untagged << line.mid(2);
        m_literalBytes = literalSize(line);
        return;
    }
    if (!m_tag.isEmpty() && line.startsWith(m_tag + ' ')) {
        const QByteArray rest = line.mid(m_tag.size() + 1);
        const QByteArray status = rest.left(rest.indexOf(' ') < 0 ? rest.size() : rest.indexOf(' ')).toUpper();
        const QString text = QString::fromUtf8(rest.mid(status.size() + 1));
        Handler handler = std::move(m_handler);
        m_handler = nullptr;
        m_onContinuation = nullptr;
        m_tag.clear();
        if (handler)
            handler(status, text);
        return;
    }
    fail(QStringLiteral("the server sent an unexpected line: %1").arg(QString::fromUtf8(line.left(200))));
}

void ImapConnectivityClient::command(const QByteArray& text, Handler handler)
{
    m_tag = "t" + QByteArray::number(++m_nextTag);
    m_handler = std::move(handler);
    m_untagged.clear();
    sendLine(m_tag + ' ' + text);
}

void ImapConnectivityClient::readGreeting(Then then)
{
    m_onGreeting = std::move(then);
}

void ImapConnectivityClient::startTls()
{
    command("STARTTLS", [this](const QByteArray& status, const QString& text) {
        if (status != "OK") {
            fail(QStringLiteral("the server refused STARTTLS (%1): assign a certificate (`tegamictl cert "
                                "assign`) or test with security tls or plain")
                     .arg(text));
            return;
        }
        encrypt([this] { succeed(tlsSummary()); });
    });
}

void ImapConnectivityClient::stepLogin()
{
    const QByteArray credentials
        = QByteArray(1, '\0') + options().user.toUtf8() + QByteArray(1, '\0') + options().password.toUtf8();
    command("AUTHENTICATE PLAIN", [this](const QByteArray& status, const QString& text) {
        if (status == "OK") {
            succeed(QStringLiteral("AUTHENTICATE PLAIN as %1").arg(options().user));
            return;
        }
        if (status == "NO")
            fail(loginFailure(text, QStringLiteral("IMAP4")));
        else
            fail(QStringLiteral("the server did not accept AUTHENTICATE PLAIN: %1").arg(text));
    });
    m_onContinuation = [this, credentials] { sendLine(credentials.toBase64()); };
}

void ImapConnectivityClient::stepSelect()
{
    command("SELECT INBOX", [this](const QByteArray& status, const QString& text) {
        if (status != "OK") {
            fail(QStringLiteral("INBOX cannot be opened: %1").arg(text));
            return;
        }
        qint64 exists = -1;
        for (const QByteArray& u : std::as_const(m_untagged)) {
            if (u.endsWith(" EXISTS"))
                exists = u.split(' ').value(0).toLongLong();
        }
        succeed(exists < 0 ? QStringLiteral("INBOX opened") : QStringLiteral("INBOX: %1 messages").arg(exists));
    });
}

void ImapConnectivityClient::search(std::function<void(const QList<qint64>& uids)> then)
{
    command("UID SEARCH HEADER Subject \"" + options().token.toUtf8() + '"',
        [this, then = std::move(then)](const QByteArray& status, const QString& text) {
            if (status != "OK") {
                fail(QStringLiteral("SEARCH failed: %1").arg(text));
                return;
            }
            QList<qint64> uids;
            for (const QByteArray& u : std::as_const(m_untagged)) {
                if (!u.toUpper().startsWith("SEARCH"))
                    continue;
                for (const QByteArray& n : u.mid(6).split(' ')) {
                    if (const qint64 uid = n.toLongLong(); uid > 0)
                        uids << uid;
                }
            }
            then(uids);
        });
}

void ImapConnectivityClient::stepFind()
{
    if (noMessageToFind())
        return;
    extendStepTimeout(options().findWaitMs);
    m_findClock.start();
    searchOnce();
}

void ImapConnectivityClient::searchOnce()
{
    search([this](const QList<qint64>& uids) {
        if (!uids.isEmpty()) {
            m_uid = uids.last();
            succeed(QStringLiteral("found as UID %1 after %2 ms").arg(m_uid).arg(m_findClock.elapsed()));
            return;
        }
        if (m_findClock.elapsed() >= options().findWaitMs) {
            fail(QStringLiteral("the test message did not arrive in INBOX within %1 s: look for a delivery "
                                "problem with `tegamictl queue list` and in the log")
                     .arg(options().findWaitMs / 1000));
            return;
        }
        after(options().pollIntervalMs, [this] { searchOnce(); });
    });
}

void ImapConnectivityClient::stepDelete()
{
    if (noMessageToFind())
        return;
    search([this](const QList<qint64>& uids) {
        if (!uids.contains(m_uid)) {
            succeed(QStringLiteral("already deleted (over POP3): IMAP no longer sees it"));
            return;
        }
        command("UID STORE " + QByteArray::number(m_uid) + " +FLAGS.SILENT (\\Deleted)",
            [this](const QByteArray& status, const QString& text) {
                if (status != "OK") {
                    fail(QStringLiteral("the message could not be flagged \\Deleted: %1").arg(text));
                    return;
                }
                expunge();
            });
    });
}

void ImapConnectivityClient::expunge()
{
    command("UID EXPUNGE " + QByteArray::number(m_uid), [this](const QByteArray& status, const QString& text) {
        if (status == "BAD") {
            // No UIDPLUS: a plain EXPUNGE also removes what other clients flagged, but the
            // test mailbox holds only what the test put there.
            command("EXPUNGE", [this](const QByteArray& st, const QString& t) {
                if (st != "OK")
                    fail(QStringLiteral("EXPUNGE failed: %1").arg(t));
                else
                    succeed(QStringLiteral("flagged \\Deleted and expunged (EXPUNGE)"));
            });
            return;
        }
        if (status != "OK") {
            fail(QStringLiteral("UID EXPUNGE failed: %1").arg(text));
            return;
        }
        succeed(QStringLiteral("flagged \\Deleted and expunged (UID EXPUNGE %1)").arg(m_uid));
    });
}

void ImapConnectivityClient::sayGoodbye()
{
    expectClose();
    m_handler = nullptr;
    m_tag = "t" + QByteArray::number(++m_nextTag);
    sendLine(m_tag + " LOGOUT");
    closeSocket();
}

} // namespace tegami
