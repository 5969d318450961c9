#include "apirouter.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

QStringList ApiRouter::split(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

void ApiRouter::add(const QByteArray &method, const QString &pattern, const Handler &handler,
                    bool needsAuth)
{
    m_routes.append({method, pattern, split(pattern), handler, needsAuth});
}

ApiRouter::Match ApiRouter::find(const QByteArray &method, const QString &path, const Route **route,
                                 QHash<QString, QString> *params) const
{
    const QStringList segments = split(path);
    bool pathKnown = false;
    for (const Route &candidate : m_routes) {
        if (candidate.segments.size() != segments.size())
            continue;
        QHash<QString, QString> found;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            const QString &part = candidate.segments.at(i);
            if (part.startsWith(u'{') && part.endsWith(u'}'))
                found.insert(part.mid(1, part.size() - 2), segments.at(i));
            else
                matches = part == segments.at(i);
        }
        if (!matches)
            continue;
        if (candidate.method != method) {
            pathKnown = true;
            continue;
        }
        *route = &candidate;
        *params = found;
        return Match::Found;
    }
    return pathKnown ? Match::WrongMethod : Match::NotFound;
}

} // namespace wfo::api
