// The console's .ts files: tegami_ja.ts translates every message of tegami_en.ts, plural
// messages have their forms, placeholders survive, a fresh lupdate over the sources finds no
// string the files lack, and the settings schema (whose descriptions the console shows) is
// translated too.
#include "core/SettingsSchema.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "TsFile.h"
#include "translations/ConsoleLanguage.h"
#include "widgets/FieldEditor.h"

using namespace tegami;

namespace {

const QString sourceDir = QStringLiteral(TEGAMI_SOURCE_DIR);

QString tsPath(const QString& language)
{
    return sourceDir + QStringLiteral("/translations/tegami_%1.ts").arg(language);
}

// %1..%99, %n and %Ln in a text, sorted.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression marker(QStringLiteral("%(L?n|[1-9][0-9]?)"));
    QStringList out;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        out << it.next().captured(0);
    out.sort();
    out.removeDuplicates();
    return out;
}

QString describe(const TsMessage& m)
{
    return QStringLiteral("[%1] \"%2\"%3")
        .arg(m.context, m.source, m.comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m.comment));
}

QString listFailures(const QStringList& failures)
{
    const qsizetype shown = qMin<qsizetype>(failures.size(), 40);
    return QStringLiteral("%1 problem(s):\n  ").arg(failures.size())
        + failures.mid(0, shown).join(QStringLiteral("\n  "))
        + (failures.size() > shown ? QStringLiteral("\n  ...") : QString());
}

} // namespace

class TestTranslationFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#ifndef TEGAMI_HAS_TRANSLATIONS
        QSKIP("built without Qt's LinguistTools (Debian: qt6-l10n-tools, qt6-tools-dev): the console is English "
              "only and its translations are not checked");
#endif
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QString language;
        m_en = readTsFile(tsPath(QStringLiteral("en")), &error, &language);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(language, QStringLiteral("en"));
        m_ja = readTsFile(tsPath(QStringLiteral("ja")), &error, &language);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(language, QStringLiteral("ja"));
        QVERIFY(m_en.size() > 100);
    }

    void cleanupTestCase()
    {
        language::install(QStringLiteral("en"));
    }

    void japaneseTranslatesEveryMessage()
    {
        QHash<QString, TsMessage> ja;
        for (const TsMessage& m : std::as_const(m_ja))
            ja.insert(m.id(), m);
        QStringList failures;
        QSet<QString> english;
        for (const TsMessage& m : std::as_const(m_en)) {
            english.insert(m.id());
            const auto it = ja.constFind(m.id());
            if (it == ja.constEnd())
                failures << QStringLiteral("missing from tegami_ja.ts: ") + describe(m);
            else if (!it->finished())
                failures << QStringLiteral("not translated (unfinished or empty): ") + describe(m);
        }
        for (const TsMessage& m : std::as_const(m_ja)) {
            if (!english.contains(m.id()))
                failures << QStringLiteral("in tegami_ja.ts but not in tegami_en.ts (run update_translations): ")
                        + describe(m);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(listFailures(failures)));
    }

    void pluralMessagesHaveTheirForms()
    {
        QStringList failures;
        static const QRegularExpression pluralHint(QStringLiteral("\\((s|es)\\)|%L?n"));
        for (const TsMessage& m : std::as_const(m_en)) {
            // "%n session(s)" must be tr(text, nullptr, n): otherwise %n stays and "(s)" shows.
            if (!m.numerus && m.source.contains(pluralHint))
                failures << QStringLiteral("a count without tr()'s plural form (add the n argument): ") + describe(m);
            if (!m.numerus)
                continue;
            // "1 session", "2 sessions": the forms may only be alike where English has no plural.
            static const QRegularExpression choice(QStringLiteral("\\((s|es)\\)"));
            if (m.translations.size() != 2 || !m.finished()
                || (m.source.contains(choice)
                    && (m.translations[0] == m.translations[1] || m.translations[0].contains(choice)
                        || m.translations[1].contains(choice))))
                failures << QStringLiteral("tegami_en.ts needs its singular and plural forms: ") + describe(m);
        }
        for (const TsMessage& m : std::as_const(m_ja)) {
            if (m.numerus && (m.translations.size() != 1 || !m.finished()))
                failures << QStringLiteral("tegami_ja.ts needs one plural form: ") + describe(m);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(listFailures(failures)));
    }

    void placeholdersSurviveTranslation()
    {
        QStringList failures;
        for (const QList<TsMessage>* file : { &m_en, &m_ja }) {
            for (const TsMessage& m : *file) {
                const QStringList expected = placeholders(m.source);
                for (const QString& t : m.translations) {
                    if (!t.isEmpty() && placeholders(t) != expected)
                        failures
                            << QStringLiteral("placeholders %1 in \"%2\" for ").arg(expected.join(QLatin1Char(' ')), t)
                                + describe(m);
                }
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(listFailures(failures)));
    }

    // lupdate over the sources, as the update_translations target runs it, into copies of the
    // .ts files: a tr() string that the files lack (or a stale one) fails here.
    void freshLupdateFindsNothingNew()
    {
#ifndef LUPDATE_PATH
        QSKIP("lupdate is not available");
#else
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("tegami_en.ts"));
        QVERIFY(QFile::copy(tsPath(QStringLiteral("en")), copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(sourceDir);
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(LUPDATE_PATH),
            { QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral("-recursive"), QStringLiteral("-extensions"), QStringLiteral("cpp,h"),
                QStringLiteral("-I"), sourceDir, QStringLiteral("-I"), sourceDir + QStringLiteral("/app"),
                QStringLiteral("app"), QStringLiteral("wizards"), QStringLiteral("translations"), QStringLiteral("-ts"),
                copy });
        QVERIFY(lupdate.waitForFinished(120000));
        const QString output = QString::fromLocal8Bit(lupdate.readAll());
        QVERIFY2(lupdate.exitCode() == 0, qPrintable(output));
        // tr() in a class without Q_OBJECT is looked up under its base class at run time: its
        // texts show in English unless translations/RuntimeContexts.cpp lists them there.
        for (const QString& line : output.split(QLatin1Char('\n'))) {
            if (line.contains(QLatin1String("lacks Q_OBJECT")))
                qWarning("%s (see translations/RuntimeContexts.cpp)", qPrintable(line.trimmed()));
        }
        QString error;
        const QList<TsMessage> fresh = readTsFile(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> committed;
        for (const TsMessage& m : std::as_const(m_en))
            committed.insert(m.id());
        QSet<QString> current;
        QStringList failures;
        for (const TsMessage& m : fresh) {
            current.insert(m.id());
            if (!committed.contains(m.id()))
                failures << QStringLiteral("new string, not in the .ts files: ") + describe(m);
        }
        // A stale entry costs nothing at run time; the next update_translations drops it.
        for (const TsMessage& m : std::as_const(m_en)) {
            if (!current.contains(m.id()))
                qWarning("no longer in the sources: %s", qPrintable(describe(m)));
        }
        QVERIFY2(failures.isEmpty(),
            qPrintable(listFailures(failures)
                + QStringLiteral("\nRun `cmake --build build/full --target update_translations`, then translate the "
                                 "new strings in translations/tegami_ja.ts (linguist, or edit the XML).")));
#endif
    }

    // The Settings and Protocols pages show the schema's descriptions, labels and choices.
    void settingsSchemaIsTranslated()
    {
        QVERIFY(language::install(QStringLiteral("ja")));
        QStringList failures;
        QWidget parent;
        for (const FieldSpec& field : SettingsSchema::instance().fields()) {
            const QByteArray description = field.description.toUtf8();
            const QByteArray key = field.key.toUtf8();
            if (QCoreApplication::translate("SettingsSchema", description.constData(), key.constData())
                == field.description)
                failures << QStringLiteral("description of %1 (translations/SettingsSchemaStrings.cpp is generated "
                                           "by the update_translations target)")
                                .arg(field.key);
            const QString label = FieldEditor::label(field.key);
            if (!label.contains(QRegularExpression(QStringLiteral("[^\\x{0}-\\x{7f}]"))))
                failures << QStringLiteral("label of %1 (FieldEditor::label): \"%2\"").arg(field.key, label);
            if (field.type != FieldType::Enum)
                continue;
            QJsonArray choices;
            for (const QString& c : field.choices)
                choices.append(c);
            FieldEditor editor(
                QJsonObject { { QStringLiteral("key"), field.key }, { QStringLiteral("type"), QStringLiteral("enum") },
                    { QStringLiteral("choices"), choices } },
                &parent);
            auto* combo = qobject_cast<QComboBox*>(editor.widget());
            QVERIFY(combo);
            for (int i = 0; i < combo->count(); ++i) {
                // A choice shown as its raw value has no label in FieldEditor (versions like
                // "TLS 1.2" are labelled and the same in Japanese).
                if (combo->itemText(i) == combo->itemData(i).toString())
                    failures << QStringLiteral("choice %1 of %2 has no label").arg(combo->itemText(i), field.key);
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(listFailures(failures)));
    }

    void compiledTranslationsAreUsed()
    {
        QVERIFY(language::install(QStringLiteral("ja")));
        QCOMPARE(language::current(), QStringLiteral("ja"));
        QCOMPARE(QCoreApplication::translate("tegami::DashboardPage", "Dashboard"), QStringLiteral("ダッシュボード"));
        QCOMPARE(QCoreApplication::translate("tegami::QueuePage", "%n message(s) waiting for delivery.", nullptr, 3),
            QStringLiteral("3 件のメッセージが配信を待っています。"));
        // English loads its plural forms.
        QVERIFY(language::install(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("tegami::DashboardPage", "Dashboard"), QStringLiteral("Dashboard"));
        QCOMPARE(QCoreApplication::translate("tegami::QueuePage", "%n message(s) waiting for delivery.", nullptr, 1),
            QStringLiteral("1 message waiting for delivery."));
        QCOMPARE(QCoreApplication::translate("tegami::QueuePage", "%n message(s) waiting for delivery.", nullptr, 2),
            QStringLiteral("2 messages waiting for delivery."));
        QCOMPARE(QCoreApplication::translate("tegami::DashboardPage", "%n mailbox(es)", nullptr, 0),
            QStringLiteral("0 mailboxes"));
    }

    void languageChoice()
    {
        QCOMPARE(language::resolve(QStringLiteral("ja")), QStringLiteral("ja"));
        QCOMPARE(language::resolve(QStringLiteral("en")), QStringLiteral("en"));
        QVERIFY(language::resolve(QStringLiteral("fr")).isEmpty());
        QVERIFY(language::available().contains(language::resolve(QStringLiteral("system"))));
        // The saved choice (QSettings; test mode keeps it out of the user's configuration).
        language::saveChoice(QStringLiteral("ja"));
        QCOMPARE(language::savedChoice(), QStringLiteral("ja"));
        language::saveChoice(QStringLiteral("system"));
        QCOMPARE(language::savedChoice(), QStringLiteral("system"));
    }

private:
    QList<TsMessage> m_en;
    QList<TsMessage> m_ja;
};

QTEST_MAIN(TestTranslationFiles)
#include "TestTranslationFiles.moc"
