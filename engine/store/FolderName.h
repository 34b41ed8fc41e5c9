#pragma once

#include "core/Result.h"

#include <QStringList>

namespace tegami {

inline constexpr QChar folderSeparator = QLatin1Char('/');
inline constexpr int maxFolderNameLength = 512; // UTF-16 code units, whole path
inline constexpr int maxFolderDepth = 32;

// Checks a folder name from a client or admin and returns its stored spelling: one
// trailing '/' is dropped (RFC 3501 CREATE) and a first level spelt "inbox" in any case
// becomes "INBOX". Names are otherwise case-sensitive Unicode; the IMAP layer converts
// modified UTF-7.
Result<QString> normalizeFolderName(const QString& name);

bool isInboxName(const QString& normalized); // exactly "INBOX"
QString parentFolderName(const QString& name); // "" for a top-level name
QStringList ancestorFolderNames(const QString& name); // "a", "a/b" for "a/b/c"
// "folder "X" does not exist; ...": the one NotFound message for folder names.
Error folderNotFoundError(const QString& name);
bool isFolderInside(const QString& name, const QString& ancestor); // "a/b" is inside "a"

} // namespace tegami
