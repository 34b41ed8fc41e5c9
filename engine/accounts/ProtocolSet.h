#pragma once

#include "core/Protocol.h"
#include "core/Result.h"

#include <QStringList>

namespace tegami {

// Which protocols a mailbox may log in with. A bit set rather than QSet<Protocol> so it is
// cheap to copy, compares by value and stores as one column.
class ProtocolSet {
public:
    constexpr ProtocolSet() = default;
    ProtocolSet(std::initializer_list<Protocol> protocols);

    static ProtocolSet all();
    static ProtocolSet none() { return {}; }

    bool contains(Protocol p) const { return (m_bits & bit(p)) != 0; }
    bool isEmpty() const { return m_bits == 0; }
    void insert(Protocol p) { m_bits |= bit(p); }
    void remove(Protocol p) { m_bits &= static_cast<quint8>(~bit(p)); }

    // Names in the canonical order of allProtocols: {"smtp", "imap"}.
    QStringList names() const;
    // "smtp,imap", the storage and display form.
    QString toString() const { return names().join(QLatin1Char(',')); }

    // Accepts names in any case; "all" stands for every protocol. An unknown name is an
    // InvalidArgument error on `field` listing the valid names.
    static Result<ProtocolSet> fromNames(const QStringList& names, const QString& field = QStringLiteral("protocols"));
    // Parses the comma-separated form written by toString() (whitespace around names ignored).
    static Result<ProtocolSet> fromString(const QString& text, const QString& field = QStringLiteral("protocols"));

    friend bool operator==(ProtocolSet a, ProtocolSet b) { return a.m_bits == b.m_bits; }

private:
    static constexpr quint8 bit(Protocol p) { return static_cast<quint8>(1u << static_cast<unsigned>(p)); }
    quint8 m_bits = 0;
};

} // namespace tegami
