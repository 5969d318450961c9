#include "searchsyntax.h"

#include "database.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

QList<SearchTerm> tokenize(const QString &query)
{
    QList<SearchTerm> terms;
    int i = 0;
    const int n = int(query.size());
    auto readValue = [&](int &pos) {
        QString value;
        if (pos < n && query.at(pos) == u'"') {
            ++pos;
            while (pos < n && query.at(pos) != u'"')
                value.append(query.at(pos++));
            ++pos;
        } else {
            while (pos < n && !query.at(pos).isSpace() && query.at(pos) != u')'
                   && query.at(pos) != u'|')
                value.append(query.at(pos++));
        }
        return value;
    };
    while (i < n) {
        while (i < n && query.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        SearchTerm term;
        if (query.at(i) == u'-' && i + 1 < n && !query.at(i + 1).isSpace()) {
            term.negated = true;
            ++i;
        }
        // field name?
        int j = i;
        while (j < n && (query.at(j).isLetterOrNumber() || query.at(j) == u'_'))
            ++j;
        if (j < n && j > i && query.at(j) == u':') {
            term.field = query.mid(i, j - i).toLower();
            i = j + 1;
            if (i < n && query.at(i) == u'(') {
                ++i;
                while (i < n && query.at(i) != u')') {
                    const QString v = readValue(i);
                    if (!v.isEmpty())
                        term.values.append(v);
                    if (i < n && query.at(i) == u'|')
                        ++i;
                    else if (i < n && query.at(i) != u')')
                        ++i;
                }
                ++i;
            } else {
                const QString v = readValue(i);
                if (!v.isEmpty())
                    term.values.append(v);
            }
        } else {
            const QString v = readValue(i);
            if (v.isEmpty()) {
                ++i;
                continue;
            }
            term.values.append(v);
        }
        if (!term.values.isEmpty())
            terms.append(term);
    }
    return terms;
}

} // namespace

QList<SearchTerm> SearchSyntax::parse(const QString &query)
{
    const QList<SearchTerm> terms = tokenize(query);
    qsizetype valueCount = 0;
    for (const SearchTerm &term : terms) {
        valueCount += term.values.size();
        for (const QString &value : term.values) {
            if (value.size() > MaxValueLength)
                throw StoreError(StoreError::Kind::Sql,
                                 QCoreApplication::translate(
                                     "wfo::store::SearchSyntax",
                                     "A search term is longer than %1 characters; search for a "
                                     "shorter part of it.")
                                     .arg(MaxValueLength));
        }
    }
    if (valueCount > MaxValues)
        throw StoreError(StoreError::Kind::Sql,
                         QCoreApplication::translate("wfo::store::SearchSyntax",
                                                     "The search has %1 terms; at most %2 are "
                                                     "allowed. Narrow it down with fields "
                                                     "such as status: or product:.")
                             .arg(QString::number(valueCount), QString::number(MaxValues)));
    return terms;
}

QString SearchSyntax::escapeLike(const QString &value)
{
    QString escaped;
    escaped.reserve(value.size());
    for (const QChar c : value) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped.append(u'\\');
        escaped.append(c);
    }
    return escaped;
}

QString SearchSyntax::prefixUpperBound(const QString &prefix)
{
    QList<uint> codePoints = prefix.toUcs4();
    while (!codePoints.isEmpty()) {
        uint &last = codePoints.last();
        if (last < 0x10FFFF) {
            last = last == 0xD7FF ? 0xE000 : last + 1; // no surrogates in UTF-8 text
            return QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData()),
                                     codePoints.size());
        }
        codePoints.removeLast();
    }
    return {};
}

} // namespace wfo::store
