#pragma once

// Helpers for the tls tests: the `openssl` command-line tool (an independent check of what
// the engine writes, and a maker of inputs the engine did not make) and file snapshots.

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTest>

namespace tegami::test {

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
};

// Runs `openssl args...` in `workDir` to completion (never while a server in this thread
// must answer it: this blocks the event loop).
inline ProcessResult openssl(const QStringList& args, const QString& workDir = QString(), const QByteArray& input = {})
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(QStringLiteral("openssl"), args);
    ProcessResult r;
    if (!p.waitForStarted(10000))
        return r;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(1000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

inline bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// Every file and directory under `dir` with a hash of its content: equal snapshots mean
// nothing in the store changed.
inline QStringList snapshot(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(dir).relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            out << rel + QStringLiteral("/");
        } else {
            out << rel + QLatin1Char(' ')
                    + QString::fromLatin1(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex());
        }
    }
    out.sort();
    return out;
}

// A certificate and key made by `openssl req -x509` (independently of the engine).
struct ExternalCert {
    QString certPath;
    QString keyPath;
    QByteArray certPem;
    QByteArray keyPem;
};

// keyArgs e.g. {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"} or {"-newkey", "rsa:2048"}.
inline ExternalCert makeExternalCert(const QString& dir, const QString& name, const QString& cn,
    const QString& subjectAltName,
    const QStringList& keyArgs = { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:P-256") },
    int days = 30)
{
    ExternalCert c;
    c.certPath = QDir(dir).filePath(name + QStringLiteral(".crt"));
    c.keyPath = QDir(dir).filePath(name + QStringLiteral(".key"));
    QStringList args { QStringLiteral("req"), QStringLiteral("-x509") };
    args << keyArgs;
    args << QStringLiteral("-nodes") << QStringLiteral("-keyout") << c.keyPath << QStringLiteral("-out") << c.certPath
         << QStringLiteral("-subj") << QStringLiteral("/CN=") + cn << QStringLiteral("-days") << QString::number(days);
    if (!subjectAltName.isEmpty())
        args << QStringLiteral("-addext") << QStringLiteral("subjectAltName=") + subjectAltName;
    const ProcessResult r = openssl(args);
    if (!r.ok())
        qWarning("openssl req failed: %s", r.err.constData());
    c.certPem = readAll(c.certPath);
    c.keyPem = readAll(c.keyPath);
    return c;
}

// A certificate authority for the tests: a self-signed root (P-256) that signs requests.
struct TestCa {
    QString dir;
    QString certPath;
    QString keyPath;
    QByteArray certPem;

    // Signs `csrPem`, copying its extensions (the SANs); returns the certificate PEM.
    QByteArray sign(const QByteArray& csrPem, int days = 90) const
    {
        const QString csrPath = QDir(dir).filePath(QStringLiteral("request.csr"));
        const QString outPath = QDir(dir).filePath(QStringLiteral("signed.crt"));
        writeAll(csrPath, csrPem);
        QFile::remove(outPath);
        const ProcessResult r = openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
            csrPath, QStringLiteral("-CA"), certPath, QStringLiteral("-CAkey"), keyPath,
            QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QString::number(days),
            QStringLiteral("-copy_extensions"), QStringLiteral("copy"), QStringLiteral("-out"), outPath });
        if (!r.ok())
            qWarning("openssl x509 -req failed: %s", r.err.constData());
        return readAll(outPath);
    }
};

inline TestCa makeTestCa(const QString& dir, const QString& name = QStringLiteral("Tegami Test CA"))
{
    TestCa ca;
    ca.dir = dir;
    ca.certPath = QDir(dir).filePath(QStringLiteral("ca.crt"));
    ca.keyPath = QDir(dir).filePath(QStringLiteral("ca.key"));
    const ProcessResult r = openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
        QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
        QStringLiteral("-nodes"), QStringLiteral("-keyout"), ca.keyPath, QStringLiteral("-out"), ca.certPath,
        QStringLiteral("-subj"), QStringLiteral("/CN=") + name, QStringLiteral("-days"), QStringLiteral("365"),
        QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
        QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") });
    if (!r.ok())
        qWarning("openssl req (CA) failed: %s", r.err.constData());
    ca.certPem = readAll(ca.certPath);
    return ca;
}

// "AB:CD:..." as `openssl x509 -fingerprint -sha256` prints it.
inline QString opensslFingerprint(const QString& certPath, const QString& digest)
{
    const ProcessResult r = openssl({ QStringLiteral("x509"), QStringLiteral("-in"), certPath, QStringLiteral("-noout"),
        QStringLiteral("-fingerprint"), QStringLiteral("-") + digest });
    const QString line = QString::fromLatin1(r.out).trimmed();
    return line.mid(line.indexOf(QLatin1Char('=')) + 1);
}

} // namespace tegami::test
