#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace tegami {

// The outcome of one DNS question, in the terms delivery decisions need.
enum class DnsStatus {
    Ok, // records found
    NoRecords, // the name exists but has no record of this type (NODATA)
    NxDomain, // the name does not exist: permanent
    TemporaryFailure, // timeout, SERVFAIL, refused, no resolver: try again later
};

struct MxRecord {
    QString exchange; // as the record says (may be Unicode or ACE; "" or "." is a null MX)
    quint16 preference = 0;
};

struct MxAnswer {
    DnsStatus status = DnsStatus::TemporaryFailure;
    QList<MxRecord> records;
    QString error; // the resolver's text when status is not Ok
};

struct AddressAnswer {
    DnsStatus status = DnsStatus::TemporaryFailure;
    QList<QHostAddress> addresses; // A and AAAA, in the order to try
    QString error;
};

// The DNS lookups outbound delivery needs, behind an interface so tests answer them
// without a network. Answers arrive later (never from inside the call) on the caller's
// thread, unless `context` is destroyed first: then `done` is never called.
class MxLookup {
public:
    virtual ~MxLookup() = default;
    virtual void lookupMx(const QString& domain, QObject* context, std::function<void(MxAnswer)> done) = 0;
    virtual void lookupAddresses(const QString& host, QObject* context, std::function<void(AddressAnswer)> done) = 0;
};

// The real lookups: MX records with QDnsLookup, addresses with QHostInfo (the system
// resolver, so /etc/hosts counts for routes and smarthosts). A lookup without an answer
// within `timeoutMs` is a temporary failure.
class DnsMxLookup final : public MxLookup {
public:
    explicit DnsMxLookup(int timeoutMs = 60000)
        : m_timeoutMs(timeoutMs)
    { }
    void lookupMx(const QString& domain, QObject* context, std::function<void(MxAnswer)> done) override;
    void lookupAddresses(const QString& host, QObject* context, std::function<void(AddressAnswer)> done) override;

private:
    int m_timeoutMs;
};

} // namespace tegami
