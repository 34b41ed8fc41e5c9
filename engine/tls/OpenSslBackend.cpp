#include "tls/OpenSslBackend.h"

#include <QHostAddress>
#include <QStringList>

#include <climits>
#include <memory>
#include <mutex>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace tegami {

namespace {

// Every OpenSSL object lives in one of these, so no error path leaks.
template <auto Free> struct Deleter {
    template <typename T> void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using ReqPtr = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using GenNamePtr = std::unique_ptr<GENERAL_NAME, Deleter<GENERAL_NAME_free>>;
using GenNamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using Ia5Ptr = std::unique_ptr<ASN1_IA5STRING, Deleter<ASN1_IA5STRING_free>>;
using OctetPtr = std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;

void freeCertStack(STACK_OF(X509) * s)
{
    sk_X509_pop_free(s, X509_free);
}
void freeExtStack(STACK_OF(X509_EXTENSION) * s)
{
    sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
}
using CertStackPtr = std::unique_ptr<STACK_OF(X509), Deleter<freeCertStack>>;
using ExtStackPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), Deleter<freeExtStack>>;

// OpenSSL's error queue is per thread and shared with Qt's TLS code, which reads it after
// failed SSL calls; leaving stale entries behind would confuse it. Every public method
// starts and ends with an empty queue.
class ErrorQueueGuard {
public:
    ErrorQueueGuard() { ERR_clear_error(); }
    ~ErrorQueueGuard() { ERR_clear_error(); }
    ErrorQueueGuard(const ErrorQueueGuard&) = delete;
    ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
};

// Drains the queue into "library: reason (detail); ...".
QString takeErrors()
{
    QStringList parts;
    const char* data = nullptr;
    int flags = 0;
    unsigned long code;
    while ((code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) != 0) {
        const char* lib = ERR_lib_error_string(code);
        const char* reason = ERR_reason_error_string(code);
        QString part = reason ? QString::fromLatin1(reason) : QStringLiteral("error %1").arg(code, 0, 16);
        if (lib)
            part = QString::fromLatin1(lib) + QStringLiteral(": ") + part;
        if (data && (flags & ERR_TXT_STRING) && *data)
            part += QStringLiteral(" (%1)").arg(QString::fromUtf8(data));
        if (!parts.contains(part))
            parts << part;
    }
    return parts.isEmpty() ? QStringLiteral("OpenSSL gave no detail") : parts.join(QStringLiteral("; "));
}

Error failure(const QString& what)
{
    return Error::internal(QStringLiteral("%1 failed: %2").arg(what, takeErrors()));
}

// Never lets OpenSSL fall back to prompting on the terminal: a service has none.
int noPassword(char*, int, int, void*)
{
    return -1;
}

int givePassword(char* buf, int size, int, void* userdata)
{
    const auto* pass = static_cast<const QByteArray*>(userdata);
    if (!pass || pass->isEmpty() || pass->size() > size)
        return -1;
    memcpy(buf, pass->constData(), size_t(pass->size()));
    return int(pass->size());
}

BioPtr readBio(const QByteArray& data)
{
    if (data.size() > INT_MAX)
        return nullptr;
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? QByteArray(data, qsizetype(n)) : QByteArray();
}

X509Ptr readCertificate(const QByteArray& pem)
{
    BioPtr bio = readBio(pem);
    return bio ? X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, noPassword, nullptr)) : nullptr;
}

PkeyPtr readKey(const PrivateKeyPem& key)
{
    BioPtr bio = readBio(key.pem);
    return bio ? PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr)) : nullptr;
}

Result<QByteArray> certificateToPem(X509* cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return failure(QStringLiteral("writing a certificate as PEM"));
    return bioBytes(bio.get());
}

// The key as unencrypted PKCS#8 PEM, written through secure memory (cleared when freed).
Result<PrivateKeyPem> keyToPem(EVP_PKEY* pkey)
{
    PrivateKeyPem out;
    switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA:
        out.algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        out.algorithm = QSsl::Ec;
        break;
    case EVP_PKEY_DSA:
        out.algorithm = QSsl::Dsa;
        break;
    default:
        return Error::invalid(QStringLiteral("key"),
            QStringLiteral("the private key is of type %1, which Tegami cannot use for TLS; "
                           "use an RSA (2048 bits or more) or ECDSA key")
                .arg(QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(pkey)))));
    }
    out.bits = EVP_PKEY_get_bits(pkey);
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return failure(QStringLiteral("writing the private key"));
    out.pem = bioBytes(bio.get());
    return out;
}

Result<void> addNameEntry(X509_NAME* name, int nid, const QString& value, int type = MBSTRING_UTF8)
{
    if (value.isEmpty())
        return {};
    const QByteArray utf8 = value.toUtf8();
    if (X509_NAME_add_entry_by_NID(
            name, nid, type, reinterpret_cast<const unsigned char*>(utf8.constData()), int(utf8.size()), -1, 0)
        != 1)
        return failure(QStringLiteral("setting %1 '%2'").arg(QString::fromLatin1(OBJ_nid2ln(nid)), value));
    return {};
}

Result<NamePtr> buildName(const SubjectFields& s)
{
    NamePtr name(X509_NAME_new());
    if (!name)
        return failure(QStringLiteral("creating a subject name"));
    // Most significant first, the order CAs and `openssl req` use.
    const struct {
        int nid;
        const QString& value;
        int type;
    } fields[] = {
        { NID_countryName, s.country, MBSTRING_ASC },
        { NID_stateOrProvinceName, s.state, MBSTRING_UTF8 },
        { NID_localityName, s.locality, MBSTRING_UTF8 },
        { NID_organizationName, s.organisation, MBSTRING_UTF8 },
        { NID_organizationalUnitName, s.organisationalUnit, MBSTRING_UTF8 },
        { NID_commonName, s.commonName, MBSTRING_UTF8 },
        { NID_pkcs9_emailAddress, s.email, MBSTRING_ASC },
    };
    for (const auto& f : fields) {
        if (auto r = addNameEntry(name.get(), f.nid, f.value, f.type); !r)
            return r.error();
    }
    return name;
}

Result<GenNamesPtr> buildAltNames(const SubjectNames& names)
{
    GenNamesPtr gens(sk_GENERAL_NAME_new_null());
    if (!gens)
        return failure(QStringLiteral("creating the subject alternative names"));
    for (const QString& dns : names.dns) {
        const QByteArray ascii = dns.toLatin1();
        GenNamePtr gen(GENERAL_NAME_new());
        Ia5Ptr str(ASN1_IA5STRING_new());
        if (!gen || !str || ASN1_STRING_set(str.get(), ascii.constData(), int(ascii.size())) != 1)
            return failure(QStringLiteral("adding the name %1").arg(dns));
        GENERAL_NAME_set0_value(gen.get(), GEN_DNS, str.release());
        if (sk_GENERAL_NAME_push(gens.get(), gen.get()) <= 0)
            return failure(QStringLiteral("adding the name %1").arg(dns));
        (void)gen.release(); // owned by the stack now
    }
    for (const QString& ip : names.ip) {
        GenNamePtr gen(GENERAL_NAME_new());
        OctetPtr octets(a2i_IPADDRESS(ip.toLatin1().constData()));
        if (!gen || !octets)
            return failure(QStringLiteral("adding the address %1").arg(ip));
        GENERAL_NAME_set0_value(gen.get(), GEN_IPADD, octets.release());
        if (sk_GENERAL_NAME_push(gens.get(), gen.get()) <= 0)
            return failure(QStringLiteral("adding the address %1").arg(ip));
        (void)gen.release();
    }
    return gens;
}

Result<void> addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    ExtPtr ext(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        return failure(QStringLiteral("adding the %1 extension").arg(QString::fromLatin1(OBJ_nid2ln(nid))));
    return {};
}

bool setTime(ASN1_TIME* field, const QDateTime& t)
{
    return ASN1_TIME_set(field, time_t(t.toSecsSinceEpoch())) != nullptr;
}

// A positive 127-bit random serial: unique without a counter, within RFC 5280's 20 octets.
Result<void> setRandomSerial(X509* cert)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return failure(QStringLiteral("drawing a random serial number"));
    bytes[0] &= 0x7f;
    bytes[0] |= 0x40; // keeps the full length, so serials never look short or zero
    BnPtr bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)))
        return failure(QStringLiteral("setting the serial number"));
    return {};
}

QString verifyAdvice(int error)
{
    switch (error) {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        return QStringLiteral("it is self-signed: mail clients accept it only where a user chose to trust it");
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return QStringLiteral("its root certificate is not among the trusted roots (a private CA?)");
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        return QStringLiteral("the issuer's certificate is missing: import the CA's intermediate certificates with "
                              "it (the \"full chain\" file), or the issuing CA is not trusted");
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return QStringLiteral("it or a certificate in its chain has expired");
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return QStringLiteral("it or a certificate in its chain is not valid yet (check the system clock)");
    case X509_V_ERR_INVALID_PURPOSE:
        return QStringLiteral("its key usage does not allow TLS servers (serverAuth)");
    default:
        return QString::fromLatin1(X509_verify_cert_error_string(error));
    }
}

// Old .pfx files (Windows before 2019, many appliances) use RC2 or 3DES, which OpenSSL 3
// keeps in its "legacy" provider. It is loaded into the default context only when such a
// file shows up; it offers only old algorithms, so nothing else starts using them.
bool loadLegacyProvider()
{
    static std::once_flag once;
    static bool loaded = false;
    std::call_once(once, [] { loaded = OSSL_PROVIDER_try_load(nullptr, "legacy", 1) != nullptr; });
    return loaded;
}

} // namespace

struct OpenSslBackend::TrustStore {
    std::once_flag once;
    StorePtr store;
    QString problem;
};

OpenSslBackend::OpenSslBackend()
    : OpenSslBackend(Options {})
{ }

OpenSslBackend::OpenSslBackend(Options options)
    : m_options(std::move(options))
    , m_trust(std::make_unique<TrustStore>())
{ }

OpenSslBackend::~OpenSslBackend() = default;

QString OpenSslBackend::name() const
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

Result<PrivateKeyPem> OpenSslBackend::generateKey(KeyType type) const
{
    ErrorQueueGuard guard;
    PkeyPtr pkey;
    switch (type) {
    case KeyType::Rsa2048:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)));
        break;
    case KeyType::Rsa3072:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(3072)));
        break;
    case KeyType::Rsa4096:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(4096)));
        break;
    case KeyType::EcP256:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
        break;
    }
    if (!pkey)
        return failure(QStringLiteral("generating a %1 key").arg(keyTypeName(type)));
    return keyToPem(pkey.get());
}

Result<PrivateKeyPem> OpenSslBackend::readPrivateKey(const QByteArray& pem, const QByteArray& passphrase) const
{
    ErrorQueueGuard guard;
    const bool encrypted
        = pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED");
    if (encrypted && passphrase.isEmpty()) {
        return Error::invalid(
            QStringLiteral("passphrase"), QStringLiteral("the private key is encrypted: give its passphrase"));
    }
    BioPtr bio = readBio(pem);
    if (!bio)
        return failure(QStringLiteral("reading the private key"));
    QByteArray pass = passphrase;
    PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, givePassword, encrypted ? &pass : nullptr));
    if (!pkey) {
        if (encrypted) {
            ERR_clear_error();
            return Error::invalid(QStringLiteral("passphrase"),
                QStringLiteral("the passphrase of the private key is wrong; type it again (it is "
                               "case-sensitive)"));
        }
        return Error::invalid(QStringLiteral("key"),
            QStringLiteral("the private key cannot be read (%1); the file may "
                           "be damaged or incomplete")
                .arg(takeErrors()));
    }
    return keyToPem(pkey.get());
}

Result<QByteArray> OpenSslBackend::createSelfSigned(const PrivateKeyPem& key, const CertificateSpec& spec) const
{
    ErrorQueueGuard guard;
    PkeyPtr pkey = readKey(key);
    if (!pkey)
        return failure(QStringLiteral("reading the new private key"));
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return failure(QStringLiteral("creating a certificate"));
    if (auto r = setRandomSerial(cert.get()); !r)
        return r.error();
    auto name = buildName(spec.subject);
    if (!name)
        return name.error();
    if (X509_set_subject_name(cert.get(), name->get()) != 1 || X509_set_issuer_name(cert.get(), name->get()) != 1)
        return failure(QStringLiteral("setting the subject"));
    if (!setTime(X509_getm_notBefore(cert.get()), spec.notBefore)
        || !setTime(X509_getm_notAfter(cert.get()), spec.notAfter))
        return failure(QStringLiteral("setting the validity period"));
    if (X509_set_pubkey(cert.get(), pkey.get()) != 1)
        return failure(QStringLiteral("setting the public key"));

    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    // No keyUsage extension: a self-signed certificate is its own issuer, and with a keyUsage
    // lacking keyCertSign (which CA:FALSE forbids) OpenSSL, and Qt with it, would no longer
    // see it as self-issued. Without the extension every usage is allowed; the extended key
    // usage still limits it to TLS servers.
    for (const auto& [nid, value] : { std::pair { NID_basic_constraints, "critical,CA:FALSE" },
             std::pair { NID_ext_key_usage, "serverAuth" }, std::pair { NID_subject_key_identifier, "hash" },
             std::pair { NID_authority_key_identifier, "keyid:always" } }) {
        if (auto r = addExtension(cert.get(), &ctx, nid, value); !r)
            return r.error();
    }
    if (!spec.names.dns.isEmpty() || !spec.names.ip.isEmpty()) {
        auto gens = buildAltNames(spec.names);
        if (!gens)
            return gens.error();
        if (X509_add1_ext_i2d(cert.get(), NID_subject_alt_name, gens->get(), 0, X509V3_ADD_DEFAULT) != 1)
            return failure(QStringLiteral("adding the subject alternative names"));
    }
    if (X509_sign(cert.get(), pkey.get(), EVP_sha256()) <= 0)
        return failure(QStringLiteral("signing the certificate"));
    return certificateToPem(cert.get());
}

Result<QByteArray> OpenSslBackend::createCsr(
    const PrivateKeyPem& key, const SubjectFields& subject, const SubjectNames& names) const
{
    ErrorQueueGuard guard;
    PkeyPtr pkey = readKey(key);
    if (!pkey)
        return failure(QStringLiteral("reading the new private key"));
    ReqPtr req(X509_REQ_new());
    if (!req || X509_REQ_set_version(req.get(), X509_REQ_VERSION_1) != 1)
        return failure(QStringLiteral("creating a certificate request"));
    auto name = buildName(subject);
    if (!name)
        return name.error();
    if (X509_REQ_set_subject_name(req.get(), name->get()) != 1 || X509_REQ_set_pubkey(req.get(), pkey.get()) != 1)
        return failure(QStringLiteral("filling in the certificate request"));
    if (!names.dns.isEmpty() || !names.ip.isEmpty()) {
        auto gens = buildAltNames(names);
        if (!gens)
            return gens.error();
        ExtStackPtr exts(sk_X509_EXTENSION_new_null());
        ExtPtr san(X509V3_EXT_i2d(NID_subject_alt_name, 0, gens->get()));
        if (!exts || !san || sk_X509_EXTENSION_push(exts.get(), san.get()) <= 0)
            return failure(QStringLiteral("adding the subject alternative names"));
        (void)san.release();
        if (X509_REQ_add_extensions(req.get(), exts.get()) != 1)
            return failure(QStringLiteral("adding the subject alternative names"));
    }
    if (X509_REQ_sign(req.get(), pkey.get(), EVP_sha256()) <= 0)
        return failure(QStringLiteral("signing the certificate request"));
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509_REQ(bio.get(), req.get()) != 1)
        return failure(QStringLiteral("writing the certificate request"));
    return bioBytes(bio.get());
}

Result<Pkcs12Contents> OpenSslBackend::parsePkcs12(const QByteArray& der, const QByteArray& password) const
{
    ErrorQueueGuard guard;
    const QString field = QStringLiteral("file");
    if (der.trimmed().startsWith("-----BEGIN")) {
        return Error::invalid(field,
            QStringLiteral("this is PEM text, not a PKCS#12 (.pfx/.p12) file; import it as "
                           "PEM instead"));
    }
    BioPtr bio = readBio(der);
    Pkcs12Ptr p12(bio ? d2i_PKCS12_bio(bio.get(), nullptr) : nullptr);
    if (!p12) {
        return Error::invalid(field,
            QStringLiteral("this is not a readable PKCS#12 (.pfx/.p12) file: it is damaged, "
                           "truncated or of another format (%1)")
                .arg(takeErrors()));
    }

    // An empty password means "none" to some tools and "" to others; try both.
    QByteArray pass = password;
    const char* passArg = pass.constData();
    if (PKCS12_mac_present(p12.get())) {
        bool verified = PKCS12_verify_mac(p12.get(), passArg, int(pass.size())) == 1;
        if (!verified && pass.isEmpty()) {
            ERR_clear_error();
            passArg = nullptr;
            verified = PKCS12_verify_mac(p12.get(), nullptr, 0) == 1;
        }
        if (!verified) {
            ERR_clear_error();
            return Error::invalid(QStringLiteral("password"),
                pass.isEmpty() ? QStringLiteral("the PKCS#12 file is protected by a password: give it")
                               : QStringLiteral("the password of the PKCS#12 file is wrong; type it "
                                                "again (it is case-sensitive)"));
        }
    }

    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    STACK_OF(X509)* rawCa = nullptr;
    bool parsed = PKCS12_parse(p12.get(), passArg, &rawKey, &rawCert, &rawCa) == 1;
    if (!parsed && loadLegacyProvider()) {
        ERR_clear_error();
        parsed = PKCS12_parse(p12.get(), passArg, &rawKey, &rawCert, &rawCa) == 1;
    }
    PkeyPtr pkey(rawKey);
    X509Ptr cert(rawCert);
    CertStackPtr ca(rawCa);
    if (!parsed) {
        if (!PKCS12_mac_present(p12.get())) {
            ERR_clear_error();
            return Error::invalid(QStringLiteral("password"),
                QStringLiteral("the PKCS#12 file cannot be decrypted: the password is wrong"));
        }
        return Error::invalid(field,
            QStringLiteral("the PKCS#12 file cannot be read (%1); export it again with "
                           "AES-256 encryption")
                .arg(takeErrors()));
    }
    if (!pkey) {
        return Error::invalid(field,
            QStringLiteral("the PKCS#12 file holds no private key; export the certificate "
                           "again with its private key included"));
    }
    // Files without key IDs leave every certificate in `ca`; pick the one of the key.
    if (!cert && ca) {
        for (int i = 0; i < sk_X509_num(ca.get()); ++i) {
            X509* candidate = sk_X509_value(ca.get(), i);
            if (EVP_PKEY_eq(X509_get0_pubkey(candidate), pkey.get()) == 1) {
                cert.reset(sk_X509_delete(ca.get(), i));
                break;
            }
        }
    }
    if (!cert)
        return Error::invalid(field, QStringLiteral("the PKCS#12 file holds no certificate for its private key"));

    Pkcs12Contents out;
    auto leafPem = certificateToPem(cert.get());
    if (!leafPem)
        return leafPem.error();
    out.certificatePem = *leafPem;
    auto key = keyToPem(pkey.get());
    if (!key)
        return key.error();
    out.key = *key;
    for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i) {
        X509* c = sk_X509_value(ca.get(), i);
        if (X509_cmp(c, cert.get()) == 0)
            continue;
        auto pem = certificateToPem(c);
        if (!pem)
            return pem.error();
        out.chainPem << *pem;
    }
    return out;
}

Result<QByteArray> OpenSslBackend::createPkcs12(const QByteArray& certificatePem, const PrivateKeyPem& key,
    const QList<QByteArray>& chainPem, const QByteArray& password, const QString& friendlyName) const
{
    ErrorQueueGuard guard;
    X509Ptr cert = readCertificate(certificatePem);
    PkeyPtr pkey = readKey(key);
    if (!cert || !pkey)
        return failure(QStringLiteral("reading the certificate and key to export"));
    CertStackPtr ca(sk_X509_new_null());
    if (!ca)
        return failure(QStringLiteral("exporting the chain"));
    for (const QByteArray& pem : chainPem) {
        X509Ptr c = readCertificate(pem);
        if (!c || sk_X509_push(ca.get(), c.get()) <= 0)
            return failure(QStringLiteral("exporting the chain"));
        (void)c.release();
    }
    const QByteArray name = friendlyName.toUtf8();
    // Zeros select OpenSSL 3's defaults: AES-256-CBC with PBKDF2 and a SHA-256 MAC.
    Pkcs12Ptr p12(PKCS12_create(password.constData(), name.isEmpty() ? nullptr : name.constData(), pkey.get(),
        cert.get(), ca.get(), 0, 0, 0, 0, 0));
    if (!p12)
        return failure(QStringLiteral("creating the PKCS#12 file"));
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio || i2d_PKCS12_bio(bio.get(), p12.get()) != 1)
        return failure(QStringLiteral("writing the PKCS#12 file"));
    return bioBytes(bio.get());
}

Result<bool> OpenSslBackend::keyMatchesCertificate(const PrivateKeyPem& key, const QByteArray& certificatePem) const
{
    ErrorQueueGuard guard;
    X509Ptr cert = readCertificate(certificatePem);
    if (!cert)
        return failure(QStringLiteral("reading the certificate"));
    PkeyPtr pkey = readKey(key);
    if (!pkey)
        return failure(QStringLiteral("reading the private key"));
    // 1: same key; 0: different; negative: different types or not comparable.
    return EVP_PKEY_eq(X509_get0_pubkey(cert.get()), pkey.get()) == 1;
}

QString OpenSslBackend::verifyChain(
    const QByteArray& leafPem, const QList<QByteArray>& chainPem, const QDateTime& at) const
{
    ErrorQueueGuard guard;
    TrustStore& trust = *m_trust;
    std::call_once(trust.once, [this, &trust] {
        trust.store.reset(X509_STORE_new());
        if (!trust.store) {
            trust.problem = failure(QStringLiteral("creating the trust store")).message;
            return;
        }
        if (m_options.systemRoots && X509_STORE_set_default_paths(trust.store.get()) != 1)
            trust.problem = failure(QStringLiteral("loading the system's root certificates")).message;
        for (const QByteArray& pem : m_options.extraRootsPem) {
            X509Ptr root = readCertificate(pem);
            if (!root || X509_STORE_add_cert(trust.store.get(), root.get()) != 1)
                trust.problem = failure(QStringLiteral("adding a trusted root certificate")).message;
        }
    });
    if (!trust.store)
        return trust.problem;

    X509Ptr leaf = readCertificate(leafPem);
    CertStackPtr untrusted(sk_X509_new_null());
    if (!leaf || !untrusted)
        return failure(QStringLiteral("reading the certificate")).message;
    for (const QByteArray& pem : chainPem) {
        X509Ptr c = readCertificate(pem);
        if (!c || sk_X509_push(untrusted.get(), c.get()) <= 0)
            return failure(QStringLiteral("reading the chain")).message;
        (void)c.release();
    }
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), trust.store.get(), leaf.get(), untrusted.get()) != 1)
        return failure(QStringLiteral("preparing the chain check")).message;
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), time_t(at.toSecsSinceEpoch()));
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
    if (X509_verify_cert(ctx.get()) == 1)
        return QString();
    const int error = X509_STORE_CTX_get_error(ctx.get());
    return error == X509_V_OK ? failure(QStringLiteral("checking the chain")).message : verifyAdvice(error);
}

} // namespace tegami
