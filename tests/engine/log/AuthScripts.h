#pragma once

// Whole authentication exchanges, one per mechanism our protocols use, shared by the
// redactor test (Redactor alone) and the hub test (LogSession -> file and live stream).

#include "core/Protocol.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace tegami::test {

inline const QByteArray kUser = "alice@example.com";
inline const QByteArray kPassword = "S3cr3t-pw!";

struct ScriptLine {
    bool fromClient = true;
    QByteArray line;       // as on the wire, with CRLF
    QByteArray expected{}; // for client lines: what the log must show (without CRLF); empty = not checked
};

struct AuthScript {
    QString name;
    tegami::Protocol protocol;
    QList<ScriptLine> lines;
    QList<QByteArray> secrets; // must appear nowhere in the output
};

inline ScriptLine c(const QByteArray& line, const QByteArray& expected = {})
{
    return {true, line + "\r\n", expected};
}

inline ScriptLine s(const QByteArray& line)
{
    return {false, line + "\r\n", {}};
}

inline QByteArray plainPayload()
{
    return QByteArray("\0", 1) + kUser + QByteArray("\0", 1) + kPassword;
}

inline QList<AuthScript> authScripts()
{
    using tegami::Protocol;
    const QByteArray plain = plainPayload().toBase64();
    const QByteArray user64 = kUser.toBase64();
    const QByteArray pass64 = kPassword.toBase64();
    const QByteArray usernamePrompt = "VXNlcm5hbWU6"; // "Username:"
    const QByteArray passwordPrompt = "UGFzc3dvcmQ6"; // "Password:"
    // For PLAIN the user name travels inside the payload: it must not leak either.
    const QList<QByteArray> plainSecrets{kPassword, plain, pass64, kUser, user64};
    const QList<QByteArray> loginSecrets{kPassword, pass64, user64, kUser};

    QList<AuthScript> scripts;

    // SMTP / submission
    scripts.append({QStringLiteral("smtp AUTH PLAIN initial response"), Protocol::Submission,
                    {c("EHLO client.example", "EHLO client.example"), s("250-mail.example"), s("250 AUTH PLAIN LOGIN"),
                     c("AUTH PLAIN " + plain, "AUTH PLAIN ********"), s("235 2.7.0 Authentication successful"),
                     c("MAIL FROM:<bob@example.net>", "MAIL FROM:<bob@example.net>"), s("250 2.1.0 OK"),
                     c("QUIT", "QUIT")},
                    plainSecrets});
    scripts.append({QStringLiteral("smtp AUTH PLAIN continuation"), Protocol::Submission,
                    {c("EHLO client.example"), s("250 AUTH PLAIN"), c("auth plain", "auth plain"), s("334 "),
                     c(plain, "********"), s("235 2.7.0 Authentication successful"), c("NOOP", "NOOP"),
                     s("250 OK")},
                    plainSecrets});
    scripts.append({QStringLiteral("smtp AUTH LOGIN"), Protocol::Submission,
                    {c("AUTH LOGIN", "AUTH LOGIN"), s("334 " + usernamePrompt), c(user64, "********"),
                     s("334 " + passwordPrompt), c(pass64, "********"), s("235 2.7.0 Authentication successful"),
                     c("RSET", "RSET")},
                    loginSecrets});
    scripts.append({QStringLiteral("smtp AUTH LOGIN initial response"), Protocol::Smtp,
                    {c("Auth Login " + user64, "Auth Login ********"), s("334 " + passwordPrompt),
                     c(pass64, "********"), s("235 2.7.0 Authentication successful"), c("QUIT", "QUIT")},
                    loginSecrets});
    scripts.append({QStringLiteral("smtp AUTH cancelled, then a failed retry"), Protocol::Submission,
                    {c("AUTH PLAIN", "AUTH PLAIN"), s("334 "), c("*", "*"), s("501 5.0.0 Authentication cancelled"),
                     c("NOOP", "NOOP"), s("250 OK"), c("AUTH PLAIN " + plain, "AUTH PLAIN ********"),
                     s("535 5.7.8 Authentication credentials invalid"), c("HELP", "HELP")},
                    plainSecrets});
    scripts.append({QStringLiteral("smtp AUTH pipelined after EHLO"), Protocol::Submission,
                    {c("EHLO client.example"), c("AUTH PLAIN", "AUTH PLAIN"), s("250-mail.example"),
                     s("250 AUTH PLAIN"), s("334 "), c(plain, "********"), s("235 2.7.0 OK"), c("QUIT", "QUIT")},
                    plainSecrets});
    scripts.append({QStringLiteral("smtp AUTH with an unknown mechanism"), Protocol::Submission,
                    {c("AUTH XOAUTH2 " + pass64, "AUTH XOAUTH2 ********"), s("334 eyJzdGF0dXMiOiI0MDAifQ=="),
                     c(pass64, "********"), s("535 5.7.8 failed"), c("QUIT", "QUIT")},
                    {kPassword, pass64}});

    // POP3
    scripts.append({QStringLiteral("pop3 USER/PASS"), Protocol::Pop3,
                    {c("USER " + kUser, "USER " + kUser), s("+OK"), c("PASS " + kPassword + " with spaces", "PASS ********"),
                     s("+OK maildrop locked"), c("STAT", "STAT"), s("+OK 2 320")},
                    {kPassword, pass64}});
    scripts.append({QStringLiteral("pop3 AUTH PLAIN initial response"), Protocol::Pop3,
                    {c("AUTH PLAIN " + plain, "AUTH PLAIN ********"), s("+OK Logged in"), c("LIST", "LIST"),
                     s("+OK 0 messages"), s(".")},
                    plainSecrets});
    scripts.append({QStringLiteral("pop3 AUTH PLAIN continuation"), Protocol::Pop3,
                    {c("AUTH PLAIN", "AUTH PLAIN"), s("+ "), c(plain, "********"), s("+OK Logged in"),
                     c("UIDL", "UIDL")},
                    plainSecrets});
    scripts.append({QStringLiteral("pop3 AUTH LOGIN"), Protocol::Pop3,
                    {c("auth login", "auth login"), s("+ " + usernamePrompt), c(user64, "********"),
                     s("+ " + passwordPrompt), c(pass64, "********"), s("+OK Logged in"), c("QUIT", "QUIT")},
                    loginSecrets});
    scripts.append({QStringLiteral("pop3 AUTH pipelined after CAPA"), Protocol::Pop3,
                    {c("CAPA", "CAPA"), c("AUTH PLAIN", "AUTH PLAIN"), s("+OK Capability list follows"),
                     s("SASL PLAIN LOGIN"), s("."), s("+ "), c(plain, "********"), s("+OK Logged in"),
                     c("STAT", "STAT")},
                    plainSecrets});
    scripts.append({QStringLiteral("pop3 APOP"), Protocol::Pop3,
                    {c("APOP " + kUser + " c4c9334bac560ecc979e58001b3e22fb", "APOP " + kUser + " ********"),
                     s("+OK maildrop has 1 message"), c("QUIT", "QUIT")},
                    {"c4c9334bac560ecc979e58001b3e22fb"}});

    // IMAP
    scripts.append({QStringLiteral("imap LOGIN atoms"), Protocol::Imap,
                    {c("a1 LOGIN " + kUser + " " + kPassword, "a1 LOGIN " + kUser + " ********"), s("a1 OK LOGIN done"),
                     c("a2 SELECT INBOX", "a2 SELECT INBOX")},
                    {kPassword}});
    scripts.append({QStringLiteral("imap LOGIN quoted strings"), Protocol::Imap,
                    {c("a1 login \"" + kUser + "\" \"" + kPassword + " \\\"quoted\\\" \"",
                       "a1 login \"" + kUser + "\" ********"),
                     s("a1 OK"), c("a2 LIST \"\" *", "a2 LIST \"\" *")},
                    {kPassword}});
    scripts.append({QStringLiteral("imap LOGIN password literal"), Protocol::Imap,
                    {c("a1 LOGIN " + kUser + " {10}", "a1 LOGIN " + kUser + " ********"), s("+ Ready"),
                     c(kPassword, "********"), s("a1 OK LOGIN completed"), c("a2 NOOP", "a2 NOOP")},
                    {kPassword}});
    scripts.append({QStringLiteral("imap LOGIN user and password literals (non-synchronizing)"), Protocol::Imap,
                    {c("a1 LOGIN {17+}", "a1 LOGIN ********"), c(kUser + " {10+}", "********"),
                     c(kPassword, "********"), s("* CAPABILITY IMAP4rev1"), s("a1 OK LOGIN completed"),
                     c("a2 LOGOUT", "a2 LOGOUT")},
                    {kPassword, kUser}});
    scripts.append({QStringLiteral("imap AUTHENTICATE PLAIN initial response"), Protocol::Imap,
                    {c("a1 AUTHENTICATE PLAIN " + plain, "a1 AUTHENTICATE PLAIN ********"), s("a1 OK Success"),
                     c("a2 CAPABILITY", "a2 CAPABILITY")},
                    plainSecrets});
    scripts.append({QStringLiteral("imap AUTHENTICATE PLAIN continuation"), Protocol::Imap,
                    {c("A001 authenticate plain", "A001 authenticate plain"), s("+ "), c(plain, "********"),
                     s("A001 OK Success"), c("A002 NOOP", "A002 NOOP")},
                    plainSecrets});
    scripts.append({QStringLiteral("imap AUTHENTICATE LOGIN"), Protocol::Imap,
                    {c("a1 AUTHENTICATE LOGIN", "a1 AUTHENTICATE LOGIN"), s("+ " + usernamePrompt),
                     c(user64, "********"), s("+ " + passwordPrompt), c(pass64, "********"), s("a1 OK Success"),
                     c("a2 NOOP", "a2 NOOP")},
                    loginSecrets});
    scripts.append({QStringLiteral("imap AUTHENTICATE cancelled"), Protocol::Imap,
                    {c("a1 AUTHENTICATE PLAIN", "a1 AUTHENTICATE PLAIN"), s("+ "), c("*", "*"),
                     s("a1 BAD Authentication cancelled"), c("a2 LOGIN " + kUser + " " + kPassword,
                                                            "a2 LOGIN " + kUser + " ********"),
                     s("a2 OK"), c("a3 NOOP", "a3 NOOP")},
                    {kPassword}});
    return scripts;
}

} // namespace tegami::test
