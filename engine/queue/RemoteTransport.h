#pragma once

#include "queue/Envelope.h"

#include <QString>

#include <functional>
#include <vector>

namespace tegami {

// One attempt to hand a queued message to the next hop for the recipients of one domain.
struct RemoteDelivery {
    QString queueId;
    QString domain; // all recipients share it (ACE or Unicode, as in the addresses)
    QString sender; // empty: the null sender "<>"
    std::vector<EnvelopeRecipient> recipients; // NOTIFY and ORCPT go on to a DSN-capable hop
    QString messagePath; // the spool file to send: CRLF line endings, not dot-stuffed
    qint64 size = 0;
    bool smtpUtf8 = false;
    bool eightBitMime = false;
    QString envId;
    DsnRet ret = DsnRet::Default;
};

// What happened to one recipient of a RemoteDelivery.
struct RecipientResult {
    enum class Status { Delivered, TemporaryFailure, PermanentFailure };
    QString address;
    Status status = Status::TemporaryFailure;
    int replyCode = 0; // the remote reply (250, 451, 550 ...); 0 when there was none (no connection)
    QString enhancedCode; // "5.1.1"; empty when the remote gave none
    QString text; // the remote reply text, or our reason ("connection refused by mx.example.net [192.0.2.1]")
    QString remoteHost; // "mx.example.net [192.0.2.1]"; empty when no host was reached
};

// Outbound delivery as the queue sees it; engine/outbound implements it over SMTP (MX
// lookup, smarthost, static routes), the queue tests with a fake.
class RemoteTransport {
public:
    using Done = std::function<void(std::vector<RecipientResult>)>;
    virtual ~RemoteTransport() = default;
    // Starts the attempt. `done` is called exactly once, later (never from inside this call),
    // on the caller's thread, with one result per recipient, unless the attempt is cancelled.
    // Returns a handle for cancel().
    virtual quint64 deliver(const RemoteDelivery& delivery, Done done) = 0;
    // Abandons an attempt (the admin deleted the message, the service stops); its `done` is
    // never called. Unknown handles are ignored.
    virtual void cancel(quint64 handle) = 0;
};

} // namespace tegami
