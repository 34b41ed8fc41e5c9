#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace tegami {

// What a wizard knows about a certificate before the admin assigns it: the names it covers,
// when it expires, and whether mail programs will trust it.
struct CertificateFacts {
    bool known = false; // false: nothing chosen yet (or a request not yet answered)
    QString subject;
    QStringList names; // DNS names (SANs, else the CN)
    QDateTime notAfter;
    bool selfSigned = false;
    bool trusted = false;
    QString trustProblem;

    // From the first certificate in PEM (the rest is its chain).
    static CertificateFacts fromPem(const QByteArray& pem, QString* error);
    static CertificateFacts fromCertificate(const QSslCertificate& certificate, const QList<QSslCertificate>& chain);
    // From a cert.list entry.
    static CertificateFacts fromJson(const QJsonObject& certificate);
};

// One listener name to check: "IMAP4" must be reachable as mail.example.com.
struct NameCheck {
    QString protocol;
    QString where; // "0.0.0.0:993", may be empty
    QString fqdn;
    bool matches = false;
    QString reason;
};

namespace certcheck {

// Whether a certificate name covers a host name: exactly, or as a wildcard for one label
// ("*.example.com" covers mail.example.com, not example.com or a.b.example.com).
bool nameCovers(const QString& certificateName, const QString& host);
QList<NameCheck> check(const CertificateFacts& facts, QList<NameCheck> listeners);

} // namespace certcheck

// The names, expiry and trust of a certificate and, per listener, whether it matches: the
// table is "certificateChecks", the lines "certificateExpiry" and "certificateTrust".
class CertificateCheckView : public QWidget {
    Q_OBJECT
public:
    explicit CertificateCheckView(QWidget* parent = nullptr);

    // Returns the listeners the certificate does not fit.
    int show(const CertificateFacts& facts, const QList<NameCheck>& listeners);
    QTableWidget* table() const { return m_table; }

private:
    QLabel* m_names = nullptr;
    QLabel* m_expiry = nullptr;
    QLabel* m_trust = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace tegami
