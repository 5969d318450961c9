#include "databasesettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

DatabaseChoice::Source s_startupSource = DatabaseChoice::Source::Default;

// DatabaseUrl::defaultUrl() without its look at $WFO_DATABASE_URL, which resolve() has done
// already from the value it was given.
store::DatabaseUrl defaultSqliteUrl()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.local/share"_s;
    dir += u"/orchestrator-console"_s;
    QDir().mkpath(dir);
    store::DatabaseUrl url;
    url.path = dir + u"/orchestrator.db"_s;
    return url;
}

} // namespace

QString DatabaseSettings::urlKey()
{
    return u"database/url"_s;
}

std::optional<store::DatabaseUrl> DatabaseSettings::storedUrl()
{
    const QString text = QSettings().value(urlKey()).toString();
    if (text.isEmpty())
        return std::nullopt;
    return store::DatabaseUrl::parse(text, nullptr);
}

void DatabaseSettings::setStoredUrl(const store::DatabaseUrl &url)
{
    QSettings().setValue(urlKey(), withoutPassword(url));
}

QString DatabaseSettings::withoutPassword(const store::DatabaseUrl &url)
{
    store::DatabaseUrl copy = url;
    copy.password.clear();
    return copy.toString();
}

QString DatabaseSettings::keychainKey(const store::DatabaseUrl &url)
{
    return withoutPassword(url);
}

std::optional<DatabaseChoice> DatabaseSettings::resolve(const QString &commandLine,
                                                        const QString &environment,
                                                        const QString &stored, QString *error)
{
    using Source = DatabaseChoice::Source;
    const auto given = [error](const QString &text, Source source,
                               const char *what) -> std::optional<DatabaseChoice> {
        QString message;
        const auto url = store::DatabaseUrl::parse(text, &message);
        if (!url) {
            if (error)
                *error =
                    QCoreApplication::translate("wfo::console::DatabaseSettings", "%1: %2")
                        .arg(QCoreApplication::translate("wfo::console::DatabaseSettings", what),
                             message);
            return std::nullopt;
        }
        return DatabaseChoice {*url, source, {}};
    };
    if (!commandLine.isEmpty())
        return given(commandLine, Source::CommandLine,
                     QT_TRANSLATE_NOOP("wfo::console::DatabaseSettings", "The --db option"));
    if (!environment.isEmpty())
        return given(environment, Source::Environment,
                     QT_TRANSLATE_NOOP("wfo::console::DatabaseSettings", "$WFO_DATABASE_URL"));

    DatabaseChoice choice;
    if (!stored.isEmpty()) {
        QString message;
        if (const auto url = store::DatabaseUrl::parse(stored, &message)) {
            choice.url = *url;
            choice.url.password.clear(); // never taken from the settings file
            choice.source = Source::Settings;
            return choice;
        }
        choice.warning = QCoreApplication::translate(
                             "wfo::console::DatabaseSettings",
                             "The stored database '%1' is not usable (%2); using the default.")
                             .arg(store::DatabaseUrl::maskPasswords(stored), message);
    }
    choice.url = defaultSqliteUrl();
    choice.source = Source::Default;
    return choice;
}

DatabaseChoice::Source DatabaseSettings::startupSource()
{
    return s_startupSource;
}

void DatabaseSettings::setStartupSource(DatabaseChoice::Source source)
{
    s_startupSource = source;
}

} // namespace wfo::console
