// Edits that run no workflow: an operator's note on a process, and a subscription marked in
// sync again (orchestrator-core's set_in_sync), each audited like every operator action
// (docs/architecture.md, "The action side"). Part of Actions, kept apart for size.
#include "actions.h"

#include "store/processrepository.h"
#include "store/subscriptionrepository.h"
#include "store/transaction.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo {

using store::StoreError;

namespace {

constexpr int MaxNoteLength = 2000;

} // namespace

ActionResult Actions::setProcessNote(const QString &processId, const QString &note,
                                     const Actor &actor)
{
    try {
        if (auto refused =
                authorize(actor, Permission::SetNote, Role::Operator, u"process"_s, processId))
            return *refused;
        if (note.size() > MaxNoteLength)
            return ActionResult::failure(ActionResult::Outcome::InvalidInput,
                                         tr("A note holds at most %1 characters; this one has %2.")
                                             .arg(MaxNoteLength)
                                             .arg(note.size()));
        store::WriteTransaction transaction(m_database);
        if (!store::ProcessRepository(m_database).setNote(processId, note.trimmed()))
            return unknownProcess(processId);
        audit(actor, Permission::SetNote, u"process"_s, processId, {{u"note"_s, note.trimmed()}});
        transaction.commit();
        return ActionResult();
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

ActionResult Actions::setInSync(const QString &subscriptionId, const Actor &actor)
{
    try {
        if (auto refused = authorize(actor, Permission::SetInSync, Role::Operator,
                                     u"subscription"_s, subscriptionId))
            return *refused;
        store::WriteTransaction transaction(m_database);
        store::SubscriptionRepository subscriptions(m_database);
        std::optional<QJsonObject> model = subscriptions.load(subscriptionId);
        if (!model) {
            ActionResult unknown =
                ActionResult::failure(ActionResult::Outcome::Blocked,
                                      tr("There is no subscription '%1'.").arg(subscriptionId));
            unknown.refusal = Refusal {u"subscription.not_found"_s, unknown.message, {}};
            return unknown;
        }
        if (model->value(u"insync").toBool())
            return ActionResult(); // nothing to do, as orchestrator-core answers
        // A workflow that changed the subscription and did not finish still owns it: finish,
        // abort or reset that process first.
        QStringList unfinished;
        for (const QJsonValue &value : subscriptions.processes(subscriptionId)) {
            const QJsonObject process = value.toObject();
            const QString status = process.value(u"status").toString();
            if (!process.value(u"is_task").toBool() && status != "completed"_L1
                && status != "aborted"_L1)
                unfinished.append(process.value(u"process_id").toString());
        }
        if (!unfinished.isEmpty()) {
            ActionResult refused = ActionResult::failure(
                ActionResult::Outcome::Blocked,
                tr("Subscription %1 has processes that are neither completed nor aborted: %2. "
                   "Finish or abort them before setting it in sync.")
                    .arg(subscriptionId, unfinished.join(u", "_s)));
            refused.refusal =
                Refusal {u"subscription.unfinished_processes"_s,
                         refused.message,
                         {{u"process_ids"_s, QJsonArray::fromStringList(unfinished)}}};
            return refused;
        }
        model->insert(u"insync"_s, true);
        const QJsonObject saved =
            subscriptions.save(*model, QString(), u"set_in_sync"_s, actor.name);
        audit(actor, Permission::SetInSync, u"subscription"_s, subscriptionId,
              {{u"version"_s, saved.value(u"version")}});
        transaction.commit();
        return ActionResult();
    } catch (const StoreError &e) {
        return ActionResult::failure(ActionResult::Outcome::Failed, e.message());
    }
}

} // namespace wfo
