#pragma once
// Tells an engine what other engines (other programs, other machines) committed, so every
// console refreshes live. On PostgreSQL every write publishes a NOTIFY on channel
// "wfo_changes" inside its transaction (delivered at commit); the feed LISTENs on its own
// connection. On SQLite, where there is no NOTIFY, the feed watches PRAGMA data_version, which
// changes whenever another connection commits. The feed lives on its own thread and
// reconnects after the database was unreachable.

#include "database.h"
#include "wfo_engine_export.h"

#include <QObject>
#include <QSqlDriver>

class QTimer;

namespace wfo::store {

inline constexpr QLatin1StringView ChangeChannel {"wfo_changes"};

class WFO_ENGINE_EXPORT ChangeFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeFeed)

public:
    explicit ChangeFeed(const Database &database, int pollMs = 500, QObject *parent = nullptr);
    ~ChangeFeed() override;

public slots:
    void start();
    void stop();

signals:
    // `kind` is "process", "subscription", "engine", "schedule", "operator", "audit" or "*"
    // (something changed, unknown what).
    void changed(const QString &kind, const QString &id);
    void unreachable(const QString &message);
    void reachable();

private:
    void check();
    void connectListener();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source,
                        const QVariant &payload);

    Database m_database;
    QTimer *m_timer = nullptr;
    qint64 m_dataVersion = -1;
    bool m_listening = false;
    bool m_healthy = true;
    int m_pollMs;
};

} // namespace wfo::store
