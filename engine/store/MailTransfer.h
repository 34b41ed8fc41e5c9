#pragma once

#include "core/Result.h"

#include <QStringList>

namespace tegami {

class MailStore;

// What an import or export did. One bad message does not stop the others: it is listed
// in `errors` ("<file or UID>: <reason>") and the rest carry on.
struct TransferReport {
    int messages = 0; // imported or exported
    QStringList errors;
};

// Imports a Maildir (cur/ and new/) into the owner's folder, creating the folder if needed.
// Flags come from the ":2," info (D \Draft, F \Flagged, P $Forwarded, R \Answered, S \Seen,
// T \Deleted; a-z via dovecot-keywords), the internal date from the file's mtime. Messages
// are appended in mtime order and converted to CRLF.
Result<TransferReport> importMaildir(
    MailStore& store, const QString& maildirPath, const QString& owner, const QString& folderName);

// Writes the folder as a Maildir (creating cur/, new/, tmp/), every message in cur/ with
// its flags in the file name, keywords in dovecot-keywords, mtime = internal date and LF
// line endings. File names derive from the message GUID, so exporting again replaces
// rather than duplicates. Files are not fsynced: sync the file system before deleting the
// source.
Result<TransferReport> exportMaildir(
    MailStore& store, const QString& owner, const QString& folderName, const QString& maildirPath);

// Imports an mbox (mboxrd: a "From " line at the start or after an empty line starts a
// message, ">From " is unquoted by one '>'). The internal date comes from the From line
// (else the Date: header). Status/X-Status/X-Keywords headers become flags and are
// removed, as mutt and Dovecot write them.
Result<TransferReport> importMbox(
    MailStore& store, const QString& mboxPath, const QString& owner, const QString& folderName);

// Writes the folder as a new mboxrd file (refusing to overwrite one), LF line endings,
// flags in Status/X-Status/X-Keywords headers so importMbox() restores them.
Result<TransferReport> exportMbox(
    MailStore& store, const QString& owner, const QString& folderName, const QString& mboxPath);

} // namespace tegami
