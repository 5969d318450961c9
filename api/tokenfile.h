#pragma once
// Bearer tokens for the API, read from a file of lines "TOKEN OPERATOR_NAME" (blank lines and
// lines starting with '#' are ignored). Only the SHA-256 hashes of the tokens are kept in
// memory, and a presented token is hashed and compared in constant time, so neither a memory
// dump nor response timing gives a token away. Each token acts as its operator, with that
// operator's role from the database (docs/api.md, "Authentication").

#include "wfo_api_export.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace wfo::api {

class WFO_API_EXPORT TokenFile
{
    Q_DECLARE_TR_FUNCTIONS(wfo::api::TokenFile)

public:
    // Reads `path`; on failure returns nothing and says why in `error`.
    static std::optional<TokenFile> read(const QString &path, QString *error);
    // From text in the file's format (tests, and read()).
    static std::optional<TokenFile> parse(const QByteArray &text, QString *error);

    // The operator the token acts as; nothing for an unknown token.
    std::optional<QString> operatorFor(const QByteArray &token) const;
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        QByteArray hash;
        QString operatorName;
    };
    QList<Entry> m_entries;
};

} // namespace wfo::api
