// Helpers of the wizard tests: a fresh tegamid with a connected client, widgets by name,
// free ports, test certificates made with the openssl command.
#pragma once

#include "wizards/certificate/CertificateWizard.h"
#include "wizards/common/BindingProbe.h"
#include "wizards/common/CertificateCheck.h"
#include "wizards/common/ClientSettingsPage.h"
#include "wizards/common/WizardCall.h"
#include "wizards/firstrun/FirstRunWizard.h"
#include "wizards/ports/PortsWizard.h"
#include "wizards/protocols/ProtocolsWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QSslSocket>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "MainWindow.h"
#include "TestService.h"
#include "client/ServiceClient.h"
#include "models/CertificateModel.h"
#include "pages/CertificatesPage.h"
#include "widgets/Confirm.h"

namespace tegami::wizardtest {

template <typename T> T* child(QObject* root, const QString& name)
{
    T* found = root->findChild<T*>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

inline QString visibleError(QObject* root, const QString& name)
{
    auto* label = root->findChild<QLabel*>(name);
    return label && !label->isHidden() ? label->text() : QString();
}

inline void setText(QObject* root, const QString& name, const QString& text)
{
    auto* edit = child<QLineEdit>(root, name);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
}

// A fresh tegamid and a connected client.
struct Service {
    QTemporaryDir dir;
    std::unique_ptr<TestService> process;
    std::unique_ptr<ServiceClient> client;

    bool start()
    {
        process = std::make_unique<TestService>(dir.path());
        if (!process->start())
            return false;
        client = std::make_unique<ServiceClient>(process->socket());
        client->start();
        QDeadlineTimer deadline(10000);
        while (!client->isConnected() && !deadline.hasExpired())
            QTest::qWait(20);
        return client->isConnected();
    }

    QJsonValue call(const QString& method, const QJsonObject& params = {})
    {
        const RpcReply r = callAndWait(*client, method, params);
        if (!r.ok)
            qWarning("%s failed: %s", qPrintable(method), qPrintable(r.message));
        return r.result;
    }

    QJsonObject listener(const QString& protocol)
    {
        for (const QJsonValue& v : call(QStringLiteral("listener.list")).toArray()) {
            if (v.toObject().value(QStringLiteral("protocol")).toString() == protocol)
                return v.toObject();
        }
        return {};
    }
};

// Three distinct free ports, held together while chosen.
inline QList<quint16> freePorts(int n)
{
    QList<QTcpServer*> servers;
    QList<quint16> ports;
    for (int i = 0; i < n; ++i) {
        auto* s = new QTcpServer;
        s->listen(QHostAddress::LocalHost, 0);
        servers << s;
        ports << s->serverPort();
    }
    qDeleteAll(servers);
    return ports;
}

// One command and its tagged answer over an open connection.
inline QByteArray exchange(QSslSocket& socket, const QByteArray& line, const QByteArray& until)
{
    if (!line.isEmpty())
        socket.write(line + "\r\n");
    QByteArray got;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0)
            socket.waitForReadyRead(200);
        got += socket.readAll();
        if (got.contains(until))
            break;
    }
    return got;
}

inline QByteArray makeCertificate(const QString& dir, const QString& name, const QString& cn, const QString& san)
{
    const QString cert = dir + QLatin1Char('/') + name + QStringLiteral(".pem");
    const QString key = dir + QLatin1Char('/') + name + QStringLiteral(".key");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
            QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("30"),
            QStringLiteral("-subj"), QStringLiteral("/CN=") + cn, QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=DNS:") + san });
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        return {};
    return cert.toUtf8();
}

inline bool openssl(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), arguments);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace tegami::wizardtest
