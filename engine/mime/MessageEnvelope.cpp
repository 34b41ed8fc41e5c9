#include "mime/MessageEnvelope.h"

namespace tegami {

namespace {

const HeaderField* lastField(const Header& header, QByteArrayView name)
{
    const HeaderField* found = nullptr;
    for (const HeaderField& f : header.fields()) {
        if (QByteArrayView(f.name).compare(name, Qt::CaseInsensitive) == 0)
            found = &f;
    }
    return found;
}

std::optional<QByteArray> text(const Header& header, QByteArrayView name)
{
    const HeaderField* f = lastField(header, name);
    return f != nullptr ? std::optional<QByteArray>(header.value(*f)) : std::nullopt;
}

QList<ImapAddress> addresses(const Header& header, QByteArrayView name)
{
    QList<ImapAddress> out;
    for (const HeaderField& f : header.fields()) {
        if (QByteArrayView(f.name).compare(name, Qt::CaseInsensitive) == 0)
            out += parseAddressList(header.value(f));
    }
    return out;
}

} // namespace

MessageEnvelope readEnvelope(const Header& header)
{
    MessageEnvelope e;
    e.date = text(header, "Date");
    e.subject = text(header, "Subject");
    e.from = addresses(header, "From");
    e.sender = addresses(header, "Sender");
    e.replyTo = addresses(header, "Reply-To");
    e.to = addresses(header, "To");
    e.cc = addresses(header, "Cc");
    e.bcc = addresses(header, "Bcc");
    e.inReplyTo = text(header, "In-Reply-To");
    e.messageId = text(header, "Message-ID");
    return e;
}

} // namespace tegami
