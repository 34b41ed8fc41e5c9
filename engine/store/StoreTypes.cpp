#include "store/StoreTypes.h"

namespace tegami {

QString specialUseName(SpecialUse role)
{
    switch (role) {
    case SpecialUse::None:
        return {};
    case SpecialUse::Inbox:
        return QStringLiteral("inbox");
    case SpecialUse::Sent:
        return QStringLiteral("sent");
    case SpecialUse::Drafts:
        return QStringLiteral("drafts");
    case SpecialUse::Trash:
        return QStringLiteral("trash");
    case SpecialUse::Junk:
        return QStringLiteral("junk");
    case SpecialUse::Archive:
        return QStringLiteral("archive");
    }
    return {};
}

QString specialUseAttribute(SpecialUse role)
{
    switch (role) {
    case SpecialUse::None:
    case SpecialUse::Inbox:
        return {};
    case SpecialUse::Sent:
        return QStringLiteral("\\Sent");
    case SpecialUse::Drafts:
        return QStringLiteral("\\Drafts");
    case SpecialUse::Trash:
        return QStringLiteral("\\Trash");
    case SpecialUse::Junk:
        return QStringLiteral("\\Junk");
    case SpecialUse::Archive:
        return QStringLiteral("\\Archive");
    }
    return {};
}

QString defaultFolderName(SpecialUse role)
{
    switch (role) {
    case SpecialUse::None:
        return {};
    case SpecialUse::Inbox:
        return QStringLiteral("INBOX");
    case SpecialUse::Sent:
        return QStringLiteral("Sent");
    case SpecialUse::Drafts:
        return QStringLiteral("Drafts");
    case SpecialUse::Trash:
        return QStringLiteral("Trash");
    case SpecialUse::Junk:
        return QStringLiteral("Junk");
    case SpecialUse::Archive:
        return QStringLiteral("Archive");
    }
    return {};
}

std::optional<SpecialUse> specialUseFromName(const QString& name)
{
    for (SpecialUse role : { SpecialUse::None, SpecialUse::Inbox, SpecialUse::Sent, SpecialUse::Drafts,
             SpecialUse::Trash, SpecialUse::Junk, SpecialUse::Archive }) {
        if (specialUseName(role).compare(name, Qt::CaseInsensitive) == 0)
            return role;
    }
    return std::nullopt;
}

} // namespace tegami
