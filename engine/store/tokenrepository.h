#pragma once
// Bearer tokens of the REST API (docs/api.md, "Authentication"): each acts as one operator with
// that operator's role. Only a token's SHA-256 hash is stored, so the table gives no token away;
// the token itself is shown once, when it is created. Revoked tokens stay as rows, so the audit
// trail can still name them.

#include "database.h"
#include "wfo_engine_export.h"

#include <QList>
#include <QString>

#include <optional>

namespace wfo::store {

struct TokenRecord
{
    QString id;
    QString userName; // the operator the token acts as
    QString description;
    QByteArray hash; // hex SHA-256 of the token
    QString createdAt;
    QString createdBy;
    QString expiresAt; // empty: never
    QString revokedAt; // empty: not revoked
    QString revokedBy;
};

class WFO_ENGINE_EXPORT TokenRepository
{
public:
    explicit TokenRepository(const Database &database)
        : m_db(database)
    { }

    // The stored form of a token: its SHA-256 in hex.
    static QByteArray hash(const QByteArray &token);

    QList<TokenRecord> list();
    std::optional<TokenRecord> find(const QString &id);
    std::optional<TokenRecord> findByHash(const QByteArray &hash);
    // Whether any token was ever created (revoked or not): from then on the API asks for one.
    bool any();
    void insert(const TokenRecord &record);
    // Marks the token revoked; false when it was revoked already or does not exist.
    bool revoke(const QString &id, const QString &by);

private:
    const Database &m_db;
};

} // namespace wfo::store
