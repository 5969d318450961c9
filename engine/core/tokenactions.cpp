// API tokens: created and revoked by an admin, audited like every operator action
// (docs/architecture.md, "The action side"; docs/api.md, "Authentication"). Part of Actions,
// kept apart for size.
#include "actions.h"

#include "store/operatorrepository.h"
#include "store/timestamps.h"
#include "store/tokenrepository.h"
#include "store/transaction.h"

#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo {

using store::StoreError;
using store::Timestamps;

namespace {

// 32 random bytes from the system's generator, base64url: 256 bits nobody can guess.
QByteArray newSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return "wfo_"_ba
        + bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

ActionResult Actions::createToken(const TokenRequest &request)
{
    const QString userName = request.userName.trimmed();
    try {
        if (auto refused = authorize(request.actor, Permission::ManageOperators, Role::Admin,
                                     u"token"_s, userName))
            return *refused;
        if (userName.isEmpty())
            return ActionResult::failure(ActionResult::Outcome::InvalidInput,
                                         tr("A token needs the operator it acts as."));
        if (request.expiresDays < 0)
            return ActionResult::failure(
                ActionResult::Outcome::InvalidInput,
                tr("A token expires after one day or more, or never (0 days)."));
        store::OperatorRepository operators(m_database);
        if (operators.count() > 0 && !operators.find(userName))
            return ActionResult::failure(
                ActionResult::Outcome::InvalidInput,
                tr("There is no operator '%1'; add the operator before giving it a token.")
                    .arg(userName));
        store::TokenRecord record;
        record.id = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        record.userName = userName;
        record.description = request.description.trimmed();
        const QByteArray secret = newSecret();
        record.hash = store::TokenRepository::hash(secret);
        record.createdBy = request.actor.name;
        if (request.expiresDays > 0)
            record.expiresAt =
                Timestamps::toText(QDateTime::currentDateTimeUtc().addDays(request.expiresDays));
        store::WriteTransaction transaction(m_database);
        store::TokenRepository(m_database).insert(record);
        audit(request.actor, Permission::ManageOperators, u"token"_s, record.id,
              {{u"change"_s, u"create_token"_s},
               {u"user_name"_s, userName},
               {u"description"_s, record.description},
               {u"expires_at"_s, record.expiresAt}});
        transaction.commit();
        ActionResult result;
        result.tokenId = record.id;
        result.secret = QString::fromLatin1(secret);
        return result;
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::revokeToken(const QString &tokenId, const Actor &actor)
{
    try {
        if (auto refused =
                authorize(actor, Permission::ManageOperators, Role::Admin, u"token"_s, tokenId))
            return *refused;
        store::TokenRepository tokens(m_database);
        const std::optional<store::TokenRecord> token = tokens.find(tokenId.trimmed());
        if (!token)
            return ActionResult::failure(ActionResult::Outcome::InvalidInput,
                                         tr("There is no token '%1'.").arg(tokenId));
        if (!token->revokedAt.isEmpty())
            return ActionResult::failure(ActionResult::Outcome::NotAllowed,
                                         tr("Token '%1' was revoked already, at %2 by %3.")
                                             .arg(token->id, token->revokedAt, token->revokedBy));
        store::WriteTransaction transaction(m_database);
        tokens.revoke(token->id, actor.name);
        audit(actor, Permission::ManageOperators, u"token"_s, token->id,
              {{u"change"_s, u"revoke_token"_s}, {u"user_name"_s, token->userName}});
        transaction.commit();
        return ActionResult();
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

} // namespace wfo
