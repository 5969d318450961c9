#pragma once
// Chooses the user-interface language and installs the translators for it: Qt's own (qtbase)
// and ours (orchestrator-console_<lang>.qm). The language is the QSettings key "ui/language"
// ("" or missing follows the system locale, "en", "nl", ...). Used by the console and by
// orchestratorctl before they create any translated text.

#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace wfo::i18n {

// The QSettings key, in the console's settings ("OrchestratorConsole"/"orchestrator-console").
inline constexpr auto languageSettingKey = "ui/language";

// Installs the translators for languageSetting() on app; call once, after the application
// object exists and before any window or message is built.
void installTranslations(QCoreApplication &app);

// The same for an explicit language code ("" = the system locale); returns the language that
// is now in effect ("en" when no translation was found).
QString installTranslations(QCoreApplication &app, const QString &language);

// The stored choice: "" (follow the system), or a language code such as "nl".
QString languageSetting();
void setLanguageSetting(const QString &language);

// Language codes the user can choose: "en" (the source language) and every language for which
// our .qm file is found, sorted. Show them with QLocale(code).nativeLanguageName().
QStringList availableLanguages();

// Where our .qm files are looked for, most specific first: $WFO_TRANSLATIONS_DIR, the install
// location relative to the executable (also the build tree's layout), the build tree.
QStringList translationDirectories();

} // namespace wfo::i18n
