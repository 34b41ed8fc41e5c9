// tegamictl cert ...: the certificate store (import, generate, CSR, assign, export, remove).
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

#include "CommandSupport.h"
#include "Output.h"

namespace tegami::cli {

namespace {

std::optional<QByteArray> readInputFile(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return f.readAll();
}

int cmdCertList(Context& ctx)
{
    return call(ctx, QStringLiteral("cert.list"), {}, [](const QJsonValue& v) { printCertificates(v.toObject()); });
}

int cmdCertImport(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(
            QStringLiteral("usage: tegamictl cert import FILE [--key KEYFILE] [--passphrase-stdin]\n"
                           "  FILE: PEM (certificate, chain and key) or PKCS#12 (.pfx/.p12, asks for its password)"));
    QString error;
    const std::optional<QByteArray> data = readInputFile(ctx.cl.word(2), &error);
    if (!data)
        return usageError(error);
    QJsonObject params;
    const QString lower = ctx.cl.word(2).toLower();
    const bool pkcs12 = lower.endsWith(QLatin1String(".p12")) || lower.endsWith(QLatin1String(".pfx"));
    if (pkcs12) {
        params.insert(QStringLiteral("pkcs12"), QString::fromLatin1(data->toBase64()));
        const std::optional<QString> password
            = readPassword(ctx.cl, QStringLiteral("Password of %1: ").arg(ctx.cl.word(2)));
        params.insert(QStringLiteral("password"), password.value_or(QString()));
    } else {
        params.insert(QStringLiteral("pem"), QString::fromUtf8(*data));
        if (ctx.cl.has(QStringLiteral("--key"))) {
            const std::optional<QByteArray> key = readInputFile(ctx.cl.option(QStringLiteral("--key")), &error);
            if (!key)
                return usageError(error);
            params.insert(QStringLiteral("key"), QString::fromUtf8(*key));
        }
        const QByteArray all = *data + params.value(QStringLiteral("key")).toString().toUtf8();
        if (all.contains("ENCRYPTED")) {
            const std::optional<QString> passphrase
                = readPassword(ctx.cl, QStringLiteral("Passphrase of the private key: "));
            params.insert(QStringLiteral("passphrase"), passphrase.value_or(QString()));
        }
    }
    return call(
        ctx, QStringLiteral("cert.import"), params, [](const QJsonValue& v) { printCertificateAdded(v.toObject()); });
}

int cmdCertGenerate(Context& ctx)
{
    QJsonObject params;
    if (ctx.cl.has(QStringLiteral("--cn")))
        params.insert(QStringLiteral("commonName"), ctx.cl.option(QStringLiteral("--cn")));
    if (ctx.cl.has(QStringLiteral("--key-type")))
        params.insert(QStringLiteral("keyType"), ctx.cl.option(QStringLiteral("--key-type")));
    if (ctx.cl.has(QStringLiteral("--days")))
        params.insert(QStringLiteral("validityDays"), ctx.cl.option(QStringLiteral("--days")).toInt());
    if (ctx.cl.words.size() > 2)
        params.insert(QStringLiteral("sans"), QJsonArray::fromStringList(ctx.cl.words.mid(2)));
    return call(
        ctx, QStringLiteral("cert.generate"), params, [](const QJsonValue& v) { printCertificateAdded(v.toObject()); });
}

int cmdCertCsr(Context& ctx)
{
    QJsonObject params;
    for (const auto& [option, key] : { std::pair { "--cn", "commonName" }, { "--org", "organisation" },
             { "--unit", "organisationalUnit" }, { "--locality", "locality" }, { "--state", "state" },
             { "--country", "country" }, { "--email", "email" }, { "--key-type", "keyType" } }) {
        if (ctx.cl.has(QString::fromLatin1(option)))
            params.insert(QString::fromLatin1(key), ctx.cl.option(QString::fromLatin1(option)));
    }
    if (ctx.cl.words.size() > 2)
        params.insert(QStringLiteral("sans"), QJsonArray::fromStringList(ctx.cl.words.mid(2)));
    return call(ctx, QStringLiteral("cert.csr"), params, [&](const QJsonValue& v) {
        const QJsonObject r = v.toObject();
        const QByteArray csr = r.value(QStringLiteral("csrPem")).toString().toUtf8();
        if (ctx.cl.has(QStringLiteral("--out"))) {
            QFile out(ctx.cl.option(QStringLiteral("--out")));
            if (out.open(QIODevice::WriteOnly) && out.write(csr) == csr.size())
                std::printf("Wrote the request to %s\n", qPrintable(out.fileName()));
            else
                std::fprintf(stderr, "tegamictl: cannot write %s: %s\n", qPrintable(out.fileName()),
                    qPrintable(out.errorString()));
        } else {
            std::fputs(csr.constData(), stdout);
        }
        std::printf("Pending request %s: send the request to your CA, then run `tegamictl cert complete ANSWER.pem`.\n",
            qPrintable(r.value(QStringLiteral("id")).toString()));
    });
}

int cmdCertComplete(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl cert complete FILE   (the CA's answer, PEM)"));
    QString error;
    const std::optional<QByteArray> data = readInputFile(ctx.cl.word(2), &error);
    if (!data)
        return usageError(error);
    return call(ctx, QStringLiteral("cert.complete"), { { QStringLiteral("pem"), QString::fromUtf8(*data) } },
        [](const QJsonValue& v) { printCertificateAdded(v.toObject()); });
}

int cmdCertAssign(Context& ctx)
{
    if (ctx.cl.words.size() < 3 || ctx.cl.words.size() > 4)
        return usageError(
            QStringLiteral("usage: tegamictl cert assign ID [default|smtp|submission|pop3|imap] [--force]"));
    QJsonObject params { { QStringLiteral("id"), ctx.cl.word(2) } };
    if (ctx.cl.words.size() == 4)
        params.insert(QStringLiteral("protocol"), ctx.cl.word(3));
    if (ctx.cl.has(QStringLiteral("--force")))
        params.insert(QStringLiteral("force"), true);
    return call(ctx, QStringLiteral("cert.assign"), params,
        [](const QJsonValue& v) { printCertificateAssigned(v.toObject()); });
}

int cmdCertExport(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl cert export ID [--out FILE] [--no-chain] [--pkcs12]"));
    QJsonObject params { { QStringLiteral("id"), ctx.cl.word(2) } };
    if (ctx.cl.has(QStringLiteral("--no-chain")))
        params.insert(QStringLiteral("chain"), false);
    const bool pkcs12 = ctx.cl.has(QStringLiteral("--pkcs12"));
    if (pkcs12) {
        if (!ctx.cl.has(QStringLiteral("--out")))
            return usageError(QStringLiteral("--pkcs12 writes a binary file: give --out FILE"));
        const std::optional<QString> password
            = readPassword(ctx.cl, QStringLiteral("Password to protect the PKCS#12 file: "));
        params.insert(QStringLiteral("pkcs12Password"), password.value_or(QString()));
    }
    return call(ctx, QStringLiteral("cert.export"), params, [&](const QJsonValue& v) {
        const QJsonObject r = v.toObject();
        const QByteArray data = pkcs12 ? QByteArray::fromBase64(r.value(QStringLiteral("pkcs12")).toString().toLatin1())
                                       : r.value(QStringLiteral("pem")).toString().toUtf8();
        if (!ctx.cl.has(QStringLiteral("--out"))) {
            std::fputs(data.constData(), stdout);
            return;
        }
        QFile out(ctx.cl.option(QStringLiteral("--out")));
        if (out.open(QIODevice::WriteOnly) && out.write(data) == data.size())
            std::printf("Wrote %s\n", qPrintable(out.fileName()));
        else
            std::fprintf(
                stderr, "tegamictl: cannot write %s: %s\n", qPrintable(out.fileName()), qPrintable(out.errorString()));
    });
}

int cmdCertRemove(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl cert remove ID"));
    return call(ctx, QStringLiteral("cert.remove"), { { QStringLiteral("id"), ctx.cl.word(2) } },
        [&](const QJsonValue&) { std::printf("Removed %s\n", qPrintable(ctx.cl.word(2))); });
}

} // namespace

QList<Command> certificateCommands()
{
    return { { { QStringLiteral("cert"), QStringLiteral("list") }, QStringLiteral("cert list"),
                 QStringLiteral("certificates, pending requests and which protocol uses which"), cmdCertList },
        { { QStringLiteral("cert"), QStringLiteral("import") },
            QStringLiteral("cert import FILE [--key KEYFILE] [--password-stdin]"),
            QStringLiteral("import PEM (certificate, chain, key) or PKCS#12 (.pfx/.p12)"), cmdCertImport },
        { { QStringLiteral("cert"), QStringLiteral("generate") },
            QStringLiteral(
                "cert generate [NAME...] [--cn NAME] [--key-type ec-p256|rsa2048|rsa3072|rsa4096] [--days N]"),
            QStringLiteral("self-signed certificate for this server's names (plus NAMEs)"), cmdCertGenerate },
        { { QStringLiteral("cert"), QStringLiteral("csr") },
            QStringLiteral("cert csr [NAME...] [--cn NAME] [--org O] [--unit OU] [--locality L] [--state ST] "
                           "[--country CC] [--email E] [--key-type T] [--out FILE]"),
            QStringLiteral("key and signing request for a CA"), cmdCertCsr },
        { { QStringLiteral("cert"), QStringLiteral("complete") }, QStringLiteral("cert complete FILE"),
            QStringLiteral("import the CA's answer to a request"), cmdCertComplete },
        { { QStringLiteral("cert"), QStringLiteral("assign") },
            QStringLiteral("cert assign ID [default|smtp|submission|pop3|imap] [--force]"),
            QStringLiteral("use a certificate (checked against the listeners' names)"), cmdCertAssign },
        { { QStringLiteral("cert"), QStringLiteral("export") },
            QStringLiteral("cert export ID [--out FILE] [--no-chain] [--pkcs12]"),
            QStringLiteral("the public certificate (PEM), or with its key as PKCS#12"), cmdCertExport },
        { { QStringLiteral("cert"), QStringLiteral("remove") }, QStringLiteral("cert remove ID"),
            QStringLiteral("delete an unused certificate or a pending request"), cmdCertRemove } };
}

} // namespace tegami::cli
