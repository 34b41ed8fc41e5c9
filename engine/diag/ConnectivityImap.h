#pragma once

#include "diag/ConnectivityClient.h"

#include <QElapsedTimer>
#include <QList>

namespace tegami {

// IMAP4 as a mail client uses it: connect, TLS (STARTTLS or implicit), AUTHENTICATE PLAIN,
// SELECT INBOX, then find the test message by its Subject token (UID SEARCH, polling while
// the queue delivers it) and delete it (UID STORE \Deleted + UID EXPUNGE). When POP3
// deleted it first (the service holds this client before "delete"), the step checks that
// IMAP no longer sees it: mail deleted over POP3 is gone for IMAP too.
class ImapConnectivityClient : public ConnectivityClient {
    Q_OBJECT
public:
    explicit ImapConnectivityClient(ConnectivityOptions options, QObject* parent = nullptr);

    qint64 foundUid() const { return m_uid; }

protected:
    void readGreeting(Then then) override;
    void startTls() override;
    void onLine(const QByteArray& line) override;
    void sayGoodbye() override;

private:
    using Handler = std::function<void(const QByteArray& status, const QString& text)>;

    void command(const QByteArray& text, Handler handler);
    void stepLogin();
    void stepSelect();
    void stepFind();
    void stepDelete();
    void searchOnce();
    void search(std::function<void(const QList<qint64>& uids)> then);
    void expunge();

    QByteArray m_tag;
    int m_nextTag = 0;
    Handler m_handler;
    Then m_onGreeting;
    Then m_onContinuation;
    QList<QByteArray> m_untagged;
    qint64 m_literalBytes = 0;
    qint64 m_uid = 0;
    QElapsedTimer m_findClock;
};

} // namespace tegami
