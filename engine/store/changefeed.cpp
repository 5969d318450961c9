#include "changefeed.h"

#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFeed, "wfo.store.changes")

namespace wfo::store {

ChangeFeed::ChangeFeed(const Database &database, int pollMs, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_pollMs(pollMs)
{ }

ChangeFeed::~ChangeFeed() = default;

void ChangeFeed::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &ChangeFeed::check);
    }
    // SQLite is polled; PostgreSQL pushes, and the timer only checks the connection is alive.
    m_timer->setInterval(m_database.dialect().isSqlite() ? m_pollMs : 2000);
    m_timer->start();
    check();
}

void ChangeFeed::stop()
{
    if (m_timer)
        m_timer->stop();
    if (m_listening) {
        if (QSqlDriver *driver = m_database.connection().driver())
            driver->unsubscribeFromNotification(ChangeChannel);
        m_listening = false;
    }
    m_database.closeThreadConnection();
}

void ChangeFeed::connectListener()
{
    QSqlDatabase db = m_database.connection();
    QSqlDriver *driver = db.driver();
    connect(driver, &QSqlDriver::notification, this, &ChangeFeed::onNotification,
            Qt::UniqueConnection);
    if (!driver->subscribeToNotification(ChangeChannel))
        throw StoreError(StoreError::Kind::Unreachable, driver->lastError().text());
    m_listening = true;
}

void ChangeFeed::check()
{
    try {
        if (m_database.dialect().isSqlite()) {
            QSqlQuery q = m_database.exec(u"PRAGMA data_version"_s);
            const qint64 version = q.next() ? q.value(0).toLongLong() : -1;
            if (m_dataVersion >= 0 && version != m_dataVersion)
                emit changed(u"*"_s, QString());
            m_dataVersion = version;
        } else {
            if (!m_listening)
                connectListener();
            m_database.exec(u"SELECT 1"_s);
        }
        if (!m_healthy) {
            m_healthy = true;
            emit reachable();
            emit changed(u"*"_s, QString()); // whatever happened meanwhile
        }
    } catch (const StoreError &e) {
        // Start afresh next time: a dropped server connection does not come back by itself.
        m_listening = false;
        m_database.closeThreadConnection();
        if (m_healthy) {
            m_healthy = false;
            qCWarning(lcFeed) << "change feed lost the database:" << e.message();
        }
        emit unreachable(e.message());
    }
}

void ChangeFeed::onNotification(const QString &name, QSqlDriver::NotificationSource,
                                const QVariant &payload)
{
    if (name != ChangeChannel)
        return;
    const QString text = payload.toString();
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        emit changed(text.isEmpty() ? u"*"_s : text, QString());
    else
        emit changed(text.left(colon), text.mid(colon + 1));
}

} // namespace wfo::store
