#pragma once

#include "core/Protocol.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace tegami {

// RFC 3461 NOTIFY for one recipient, as bits. No bits at all means the client gave no
// NOTIFY: the default behaviour (failure and delay notices) applies.
enum DsnNotifyBits : int {
    DsnNotifyNever = 1,
    DsnNotifySuccess = 2,
    DsnNotifyFailure = 4,
    DsnNotifyDelay = 8,
};

// RFC 3461 RET: how much of the message a bounce carries.
enum class DsnRet { Default, Full, Headers };

struct EnvelopeRecipient {
    QString address; // normalised mailbox address as accepted at RCPT (Unicode domain)
    QString orcpt; // RFC 3461 ORCPT, decoded ("rfc822;bob@example.net"); empty when not given
    int notify = 0; // DsnNotifyBits; 0 = not given

    bool operator==(const EnvelopeRecipient&) const = default;
};

// Everything about one accepted message except its bytes: what the SMTP session hands to
// the spool, and what the queue keeps beside the message file.
struct Envelope {
    QString sender; // reverse-path, normalised; empty = the null sender "<>" (bounces)
    std::vector<EnvelopeRecipient> recipients;
    QString envId; // RFC 3461 ENVID, decoded; empty when not given
    DsnRet ret = DsnRet::Default;
    bool smtpUtf8 = false; // MAIL FROM ... SMTPUTF8 (RFC 6531)
    bool eightBitMime = false; // MAIL FROM ... BODY=8BITMIME (RFC 6152)

    // Where it came from: the queue listing, the log and bounces show these.
    Protocol receivedVia = Protocol::Smtp;
    QString authenticatedUser; // empty for unauthenticated (MX) mail
    QString remoteAddress; // "198.51.100.7"
    QString heloName; // what the client said in EHLO/HELO
    QDateTime receivedAt; // UTC
    QString sessionId; // the protocol log's session id ("3f2a"), to find the transcript

    bool operator==(const Envelope&) const = default;
};

// The envelope as the spool stores it (JSON), and back. fromJson() refuses what it cannot
// read with the reason, so a damaged spool entry is reported, not guessed at.
QJsonObject envelopeToJson(const Envelope& envelope);
Result<Envelope> envelopeFromJson(const QJsonObject& json);

} // namespace tegami
