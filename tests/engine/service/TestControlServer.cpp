#include "service/ControlServer.h"
#include "service/JsonRpc.h"
#include "service/Params.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace tegami;

namespace {

// A raw client that waits by spinning the event loop (the server runs in this thread).
class RawClient {
public:
    explicit RawClient(const QString& name)
    {
        m_socket.connectToServer(name);
        for (int i = 0; i < 300 && m_socket.state() != QLocalSocket::ConnectedState; ++i)
            QTest::qWait(10);
    }
    void sendRaw(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    QJsonValue reply()
    {
        for (int i = 0; i < 250 && !m_buffer.contains('\n'); ++i) {
            QTest::qWait(10);
            m_buffer += m_socket.readAll();
        }
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl < 0)
            return {};
        const QJsonDocument doc = QJsonDocument::fromJson(m_buffer.left(nl));
        m_buffer.remove(0, nl + 1);
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    }
    QJsonObject call(const QByteArray& json)
    {
        sendRaw(json + '\n');
        return reply().toObject();
    }
    bool connected() const { return m_socket.state() == QLocalSocket::ConnectedState; }
    QLocalSocket& socket() { return m_socket; }

private:
    QLocalSocket m_socket;
    QByteArray m_buffer;
};

int errorCode(const QJsonObject& response)
{
    return response.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
}

} // namespace

class TestControlServer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ControlServer* m_server = nullptr;
    QString m_name;

private Q_SLOTS:
    void init();
    void cleanup() { delete m_server; }

    void socketIsOwnerOnly();

    void answersARequest();

    void badInputGetsAClearErrorAndTheConnectionKeepsServing();

    void batchesAndNotifications();

    void oversizedRequestsAreRefusedAndTheServerKeepsServing();

    void requestsSplitAcrossWritesAreReassembled();

    void asyncMethodsAnswerLaterWhileOthersAreServed();
};

void TestControlServer::init()
{
    m_server = new ControlServer;
    m_name = m_dir.filePath(QStringLiteral("control.sock"));
    m_server->registerMethod(
        QStringLiteral("echo"), [](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString text = p.requiredString(QStringLiteral("text"));
            if (!p.ok())
                return p.error();
            return QJsonValue(text);
        });
    m_server->registerMethod(
        QStringLiteral("missing"), [](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            return Error::notFound(QStringLiteral("no such thing"));
        });
    m_server->registerMethod(
        QStringLiteral("push"), [](const QJsonObject&, ControlConnection& c) -> Result<QJsonValue> {
            c.sendNotification(QStringLiteral("pushed"), { { QStringLiteral("n"), 1 } });
            return QJsonValue(true);
        });
    // Answers after 300 ms, or at once with an error when asked to fail.
    m_server->registerAsyncMethod(
        QStringLiteral("slow"), [](const QJsonObject& params, ControlConnection&, ControlServer::Reply reply) {
            if (params.value(QStringLiteral("fail")).toBool()) {
                reply(Error::invalid(QStringLiteral("fail"), QStringLiteral("asked to fail")));
                reply(QJsonValue(QStringLiteral("a second answer is ignored")));
                return;
            }
            QTimer::singleShot(300, [reply] { reply(QJsonValue(QStringLiteral("done"))); });
        });
    QVERIFY(m_server->listen(m_name).ok());
}

void TestControlServer::socketIsOwnerOnly()
{
    const QFileInfo info(m_name);
    QVERIFY(info.exists());
    QVERIFY(!(info.permissions() & (QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::WriteGroup)));
}

void TestControlServer::answersARequest()
{
    RawClient c(m_name);
    const QJsonObject r = c.call(R"({"jsonrpc":"2.0","id":7,"method":"echo","params":{"text":"hi"}})");
    QCOMPARE(r.value(QStringLiteral("id")).toInt(), 7);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), QStringLiteral("hi"));
}

void TestControlServer::badInputGetsAClearErrorAndTheConnectionKeepsServing()
{
    RawClient c(m_name);
    QCOMPARE(errorCode(c.call("{not json")), rpc::ParseError);
    QCOMPARE(errorCode(c.call(R"({"jsonrpc":"1.0","id":1,"method":"echo"})")), rpc::InvalidRequest);
    QCOMPARE(errorCode(c.call(R"({"jsonrpc":"2.0","id":1})")), rpc::InvalidRequest);
    QCOMPARE(errorCode(c.call(R"({"jsonrpc":"2.0","id":{"x":1},"method":"echo"})")), rpc::InvalidRequest);
    QCOMPARE(errorCode(c.call(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":[1]})")), rpc::InvalidParams);
    QCOMPARE(errorCode(c.call("[]")), rpc::InvalidRequest);
    const QJsonObject unknown = c.call(R"({"jsonrpc":"2.0","id":2,"method":"frobnicate"})");
    QCOMPARE(errorCode(unknown), rpc::MethodNotFound);
    QVERIFY(unknown.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("frobnicate")));
    const QJsonObject missingParam = c.call(R"({"jsonrpc":"2.0","id":3,"method":"echo"})");
    QCOMPARE(errorCode(missingParam), rpc::InvalidParams);
    QCOMPARE(missingParam.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("field"))
                 .toString(),
        QStringLiteral("text"));
    QCOMPARE(errorCode(c.call(R"({"jsonrpc":"2.0","id":4,"method":"missing"})")), rpc::NotFound);
    QVERIFY(c.connected());
    QCOMPARE(c.call(R"({"jsonrpc":"2.0","id":5,"method":"echo","params":{"text":"still"}})")
                 .value(QStringLiteral("result"))
                 .toString(),
        QStringLiteral("still"));
}

void TestControlServer::batchesAndNotifications()
{
    RawClient c(m_name);
    c.sendRaw(R"([{"jsonrpc":"2.0","id":1,"method":"echo","params":{"text":"a"}},)"
              R"({"jsonrpc":"2.0","method":"echo","params":{"text":"notification: no reply"}},)"
              R"(5,{"jsonrpc":"2.0","id":2,"method":"nope"}])"
              "\n");
    const QJsonArray replies = c.reply().toArray();
    QCOMPARE(replies.size(), 3);
    QCOMPARE(replies[0].toObject().value(QStringLiteral("result")).toString(), QStringLiteral("a"));
    QCOMPARE(errorCode(replies[1].toObject()), rpc::InvalidRequest);
    QCOMPARE(errorCode(replies[2].toObject()), rpc::MethodNotFound);
    // A lone notification gets no reply at all; the next request is answered.
    c.sendRaw(R"({"jsonrpc":"2.0","method":"echo","params":{"text":"x"}})"
              "\n");
    const QJsonObject pushed = c.call(R"({"jsonrpc":"2.0","id":9,"method":"push"})");
    QCOMPARE(pushed.value(QStringLiteral("method")).toString(), QStringLiteral("pushed"));
    QCOMPARE(c.reply().toObject().value(QStringLiteral("id")).toInt(), 9);
}

void TestControlServer::oversizedRequestsAreRefusedAndTheServerKeepsServing()
{
    m_server->setMaxRequestBytes(1024);
    {
        RawClient c(m_name);
        const QByteArray big
            = R"({"jsonrpc":"2.0","id":1,"method":"echo","params":{"text":")" + QByteArray(4000, 'x') + "\"}}";
        const QJsonObject r = c.call(big);
        QCOMPARE(errorCode(r), rpc::InvalidRequest);
        QVERIFY(r.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("too large")));
        QCOMPARE(c.call(R"({"jsonrpc":"2.0","id":2,"method":"echo","params":{"text":"ok"}})")
                     .value(QStringLiteral("result"))
                     .toString(),
            QStringLiteral("ok"));
    }
    {
        // No newline at all: answered, then the connection is closed.
        RawClient c(m_name);
        c.sendRaw(QByteArray(5000, '{'));
        QCOMPARE(errorCode(c.reply().toObject()), rpc::InvalidRequest);
        QTRY_VERIFY(!c.connected());
    }
    RawClient fresh(m_name);
    QCOMPARE(fresh.call(R"({"jsonrpc":"2.0","id":3,"method":"echo","params":{"text":"alive"}})")
                 .value(QStringLiteral("result"))
                 .toString(),
        QStringLiteral("alive"));
}

void TestControlServer::requestsSplitAcrossWritesAreReassembled()
{
    RawClient c(m_name);
    c.sendRaw(R"({"jsonrpc":"2.0","id":1,"met)");
    QTest::qWait(50);
    c.sendRaw(R"(hod":"echo","params":{"text":"joined"}})"
              "\n");
    QCOMPARE(c.reply().toObject().value(QStringLiteral("result")).toString(), QStringLiteral("joined"));
}

QTEST_GUILESS_MAIN(TestControlServer)
#include "TestControlServer.moc"

void TestControlServer::asyncMethodsAnswerLaterWhileOthersAreServed()
{
    RawClient c(m_name);
    c.sendRaw(R"({"jsonrpc":"2.0","id":1,"method":"slow"})"
              "\n");
    // The quick request sent after the slow one is answered first.
    const QJsonObject quick = c.call(R"({"jsonrpc":"2.0","id":2,"method":"echo","params":{"text":"q"}})");
    QCOMPARE(quick.value(QStringLiteral("id")).toInt(), 2);
    const QJsonObject slow = c.reply().toObject();
    QCOMPARE(slow.value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(slow.value(QStringLiteral("result")).toString(), QStringLiteral("done"));
    QVERIFY(m_server->methods().contains(QStringLiteral("slow")));

    // An error is an error response; only the first answer counts.
    const QJsonObject failed = c.call(R"({"jsonrpc":"2.0","id":3,"method":"slow","params":{"fail":true}})");
    QCOMPARE(failed.value(QStringLiteral("id")).toInt(), 3);
    QCOMPARE(errorCode(failed), rpc::InvalidParams);
    QCOMPARE(c.call(R"({"jsonrpc":"2.0","id":4,"method":"echo","params":{"text":"next"}})")
                 .value(QStringLiteral("id"))
                 .toInt(),
        4);

    // Not in a batch.
    c.sendRaw(R"([{"jsonrpc":"2.0","id":5,"method":"slow"}])"
              "\n");
    const QJsonArray batch = c.reply().toArray();
    QCOMPARE(batch.size(), 1);
    QCOMPARE(errorCode(batch[0].toObject()), rpc::InvalidRequest);

    // A client that leaves before the answer does not disturb the server.
    {
        RawClient gone(m_name);
        gone.sendRaw(R"({"jsonrpc":"2.0","id":6,"method":"slow"})"
                     "\n");
        QTest::qWait(50);
    }
    QTest::qWait(400);
    QCOMPARE(c.call(R"({"jsonrpc":"2.0","id":7,"method":"echo","params":{"text":"alive"}})")
                 .value(QStringLiteral("result"))
                 .toString(),
        QStringLiteral("alive"));
}
