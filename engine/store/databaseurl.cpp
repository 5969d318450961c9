#include "databaseurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace wfo::store {

QString DatabaseUrl::displayString() const
{
    if (isSqlite())
        return u"sqlite://"_s + path;
    const QString userInfo = password.isEmpty() ? user : user + u":***"_s;
    return u"postgresql://%1@%2:%3/%4"_s.arg(userInfo, host, QString::number(port), database);
}

QString DatabaseUrl::maskPasswords(const QString &text)
{
    QString masked = text;
    // scheme://user:secret@host: everything between the first ':' after "://" and the last
    // '@' of the same word, so that an unencoded '@' or '/' in the password is masked too.
    for (qsizetype from = 0;;) {
        const qsizetype scheme = masked.indexOf("://"_L1, from);
        if (scheme < 0)
            break;
        const qsizetype start = scheme + 3;
        qsizetype end = start;
        while (end < masked.size() && !masked.at(end).isSpace() && masked.at(end) != u'\''
               && masked.at(end) != u'"')
            ++end;
        const qsizetype at = masked.lastIndexOf(u'@', end - 1);
        const qsizetype colon = masked.indexOf(u':', start);
        if (at >= start && colon >= start && colon < at) {
            masked.replace(colon + 1, at - colon - 1, u"***"_s);
            end = colon + 1 + 3 + 1;
        }
        from = end;
    }
    // password=secret (libpq connection strings, query parameters).
    static const QRegularExpression keyValue(u"(password\\s*=\\s*)[^\\s&;'\"]*"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    masked.replace(keyValue, u"\\1***"_s);
    return masked;
}

QString DatabaseUrl::toString() const
{
    if (isSqlite())
        return u"sqlite://"_s + path;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    // Decoded in, fully encoded out: a user or password with ':', '@', '%' or spaces reads back
    // as it was.
    url.setUserName(user, QUrl::DecodedMode);
    url.setPassword(password, QUrl::DecodedMode);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u"/"_s + database, QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded);
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
            .arg(maskPasswords(trimmed)));
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
