#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <optional>

// The messages store_kill_writer appends: a sequence number, a body whose length and bytes
// follow from it, and the body's SHA-256, so a reader can tell a complete message from a
// torn one without knowing what was written.
namespace killtest {

inline const QString owner = QStringLiteral("kill@example.com");

inline QByteArray body(quint64 sequence)
{
    QRandomGenerator rng(quint32(sequence * 2654435761u));
    const int lines = 8 + int(rng.bounded(800)); // about 0.5 KB to 60 KB
    QByteArray out;
    out.reserve(lines * 72);
    for (int i = 0; i < lines; ++i) {
        QByteArray line(70, Qt::Uninitialized);
        for (char& c : line)
            c = char('!' + rng.bounded(94));
        out += line + "\r\n";
    }
    return out;
}

inline QByteArray message(quint64 sequence)
{
    const QByteArray b = body(sequence);
    return "Subject: kill test " + QByteArray::number(sequence) + "\r\nX-Tegami-Seq: " + QByteArray::number(sequence)
        + "\r\nX-Tegami-Sha256: " + QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex() + "\r\n\r\n" + b;
}

// The sequence number of a stored message whose body matches its checksum; nullopt for
// anything torn or foreign.
inline std::optional<quint64> verify(const QByteArray& stored)
{
    const qsizetype split = stored.indexOf("\r\n\r\n");
    if (split < 0)
        return std::nullopt;
    const QByteArray head = stored.left(split);
    const QByteArray b = stored.mid(split + 4);
    QByteArray seq;
    QByteArray sha;
    for (const QByteArray& line : head.split('\n')) {
        const QByteArray l = line.trimmed();
        if (l.startsWith("X-Tegami-Seq: "))
            seq = l.mid(14);
        else if (l.startsWith("X-Tegami-Sha256: "))
            sha = l.mid(17);
    }
    bool ok = false;
    const quint64 sequence = seq.toULongLong(&ok);
    if (!ok || QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex() != sha)
        return std::nullopt;
    return sequence;
}

} // namespace killtest
