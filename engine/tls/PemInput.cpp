#include "tls/PemInput.h"

namespace tegami {

namespace {

bool looksBinary(const QByteArray& data)
{
    // DER always starts with a SEQUENCE tag; text never holds control bytes other than whitespace.
    if (!data.isEmpty() && static_cast<unsigned char>(data.at(0)) == 0x30)
        return true;
    for (char c : data.left(4096)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x09 || (u > 0x0d && u < 0x20) || u == 0x7f)
            return true;
    }
    return false;
}

QByteArray labelOf(const QByteArray& line, const char* prefix)
{
    // "-----BEGIN CERTIFICATE-----" -> "CERTIFICATE"
    const QByteArray p(prefix);
    if (!line.startsWith(p) || !line.endsWith("-----") || line.size() < p.size() + 5)
        return QByteArray();
    return line.mid(p.size(), line.size() - p.size() - 5);
}

} // namespace

Result<QList<PemBlock>> splitPem(const QByteArray& data, const QString& field, const QString& what)
{
    if (data.trimmed().isEmpty())
        return Error::invalid(field, QStringLiteral("%1 is empty").arg(what));
    if (!data.contains("-----BEGIN ")) {
        if (looksBinary(data)) {
            return Error::invalid(field,
                QStringLiteral("%1 is binary (DER) data, not PEM text. For a .pfx or .p12 "
                               "file use the PKCS#12 import; a DER certificate (.cer, .der) "
                               "converts with: openssl x509 -inform der -in FILE -out "
                               "FILE.pem")
                    .arg(what));
        }
        return Error::invalid(field,
            QStringLiteral("%1 holds no PEM data: expected text with a line "
                           "\"-----BEGIN CERTIFICATE-----\"")
                .arg(what));
    }

    QList<PemBlock> blocks;
    const QList<QByteArray> lines = data.split('\n');
    PemBlock current;
    bool inside = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (!inside) {
            const QByteArray label = labelOf(line, "-----BEGIN ");
            if (!label.isEmpty()) {
                current = PemBlock { label, line + '\n', i + 1 };
                inside = true;
            } else if (line.startsWith("-----END ")) {
                return Error::invalid(
                    field, QStringLiteral("%1 is damaged: line %2 ends a block that never began").arg(what).arg(i + 1));
            }
            continue;
        }
        if (line.startsWith("-----BEGIN ")) {
            return Error::invalid(field,
                QStringLiteral("%1 is truncated or damaged: the \"%2\" block at line %3 has no "
                               "END line before line %4; copy the whole file again")
                    .arg(what, QString::fromLatin1(current.label))
                    .arg(current.line)
                    .arg(i + 1));
        }
        const QByteArray endLabel = labelOf(line, "-----END ");
        if (line.startsWith("-----END ")) {
            if (endLabel != current.label) {
                return Error::invalid(field,
                    QStringLiteral("%1 is damaged: the \"%2\" block at line %3 ends with "
                                   "\"%4\"")
                        .arg(what, QString::fromLatin1(current.label))
                        .arg(current.line)
                        .arg(QString::fromLatin1(line)));
            }
            current.text += line + '\n';
            blocks << current;
            inside = false;
            continue;
        }
        current.text += line + '\n';
    }
    if (inside) {
        return Error::invalid(field,
            QStringLiteral("%1 is truncated: the \"%2\" block at line %3 has no \"-----END "
                           "%2-----\" line; copy the whole file again")
                .arg(what, QString::fromLatin1(current.label))
                .arg(current.line));
    }
    return blocks;
}

Result<PemContents> classifyPem(const QList<PemBlock>& blocks, const QString& field, const QString& what)
{
    PemContents out;
    for (const PemBlock& b : blocks) {
        const QString where = QStringLiteral("%1, line %2").arg(what).arg(b.line);
        if (b.label == "CERTIFICATE" || b.label == "X509 CERTIFICATE") {
            const QList<QSslCertificate> certs = QSslCertificate::fromData(b.text, QSsl::Pem);
            if (certs.size() != 1 || certs.first().isNull()) {
                return Error::invalid(field,
                    QStringLiteral("%1: the certificate is damaged (its data does not decode); "
                                   "copy the whole file again")
                        .arg(where));
            }
            out.certificates << certs.first();
        } else if (b.label == "PRIVATE KEY" || b.label == "ENCRYPTED PRIVATE KEY" || b.label == "RSA PRIVATE KEY"
            || b.label == "EC PRIVATE KEY" || b.label == "DSA PRIVATE KEY") {
            out.keys << b;
        } else if (b.label == "EC PARAMETERS") {
            continue; // `openssl ecparam -genkey` writes these before the key; the key names its curve itself
        } else if (b.label == "CERTIFICATE REQUEST" || b.label == "NEW CERTIFICATE REQUEST") {
            return Error::invalid(field,
                QStringLiteral("%1 is a certificate request (CSR), not a certificate: send it "
                               "to your certificate authority and import its answer")
                    .arg(where));
        } else if (b.label.endsWith("PUBLIC KEY")) {
            return Error::invalid(field,
                QStringLiteral("%1 is a public key; a TLS server needs the certificate and "
                               "its private key")
                    .arg(where));
        } else if (b.label == "PKCS7") {
            // TODO(tegami): read PKCS#7 (.p7b) answers directly; Windows CAs send them.
            return Error::invalid(field,
                QStringLiteral("%1 is a PKCS#7 bundle; convert it with: openssl pkcs7 "
                               "-print_certs -in FILE -out FILE.pem")
                    .arg(where));
        } else if (b.label == "TRUSTED CERTIFICATE") {
            return Error::invalid(field,
                QStringLiteral("%1 is an OpenSSL \"TRUSTED CERTIFICATE\"; convert it with: "
                               "openssl x509 -in FILE -out FILE.pem")
                    .arg(where));
        } else {
            return Error::invalid(field,
                QStringLiteral("%1: unexpected PEM block \"%2\"; expected certificates and a "
                               "private key")
                    .arg(where, QString::fromLatin1(b.label)));
        }
    }
    return out;
}

} // namespace tegami
