#include "i18n.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace wfo::i18n {

namespace {

const auto catalogName = u"orchestrator-console"_s;
// Translators we install carry this object name, so that a second call replaces them.
const auto translatorTag = u"wfo::i18n"_s;

// The console's preferences file; orchestratorctl reads the same one so that both speak the
// language the operator chose in the console's Settings.
QSettings consoleSettings()
{
    return QSettings(u"OrchestratorConsole"_s, u"orchestrator-console"_s);
}

void removeOurTranslators(QCoreApplication &app)
{
    const auto translators =
        app.findChildren<QTranslator *>(translatorTag, Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

bool install(QCoreApplication &app, const QLocale &locale, const QString &name,
             const QStringList &directories)
{
    for (const QString &directory : directories) {
        auto translator = std::make_unique<QTranslator>(&app);
        translator->setObjectName(translatorTag);
        if (translator->load(locale, name, u"_"_s, directory)) {
            QCoreApplication::installTranslator(translator.release());
            return true;
        }
    }
    return false;
}

} // namespace

QStringList translationDirectories()
{
    QStringList directories;
    const QString fromEnvironment = qEnvironmentVariable("WFO_TRANSLATIONS_DIR");
    if (!fromEnvironment.isEmpty())
        directories << fromEnvironment;
    const QString appDir = QCoreApplication::applicationDirPath();
    if (!appDir.isEmpty()) {
        directories << QDir::cleanPath(appDir + u'/'
                                       + QLatin1StringView(WFO_TRANSLATIONS_RELATIVE_DIR));
    }
    directories << QStringLiteral(WFO_TRANSLATIONS_BUILD_DIR);
    directories.removeDuplicates();
    return directories;
}

QString languageSetting()
{
    return consoleSettings().value(QLatin1StringView(languageSettingKey)).toString();
}

void setLanguageSetting(const QString &language)
{
    QSettings settings = consoleSettings();
    if (language.isEmpty())
        settings.remove(QLatin1StringView(languageSettingKey));
    else
        settings.setValue(QLatin1StringView(languageSettingKey), language);
}

QString installTranslations(QCoreApplication &app, const QString &language)
{
    removeOurTranslators(app);
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    const QStringList ours = translationDirectories();
    if (!install(app, locale, catalogName, ours)) {
        // English is the source language; its catalogue only supplies the plural forms.
        install(app, QLocale(QLocale::English), catalogName, ours);
        return u"en"_s;
    }
    install(app, locale, u"qtbase"_s, {QLibraryInfo::path(QLibraryInfo::TranslationsPath)});
    // Day and month names (the start page's chart) in the language of the words around them.
    QLocale::setDefault(locale);
    return QLocale::languageToCode(locale.language());
}

void installTranslations(QCoreApplication &app)
{
    installTranslations(app, languageSetting());
}

QStringList availableLanguages()
{
    QStringList languages {u"en"_s};
    const QString prefix = catalogName + u'_';
    for (const QString &directory : translationDirectories()) {
        const QStringList files =
            QDir(directory).entryList({prefix + u"*.qm"_s}, QDir::Files | QDir::Readable);
        for (const QString &file : files)
            languages << QFileInfo(file).completeBaseName().mid(prefix.size());
    }
    languages.removeDuplicates();
    languages.sort();
    return languages;
}

} // namespace wfo::i18n
