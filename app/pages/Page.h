#pragma once

#include <QWidget>

namespace tegami {

class ServiceClient;
struct RpcReply;

// One area of the console (Dashboard, Accounts, ...). The main window shows one page at a
// time; a page fetches what it shows through the control API when it is activated and
// when refresh() is called.
class Page : public QWidget {
    Q_OBJECT
public:
    explicit Page(ServiceClient& client, QWidget* parent = nullptr);

    // The name in the navigation list.
    virtual QString title() const = 0;
    // Fetches the page's data again.
    virtual void refresh() = 0;
    // The page became the visible one.
    virtual void activated() { refresh(); }
    // The page became hidden.
    virtual void deactivated() { }
    // Whether the main window should refresh the page every few seconds while it is shown
    // (pages with forms say no, so typing is never overwritten).
    virtual bool refreshesPeriodically() const { return false; }

    // Words for a failed call: "not available in this service version" for a method the
    // service does not know yet, else the service's own message.
    static QString describe(const RpcReply& reply);

Q_SIGNALS:
    // A short message for the status bar ("Domain example.com added").
    void statusMessage(const QString& text);

protected:
    ServiceClient& client() const { return m_client; }

private:
    ServiceClient& m_client;
};

} // namespace tegami
