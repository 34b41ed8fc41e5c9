#include "diag/ConnectivityPop3.h"

namespace tegami {

Pop3ConnectivityClient::Pop3ConnectivityClient(ConnectivityOptions options, QObject* parent)
    : ConnectivityClient(QStringLiteral("pop3"), std::move(options), parent)
{
    addConnectSteps();
    addStep(QStringLiteral("login"), QStringLiteral("Log in"), [this] { stepLogin(); });
    addStep(QStringLiteral("stat"), QStringLiteral("Mailbox status (STAT)"), [this] { stepStat(); });
    addStep(QStringLiteral("find"), QStringLiteral("Find the test message"), [this] { stepFind(); });
    addStep(QStringLiteral("delete"), QStringLiteral("Delete the test message"), [this] { stepDelete(); });
}

void Pop3ConnectivityClient::onLine(const QByteArray& line)
{
    if (m_onGreeting) {
        Then next = std::move(m_onGreeting);
        m_onGreeting = nullptr;
        noteSessionOpened();
        if (line.startsWith("+OK")) {
            next();
            return;
        }
        fail(line.startsWith("-ERR")
                ? QStringLiteral("the server refused the connection: %1").arg(QString::fromUtf8(line.mid(5)))
                : QStringLiteral("the server's greeting is not POP3 (\"%1\"): this port may serve another protocol")
                      .arg(QString::fromUtf8(line.left(80))));
        return;
    }
    if (m_inBody) {
        if (line == ".") {
            m_inBody = false;
            Handler handler = std::move(m_handler);
            m_handler = nullptr;
            const QList<QByteArray> body = std::exchange(m_body, {});
            if (handler)
                handler(true, m_lastText, body);
            return;
        }
        m_body << (line.startsWith("..") ? line.mid(1) : line);
        return;
    }
    if (!m_handler) {
        fail(QStringLiteral("the server sent an unexpected line: %1").arg(QString::fromUtf8(line.left(200))));
        return;
    }
    const bool ok = line.startsWith("+OK");
    if (!ok && !line.startsWith("-ERR")) {
        fail(QStringLiteral("the server's answer is not POP3 (\"%1\")").arg(QString::fromUtf8(line.left(80))));
        return;
    }
    m_lastText = QString::fromUtf8(line.mid(ok ? 3 : 4)).trimmed();
    if (ok && m_multiline) {
        m_inBody = true;
        m_body.clear();
        return;
    }
    Handler handler = std::move(m_handler);
    m_handler = nullptr;
    handler(ok, m_lastText, {});
}

void Pop3ConnectivityClient::command(const QByteArray& line, bool multiline, Handler handler)
{
    m_multiline = multiline;
    m_inBody = false;
    m_handler = std::move(handler);
    sendLine(line);
}

void Pop3ConnectivityClient::readGreeting(Then then)
{
    m_onGreeting = std::move(then);
}

void Pop3ConnectivityClient::stls(Then then)
{
    command("STLS", false, [this, then = std::move(then)](bool ok, const QString& text, const QList<QByteArray>&) {
        if (!ok) {
            fail(QStringLiteral("the server refused STLS (%1): assign a certificate (`tegamictl cert assign`) or "
                                "test with security tls or plain")
                     .arg(text));
            return;
        }
        encrypt(then);
    });
}

void Pop3ConnectivityClient::login(Then then)
{
    command("USER " + options().user.toUtf8(), false,
        [this, then = std::move(then)](bool ok, const QString& text, const QList<QByteArray>&) {
            if (!ok) {
                fail(loginFailure(text, QStringLiteral("POP3")));
                return;
            }
            command("PASS " + options().password.toUtf8(), false,
                [this, then](bool passOk, const QString& passText, const QList<QByteArray>&) {
                    if (!passOk) {
                        fail(loginFailure(passText, QStringLiteral("POP3")));
                        return;
                    }
                    then();
                });
        });
}

void Pop3ConnectivityClient::reconnect(Then then)
{
    // QUIT ends the session without deleting anything; the next login sees new mail.
    expectClose();
    m_handler = nullptr;
    sendLine("QUIT");
    closeSocket();
    openSocket([this, then = std::move(then)] {
        Then afterTls = [this, then] { login(then); };
        switch (options().security) {
        case ConnectionSecurity::Plain:
            readGreeting(afterTls);
            return;
        case ConnectionSecurity::Tls:
            encrypt([this, afterTls] { readGreeting(afterTls); });
            return;
        case ConnectionSecurity::StartTls:
            readGreeting([this, afterTls] { stls(afterTls); });
            return;
        }
    });
}

void Pop3ConnectivityClient::startTls()
{
    stls([this] { succeed(tlsSummary()); });
}

void Pop3ConnectivityClient::stepLogin()
{
    login([this] { succeed(QStringLiteral("USER/PASS as %1").arg(options().user)); });
}

void Pop3ConnectivityClient::stepStat()
{
    command("STAT", false, [this](bool ok, const QString& text, const QList<QByteArray>&) {
        if (!ok) {
            fail(QStringLiteral("STAT failed: %1").arg(text));
            return;
        }
        const QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.size() < 2) {
            fail(QStringLiteral("the server's answer to STAT is malformed: %1").arg(text));
            return;
        }
        succeed(QStringLiteral("%1 messages, %2 bytes").arg(parts.at(0), parts.at(1)));
    });
}

void Pop3ConnectivityClient::stepFind()
{
    if (noMessageToFind())
        return;
    extendStepTimeout(options().findWaitMs);
    m_findClock.start();
    listOnce();
}

void Pop3ConnectivityClient::listOnce()
{
    command("UIDL", true, [this](bool ok, const QString& text, const QList<QByteArray>& body) {
        if (!ok) {
            fail(QStringLiteral("UIDL failed: %1").arg(text));
            return;
        }
        QList<QPair<int, QByteArray>> candidates;
        for (qsizetype i = body.size() - 1; i >= 0 && candidates.size() < kMaxMessagesSearched; --i) {
            const QList<QByteArray> parts = body.at(i).split(' ');
            if (parts.size() >= 2 && parts.at(0).toInt() > 0)
                candidates.append({ parts.at(0).toInt(), parts.at(1) });
        }
        examine(candidates);
    });
}

void Pop3ConnectivityClient::examine(QList<QPair<int, QByteArray>> candidates)
{
    if (candidates.isEmpty()) {
        if (m_findClock.elapsed() >= options().findWaitMs) {
            fail(QStringLiteral("the test message did not arrive in the mailbox within %1 s: look for a delivery "
                                "problem with `tegamictl queue list` and in the log")
                     .arg(options().findWaitMs / 1000));
            return;
        }
        after(options().pollIntervalMs, [this] { reconnect([this] { listOnce(); }); });
        return;
    }
    const QPair<int, QByteArray> next = candidates.takeFirst();
    command("TOP " + QByteArray::number(next.first) + " 0", true,
        [this, next, candidates](bool ok, const QString& text, const QList<QByteArray>& body) {
            if (!ok) {
                fail(QStringLiteral("TOP failed: %1").arg(text));
                return;
            }
            const QByteArray subject = "subject:";
            const QByteArray token = options().token.toUtf8();
            for (const QByteArray& header : body) {
                if (header.toLower().startsWith(subject) && header.contains(token)) {
                    m_found = next.first;
                    m_foundUidl = next.second;
                    succeed(QStringLiteral("found as message %1 (UIDL %2) after %3 ms")
                                .arg(m_found)
                                .arg(QString::fromLatin1(m_foundUidl))
                                .arg(m_findClock.elapsed()));
                    return;
                }
            }
            examine(candidates);
        });
}

void Pop3ConnectivityClient::stepDelete()
{
    if (noMessageToFind())
        return;
    command(
        "DELE " + QByteArray::number(m_found), false, [this](bool ok, const QString& text, const QList<QByteArray>&) {
            if (!ok) {
                fail(QStringLiteral("DELE %1 failed: %2").arg(m_found).arg(text));
                return;
            }
            // The deletion happens when the session ends normally (RFC 1939 UPDATE state).
            m_quitSent = true;
            expectClose();
            command("QUIT", false, [this](bool quitOk, const QString& quitText, const QList<QByteArray>&) {
                if (!quitOk) {
                    fail(QStringLiteral("the server could not remove the message at QUIT: %1").arg(quitText));
                    return;
                }
                succeed(QStringLiteral("DELE %1, removed at QUIT").arg(m_found));
            });
        });
}

void Pop3ConnectivityClient::sayGoodbye()
{
    expectClose();
    if (!m_quitSent) {
        m_handler = nullptr;
        m_quitSent = true;
        sendLine("QUIT");
    }
    closeSocket();
}

} // namespace tegami
