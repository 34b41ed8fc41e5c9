#pragma once

#include <QString>
#include <QStringList>

namespace tegami::language {

// The console's language: "system" follows the system locale (Japanese when the locale is
// Japanese, English otherwise); "en" and "ja" are fixed choices. `tegami --language` and the
// console setting (Settings page, QSettings "console/language") override the locale.
inline constexpr const char* systemChoice = "system";

// The languages the console has a translation for ("en", "ja").
QStringList available();

// The saved choice ("system", "en" or "ja"); "system" when none is saved.
QString savedChoice();
// Saves a choice; it takes effect at the next start of the console.
void saveChoice(const QString& choice);

// "system" -> the language of the system locale if the console has it, otherwise "en";
// "en"/"ja" -> themselves; anything else -> an empty string.
QString resolve(const QString& choice);

// Replaces the console's translators by the ones for `language` ("en" or "ja"): the console's
// own strings (:/i18n/tegami_<language>.qm) and Qt's (qtbase_<language>.qm, when installed),
// and makes it the default QLocale. Returns false when the console's translation is missing
// (built without Qt's LinguistTools), in which case the texts stay English.
bool install(const QString& language);

// The language installed last ("en" before any install).
QString current();

} // namespace tegami::language
