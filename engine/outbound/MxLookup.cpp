#include "outbound/MxLookup.h"

#include <QDnsLookup>
#include <QHostInfo>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace tegami {

namespace {

MxAnswer mxAnswerFrom(const QDnsLookup& lookup)
{
    MxAnswer answer;
    switch (lookup.error()) {
    case QDnsLookup::NoError:
        for (const QDnsMailExchangeRecord& r : lookup.mailExchangeRecords())
            answer.records << MxRecord { r.exchange(), r.preference() };
        answer.status = answer.records.isEmpty() ? DnsStatus::NoRecords : DnsStatus::Ok;
        return answer;
    case QDnsLookup::NotFoundError:
        answer.status = DnsStatus::NxDomain;
        break;
    case QDnsLookup::InvalidReplyError:
        // Qt 6.4 reports an answer without records (NODATA: the domain exists but has no
        // MX) as an invalid reply, because res_nquery() returns -1 for it. Treating it as
        // "no MX" falls back to the domain's own addresses (RFC 5321 5.1); a real resolver
        // problem then shows up there as a temporary failure.
        answer.status = DnsStatus::NoRecords;
        break;
    default:
        answer.status = DnsStatus::TemporaryFailure;
        break;
    }
    answer.error = lookup.errorString();
    return answer;
}

} // namespace

void DnsMxLookup::lookupMx(const QString& domain, QObject* context, std::function<void(MxAnswer)> done)
{
    auto* lookup = new QDnsLookup(QDnsLookup::MX, domain, context);
    auto* timer = new QTimer(lookup);
    timer->setSingleShot(true);
    auto finished = std::make_shared<bool>(false);
    QObject::connect(lookup, &QDnsLookup::finished, context, [lookup, done, finished] {
        if (std::exchange(*finished, true))
            return;
        lookup->deleteLater();
        done(mxAnswerFrom(*lookup));
    });
    QObject::connect(timer, &QTimer::timeout, context, [lookup, done, finished, ms = m_timeoutMs] {
        if (std::exchange(*finished, true))
            return;
        lookup->abort();
        lookup->deleteLater();
        done(MxAnswer { DnsStatus::TemporaryFailure, {}, QStringLiteral("no DNS answer within %1 s").arg(ms / 1000) });
    });
    timer->start(m_timeoutMs);
    lookup->lookup();
}

void DnsMxLookup::lookupAddresses(const QString& host, QObject* context, std::function<void(AddressAnswer)> done)
{
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        QTimer::singleShot(0, context, [literal, done] { done(AddressAnswer { DnsStatus::Ok, { literal }, {} }); });
        return;
    }
    auto finished = std::make_shared<bool>(false);
    auto* timer = new QTimer(context);
    timer->setSingleShot(true);
    const int id = QHostInfo::lookupHost(host, context, [done, finished, timer](const QHostInfo& info) {
        if (std::exchange(*finished, true))
            return;
        timer->deleteLater();
        AddressAnswer answer;
        answer.addresses = info.addresses();
        if (info.error() == QHostInfo::NoError)
            answer.status = answer.addresses.isEmpty() ? DnsStatus::NoRecords : DnsStatus::Ok;
        else if (info.error() == QHostInfo::HostNotFound)
            answer.status = DnsStatus::NoRecords; // getaddrinfo does not tell NXDOMAIN from NODATA
        else
            answer.status = DnsStatus::TemporaryFailure;
        if (answer.status != DnsStatus::Ok)
            answer.error = info.errorString();
        done(answer);
    });
    QObject::connect(timer, &QTimer::timeout, context, [done, finished, timer, id, ms = m_timeoutMs] {
        if (std::exchange(*finished, true))
            return;
        QHostInfo::abortHostLookup(id);
        timer->deleteLater();
        done(AddressAnswer {
            DnsStatus::TemporaryFailure, {}, QStringLiteral("no DNS answer within %1 s").arg(ms / 1000) });
    });
    timer->start(m_timeoutMs);
}

} // namespace tegami
