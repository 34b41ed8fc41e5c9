#pragma once

#include "core/Result.h"
#include "queue/Envelope.h"

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace tegami {

// One message being received: the SMTP session writes its bytes here as DATA or BDAT
// arrives (so a 36 MB message never sits in memory), then commits it with its envelope.
class SpoolWriter {
public:
    virtual ~SpoolWriter() = default; // destroyed without commit(): the partial message is removed

    // Appends message bytes: CRLF line endings, dot-stuffing already removed, trace
    // headers included (the session writes them first).
    virtual Result<void> write(QByteArrayView bytes) = 0;
    virtual qint64 size() const = 0;

    // Makes the message durable (message file and envelope written and fsynced, their
    // directory fsynced) and hands it to delivery. Returns the queue id. Only after this
    // succeeds may the session answer 250; on failure it answers 451 and nothing is queued.
    virtual Result<QString> commit(const Envelope& envelope) = 0;
};

// Where the SMTP engine hands accepted mail: the queue (engine/queue) in the service, an
// in-memory fake in the session tests.
class MessageIntake {
public:
    virtual ~MessageIntake() = default;
    virtual Result<std::unique_ptr<SpoolWriter>> begin() = 0;
};

} // namespace tegami
