#pragma once

#include "core/MailDate.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <vector>

namespace tegami {

// RFC 3464 delivery status notifications, built as bytes by pure functions: the queue
// decides when one is due and queues it like any other message.

enum class DsnAction { Failed, Delayed, Delivered };
QString dsnActionName(DsnAction a); // "failed", "delayed", "delivered"

struct DsnRecipientReport {
    QString finalRecipient; // the address delivery was attempted to
    QString originalRecipient; // ORCPT as given ("rfc822;bob@example.net"); empty: not given
    QString originalAddress; // the RCPT address, when an alias expanded it to finalRecipient
    DsnAction action = DsnAction::Failed;
    QString status; // "5.1.1"
    QString remoteMta; // "mx.example.net [192.0.2.1]" as the transport said; empty: none reached
    QString diagnostic; // the remote reply "550 5.1.1 User unknown"; empty: none
    QString reason; // our explanation in plain English, used when there is no remote reply
    QDateTime lastAttempt; // invalid: not shown
    QDateTime willRetryUntil; // delays only
};

struct DsnReport {
    QString reportingMta; // our FQDN
    QString recipient; // who gets the DSN: the original sender
    QString queueId; // of the original message
    QString envId; // RFC 3461 ENVID; empty: not given
    QDateTime arrivalDate; // when the original was accepted
    QDateTime date; // now: the DSN's Date
    QString messageId; // the DSN's Message-ID without <>; empty: derived from queue id and date
    std::vector<DsnRecipientReport> recipients;
};

// What of the original goes back: RFC 3461 RET, and only headers once it is large.
enum class DsnReturn { Full, Headers };

// The whole DSN message (CRLF line endings): headers (From: Mail Delivery System
// <MAILER-DAEMON@fqdn>, Auto-Submitted: auto-replied), then a multipart/report with the
// text for people, the message/delivery-status part and the original as message/rfc822
// (Full) or text/rfc822-headers (Headers). `original` is the whole message for Full and at
// least its header section for Headers.
QByteArray buildDsn(const DsnReport& report, const QByteArray& original, DsnReturn what);

// The header section of a message, up to and including the empty line (or everything when
// there is no body).
QByteArray headerSection(const QByteArray& message);


// A header's value from a header section, unfolded; empty when absent.
QByteArray headerValue(const QByteArray& headers, const QByteArray& name);

} // namespace tegami
