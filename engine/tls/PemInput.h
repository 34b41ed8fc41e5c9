#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

namespace tegami {

// One "-----BEGIN <label>----- ... -----END <label>-----" block, with its framing lines.
struct PemBlock {
    QByteArray label; // "CERTIFICATE", "PRIVATE KEY", ...
    QByteArray text; // the whole block, ending in a newline
    int line = 0; // 1-based line of the BEGIN line
};

// Splits text into PEM blocks. Refuses, with a message naming `what` ("the certificate
// file") and the fix: empty input, binary DER (pointing at the PKCS#12 import and at the
// DER-to-PEM conversion), text without any block, a block without its END line (a
// truncated copy) and an END that does not close its BEGIN.
Result<QList<PemBlock>> splitPem(const QByteArray& data, const QString& field, const QString& what);

// The blocks sorted by what they are.
struct PemContents {
    QList<QSslCertificate> certificates;
    QList<PemBlock> keys; // private keys, possibly encrypted
};

// Sorts the blocks: certificates are decoded (a damaged one is an error naming its line),
// private keys kept as text, EC PARAMETERS ignored; requests, public keys, PKCS#7 and
// unknown blocks are refused with what to do instead.
Result<PemContents> classifyPem(const QList<PemBlock>& blocks, const QString& field, const QString& what);

} // namespace tegami
