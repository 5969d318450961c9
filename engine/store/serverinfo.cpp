#include "serverinfo.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

QString ServerInfo::serverVersion(const Database &database)
{
    if (database.url().isSqlite())
        return QString();
    QSqlQuery query = database.exec(u"SHOW server_version"_s);
    return query.next() ? query.value(0).toString() : QString();
}

} // namespace wfo::store
