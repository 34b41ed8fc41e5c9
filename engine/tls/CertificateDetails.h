#pragma once

#include "tls/TlsTypes.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QString>

namespace tegami {

// "AB:CD:EF:..." of the certificate's DER encoding.
QString certificateThumbprint(const QSslCertificate& cert, QCryptographicHash::Algorithm algorithm);

// The store id: the first 16 hex digits of the SHA-256 thumbprint, lower case.
QString certificateId(const QSslCertificate& cert);

// "CN=mail.example.com, O=Example Ltd, C=GB" (most specific first, as RFC 4514 prints).
QString subjectName(const QSslCertificate& cert);
QString issuerName(const QSslCertificate& cert);

// Everything CertificateInfo says that the certificate and its chain alone tell: not the
// trust verdict, origin or time added.
CertificateInfo describeCertificate(const LoadedCertificate& loaded);

// "rsa", "ec", "dsa" or "unknown".
QString keyAlgorithmName(QSsl::KeyAlgorithm algorithm);

} // namespace tegami
