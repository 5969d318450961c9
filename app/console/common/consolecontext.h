#pragma once
// What every screen of the console shares: the engine, the database, the thread pool on which
// screens run their queries (the GUI thread never runs SQL), the operator's name and role, and
// one coalesced "something changed" signal. It is fed by the engine's signals and by a light poll,
// because other programs (orchestratorctl, headless workers) write the same database.

#include "base/permissions.h"
#include "core/engine.h"
#include "store/database.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent>

#include <exception>
#include <optional>
#include <type_traits>

class QTimer;

namespace wfo::forms {
class PickerProvider;
}

namespace wfo::console {

// What a query on the pool returns: the value, or the message of the error it threw.
template<typename T>
struct QueryResult
{
    T value {};
    QString error;
    bool ok() const { return error.isEmpty(); }
};

class ConsoleContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleContext)

public:
    explicit ConsoleContext(Engine *engine, QObject *parent = nullptr);
    ~ConsoleContext() override; // waits for running queries

    Engine *engine() const { return m_engine; }
    const store::Database &database() const { return m_database; }
    QThreadPool *pool() const { return m_pool; }
    // Who the operator is: recorded as created_by of what they start, retry or abort.
    // $WFO_USER, else the login name (as orchestratorctl).
    QString actor() const { return m_actor; }
    void setActor(const QString &actor);
    static QString defaultActor();

    // The role the operator acts with, as the operators table says (read on the pool, again
    // on every change): admin while no operator is defined, nothing for a user who is not an
    // enabled operator. Until the first answer every action counts as allowed (the engine
    // still checks).
    std::optional<Role> role() const { return m_role; }
    bool isRoleKnown() const { return m_roleKnown; }
    bool may(Permission permission, Role needed = Role::Viewer) const;
    // Why the operator may not (translated, for tooltips and messages); empty when they may.
    QString refusal(Permission permission, Role needed = Role::Viewer) const;

    forms::PickerProvider *pickerProvider() const { return m_pickers; }
    void setPickerProvider(forms::PickerProvider *provider) { m_pickers = provider; }

    // How often to look for changes made by other programs; 0 stops polling.
    void setPollInterval(int ms);

    // Runs `function(database)` on the query pool and hands the result to `done` on the
    // receiver's thread, unless the receiver is gone by then. Exceptions become `error`.
    template<typename Function, typename Done>
    void query(QObject *receiver, Function function, Done done) const
    {
        using T = std::invoke_result_t<Function, const store::Database &>;
        const store::Database database = m_database;
        QtConcurrent::run(m_pool, [database, function]() -> QueryResult<T> {
            try {
                return {function(database), {}};
            } catch (const store::StoreError &e) {
                return {T {}, e.message()};
            } catch (const std::exception &e) {
                return {T {}, QString::fromUtf8(e.what())};
            }
        }).then(receiver, [receiver, done](const QueryResult<T> &result) {
            // Always a later turn of the event loop: when the query finished before the
            // continuation was attached, Qt 6.4 would call it at once, inside the request.
            QMetaObject::invokeMethod(
                receiver, [done, result] { done(result); }, Qt::QueuedConnection);
        });
    }

public slots:
    // Tells every screen to look again (F5, or after an action of the operator).
    void notifyChanged();
    // Reads the operator's role again.
    void refreshRole();

signals:
    // Processes, tasks or subscriptions may have changed; at most a few times per second.
    void changed();
    // The engine committed a step of, queued or stopped this process (at once, not coalesced);
    // also when another engine on the database announced a change of it.
    void processChanged(const QString &processId);
    // An engine instance registered or left the database (Engine::changed "engine").
    void enginesChanged();
    // The operator asked to open something (links on cards, in lists and in details).
    void openProcessRequested(const QString &processId);
    // The same, with the timeline on the step of that name (the newest row of it).
    void openProcessStepRequested(const QString &processId, const QString &stepName);
    void openSubscriptionRequested(const QString &subscriptionId);
    // A screen the main window does not know by type (a contributed one) asks to go back.
    void backRequested();
    // The operator's role was read and differs from before (or was read the first time).
    void roleChanged();

private:
    void schedule();

    Engine *m_engine;
    store::Database m_database;
    QThreadPool *m_pool;
    QString m_actor;
    std::optional<Role> m_role;
    bool m_roleKnown = false;
    quint64 m_roleGeneration = 0;
    forms::PickerProvider *m_pickers = nullptr;
    QTimer *m_coalesce;
    QTimer *m_poll;
};

} // namespace wfo::console
