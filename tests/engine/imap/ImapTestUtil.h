#pragma once

// Shared helpers for the IMAP syntax tests: run bytes through ImapCommandReader in chunks
// of given sizes, the way a session does (answer continuations, raw line after IDLE and
// AUTHENTICATE), and describe every item as one line of text.

#include "imap/ImapCommandReader.h"

#include <QRandomGenerator>
#include <QStringList>

#include <vector>

namespace tegami::imaptest {

struct ReadOutcome {
    QStringList items; // one line per item
    QList<ImapRawCommand> commands;
};

inline QString describe(const ImapReadItem& item)
{
    switch (item.kind) {
    case ImapReadItem::Kind::NeedMore:
        return QStringLiteral("NEEDMORE");
    case ImapReadItem::Kind::Continuation:
        return QStringLiteral("CONT");
    case ImapReadItem::Kind::Command: {
        QString s = QStringLiteral("CMD ") + QString::fromLatin1(item.command.logText());
        for (const ImapLiteral& l : item.command.literals)
            s += QStringLiteral(" |") + QString::fromLatin1(l.data.toPercentEncoding()) + QLatin1Char('|');
        return s;
    }
    case ImapReadItem::Kind::RawLine:
        return QStringLiteral("RAW ") + QString::fromLatin1(item.line.toPercentEncoding());
    case ImapReadItem::Kind::Error:
        return QStringLiteral("ERR%1 ").arg(item.fatal ? QStringLiteral(" FATAL") : QString())
            + QString::fromUtf8(item.response()).trimmed();
    }
    return {};
}

inline ReadOutcome readAll(const QByteArray& input, const std::vector<qsizetype>& sizes,
    qsizetype maxCommand = ImapCommandReader::defaultMaxCommandBytes, qint64 maxLiteral = 1 << 20)
{
    ImapCommandReader reader(maxCommand, maxLiteral);
    ReadOutcome out;
    bool stop = false;
    auto drain = [&] {
        while (!stop) {
            const ImapReadItem item = reader.next();
            if (item.kind == ImapReadItem::Kind::NeedMore)
                return;
            out.items << describe(item);
            if (item.kind == ImapReadItem::Kind::Command) {
                out.commands << item.command;
                const QByteArray first = item.command.lines.value(0).toUpper();
                if (first.contains(" IDLE") || first.contains(" AUTHENTICATE"))
                    reader.expectRawLine();
            }
            if (item.fatal)
                stop = true;
        }
    };
    qsizetype pos = 0;
    size_t i = 0;
    while (pos < input.size() && !stop) {
        const qsizetype n = std::min(sizes[i++ % sizes.size()], input.size() - pos);
        reader.feed(QByteArrayView(input).sliced(pos, n));
        pos += n;
        drain();
    }
    drain();
    return out;
}

inline std::vector<qsizetype> randomSizes(quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<qsizetype> sizes;
    for (int i = 0; i < 64; ++i)
        sizes.push_back(rng.bounded(1, 40));
    return sizes;
}

} // namespace tegami::imaptest
