#include "translations/ConsoleLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>
#include <vector>

namespace tegami::language {

namespace {

const QString settingKey = QStringLiteral("console/language");

// The translators installed by install(), replaced by the next call.
std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

QString& currentLanguage()
{
    static QString language = QStringLiteral("en");
    return language;
}

QSettings consoleSettings()
{
    // Explicit names: the console sets no organisation, and QSettings() would file this
    // under "Unknown Organization".
    return QSettings(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("Tegami"), QStringLiteral("tegami"));
}

} // namespace

QStringList available()
{
    return { QStringLiteral("en"), QStringLiteral("ja") };
}

QString savedChoice()
{
    const QString choice = consoleSettings().value(settingKey).toString();
    return choice == QLatin1String(systemChoice) || available().contains(choice) ? choice
                                                                                 : QString::fromLatin1(systemChoice);
}

void saveChoice(const QString& choice)
{
    QSettings settings = consoleSettings();
    if (choice == QLatin1String(systemChoice))
        settings.remove(settingKey);
    else
        settings.setValue(settingKey, choice);
    settings.sync();
}

QString resolve(const QString& choice)
{
    if (available().contains(choice))
        return choice;
    if (choice != QLatin1String(systemChoice))
        return QString();
    for (const QString& ui : QLocale::system().uiLanguages()) {
        const QString language = ui.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (available().contains(language))
            return language;
    }
    return QStringLiteral("en");
}

bool install(const QString& language)
{
    for (const auto& t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();
    currentLanguage() = language;
    // Numbers and dates follow the system locale unless the console speaks another language.
    const QLocale wanted(language);
    QLocale::setDefault(QLocale::system().language() == wanted.language() ? QLocale::system() : wanted);

    auto qt = std::make_unique<QTranslator>();
    if (language != QLatin1String("en")
        && qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        installed().push_back(std::move(qt));
    }
    // The English file holds only the plural forms ("1 session", "2 sessions"); it is loaded too.
    auto own = std::make_unique<QTranslator>();
    if (!own->load(QStringLiteral(":/i18n/tegami_") + language))
        return false;
    QCoreApplication::installTranslator(own.get());
    installed().push_back(std::move(own));
    return true;
}

QString current()
{
    return currentLanguage();
}

} // namespace tegami::language
