#pragma once

#include "core/MailDate.h"
#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

#include "queue/Envelope.h"
#include "queue/MessageIntake.h"

namespace tegami {

// What a Received: trace header says (RFC 5321 4.4, RFC 3848 for the "with" words).
struct ReceivedInfo {
    QString heloName; // as the client gave it; cleaned for the header
    QString remoteAddress; // "192.0.2.7" or "2001:db8::7"
    QString remoteName; // reverse DNS, empty when unknown
    QString fqdn; // this server
    QByteArray with; // "ESMTP", "ESMTPS", "ESMTPA", "ESMTPSA", "SMTP"
    QString id; // what the log knows this message by
    QString tls; // "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)"; empty without TLS
    QString forRecipient; // named only when the message has exactly one recipient
    QDateTime date;
};

QByteArray receivedHeader(const ReceivedInfo& info); // folded, ending in CRLF

// Writes one message to the spool as it arrives: the trace header first, then the text.
// For submission (RFC 6409 8.2, 8.3) it holds back the header section, up to a bound,
// until its end is known, and adds Message-ID and Date when the client left them out. A
// header section longer than the bound is written as it is.
class SmtpMessageWriter {
public:
    struct Options {
        QByteArray traceHeader;
        bool addMissingHeaders = false;
        QByteArray messageId; // "<id@fqdn>", used when the message has none
        QByteArray date; // RFC 5322 date, used when the message has none
        qsizetype maxHeaderBytes = 1024 * 1024;
    };

    SmtpMessageWriter(std::unique_ptr<SpoolWriter> spool, Options options);

    Result<void> write(QByteArrayView text);
    // Writes what is held back and commits; the queue id on success.
    Result<QString> commit(const Envelope& envelope);

    QStringList addedHeaders() const { return m_added; } // "Message-ID", "Date"
    bool headerTooLongToCheck() const { return m_headerTooLong; }

private:
    Result<void> flushHeader(qsizetype headerEnd); // headerEnd: where the field lines end
    Result<void> writeTraceOnce();

    std::unique_ptr<SpoolWriter> m_spool;
    Options m_options;
    QByteArray m_held; // the header section so far (submission)
    qsizetype m_searchFrom = 0;
    bool m_traceWritten = false;
    bool m_headerDone = false;
    bool m_headerTooLong = false;
    QStringList m_added;
};

} // namespace tegami
