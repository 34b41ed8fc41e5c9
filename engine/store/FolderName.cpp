#include "store/FolderName.h"

namespace tegami {

namespace {

Error badName(const QString& name, const QString& why)
{
    return Error::invalid(QStringLiteral("folder"), QStringLiteral("folder name \"%1\" %2").arg(name.left(80), why));
}

} // namespace

Result<QString> normalizeFolderName(const QString& input)
{
    QString name = input;
    if (name.endsWith(folderSeparator))
        name.chop(1);
    if (name.isEmpty())
        return badName(input, QStringLiteral("is empty; give a name such as \"Projects\""));
    if (name.size() > maxFolderNameLength)
        return badName(
            input, QStringLiteral("is longer than %1 characters; choose a shorter one").arg(maxFolderNameLength));
    for (QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f)
            return badName(input, QStringLiteral("contains a control character; use printable characters only"));
        if (u == '*' || u == '%')
            return badName(input, QStringLiteral("contains * or %, which IMAP reserves for LIST patterns"));
    }
    const QStringList levels = name.split(folderSeparator);
    if (levels.size() > maxFolderDepth)
        return badName(input, QStringLiteral("is nested deeper than %1 levels").arg(maxFolderDepth));
    for (const QString& level : levels) {
        if (level.isEmpty())
            return badName(input, QStringLiteral("has an empty level; use names like \"Projects/2026\""));
        if (level.trimmed() != level)
            return badName(input, QStringLiteral("has a level that starts or ends with a space; remove the spaces"));
    }
    if (levels.first().compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0
        && levels.first() != QLatin1String("INBOX"))
        name.replace(0, 5, QStringLiteral("INBOX"));
    return name;
}

Error folderNotFoundError(const QString& name)
{
    return Error::notFound(
        QStringLiteral("folder \"%1\" does not exist; list the folders to see their names").arg(name));
}

bool isInboxName(const QString& normalized)
{
    return normalized == QLatin1String("INBOX");
}

QString parentFolderName(const QString& name)
{
    const qsizetype slash = name.lastIndexOf(folderSeparator);
    return slash < 0 ? QString() : name.left(slash);
}

QStringList ancestorFolderNames(const QString& name)
{
    QStringList out;
    for (qsizetype i = name.indexOf(folderSeparator); i >= 0; i = name.indexOf(folderSeparator, i + 1))
        out << name.left(i);
    return out;
}

bool isFolderInside(const QString& name, const QString& ancestor)
{
    return name.size() > ancestor.size() + 1 && name.startsWith(ancestor)
        && name.at(ancestor.size()) == folderSeparator;
}

} // namespace tegami
