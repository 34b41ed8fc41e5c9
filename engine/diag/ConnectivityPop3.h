#pragma once

#include "diag/ConnectivityClient.h"

#include <QElapsedTimer>
#include <QList>

namespace tegami {

// POP3 as a mail client uses it: connect, TLS (STLS or implicit), USER/PASS, STAT, then find
// the test message by its Subject token (UIDL, TOP n 0 from the newest) and delete it (DELE,
// committed by QUIT). A POP3 session sees the maildrop as it was at login, so while the
// message is not there yet the client logs in again (bounded by findWaitMs).
class Pop3ConnectivityClient : public ConnectivityClient {
    Q_OBJECT
public:
    explicit Pop3ConnectivityClient(ConnectivityOptions options, QObject* parent = nullptr);

    // The newest messages looked at for the token (a big real mailbox is not read through).
    static constexpr int kMaxMessagesSearched = 50;

protected:
    void readGreeting(Then then) override;
    void startTls() override;
    void onLine(const QByteArray& line) override;
    void sayGoodbye() override;

private:
    using Handler = std::function<void(bool ok, const QString& text, const QList<QByteArray>& body)>;

    void command(const QByteArray& line, bool multiline, Handler handler);
    void stls(Then then);
    void login(Then then);
    void reconnect(Then then);
    void stepLogin();
    void stepStat();
    void stepFind();
    void stepDelete();
    void listOnce();
    void examine(QList<QPair<int, QByteArray>> candidates);

    Handler m_handler;
    Then m_onGreeting;
    bool m_multiline = false;
    bool m_inBody = false;
    bool m_lastOk = false;
    QString m_lastText;
    QList<QByteArray> m_body;
    bool m_quitSent = false;
    int m_found = 0; // message number of the test message in the current session
    QByteArray m_foundUidl;
    QElapsedTimer m_findClock;
};

} // namespace tegami
