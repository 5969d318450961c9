#include "databaseurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace wfo::store {

QString DatabaseUrl::displayString() const
{
    if (isSqlite())
        return u"sqlite://"_s + path;
    return u"postgresql://%1@%2:%3/%4"_s.arg(user, host).arg(port).arg(database);
}

QString DatabaseUrl::toString() const
{
    if (isSqlite())
        return u"sqlite://"_s + path;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user);
    url.setPassword(password);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u"/"_s + database);
    return url.toString();
}

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<DatabaseUrl> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    DatabaseUrl url;
    if (trimmed.startsWith("sqlite://"_L1)) {
        url.kind = Kind::SQLite;
        url.path = trimmed.mid(9);
        if (url.path.isEmpty() || !QDir::isAbsolutePath(url.path))
            return fail(QCoreApplication::translate(
                "wfo::store::DatabaseUrl",
                "A SQLite URL needs an absolute path, as in sqlite:///home/me/orchestrator.db."));
        return url;
    }
    if (trimmed.startsWith("postgresql://"_L1) || trimmed.startsWith("postgres://"_L1)) {
        const QUrl parsed(trimmed, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty() || parsed.path().size() < 2)
            return fail(QCoreApplication::translate(
                "wfo::store::DatabaseUrl",
                "A PostgreSQL URL looks like postgresql://user:password@host:5432/database."));
        url.kind = Kind::PostgreSQL;
        url.host = parsed.host();
        url.port = parsed.port(5432);
        url.database = parsed.path().mid(1);
        url.user = parsed.userName();
        url.password = parsed.password();
        return url;
    }
    return fail(
        QCoreApplication::translate("wfo::store::DatabaseUrl",
                                    "'%1' is not a database URL; use sqlite:///path/to/file.db or "
                                    "postgresql://user@host:port/database.")
            .arg(trimmed));
}

DatabaseUrl DatabaseUrl::defaultUrl()
{
    const QString fromEnv = qEnvironmentVariable("WFO_DATABASE_URL");
    if (!fromEnv.isEmpty()) {
        if (auto url = parse(fromEnv, nullptr))
            return *url;
    }
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.local/share"_s;
    dir += u"/orchestrator-console"_s;
    QDir().mkpath(dir);
    DatabaseUrl url;
    url.path = dir + u"/orchestrator.db"_s;
    return url;
}

} // namespace wfo::store
