#include "connectiontester.h"

#include "queries/databaseinfo.h"
#include "store/database.h"

#include <QFileInfo>
#include <QThread>

using namespace Qt::StringLiterals;

namespace wfo::console {

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new QObject)
{
    m_thread->setObjectName(u"wfoConnectionTest"_s);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

ConnectionTester::~ConnectionTester()
{
    m_thread->quit();
    m_thread->wait();
}

void ConnectionTester::test(const store::DatabaseUrl &url)
{
    const quint64 generation = ++m_generation;
    ++m_pending;
    QMetaObject::invokeMethod(m_worker, [this, url, generation] {
        const ConnectionReport report = run(url);
        QMetaObject::invokeMethod(this, [this, report, generation] {
            --m_pending;
            if (generation == m_generation)
                emit finished(report);
        });
    });
}

ConnectionReport ConnectionTester::run(const store::DatabaseUrl &url)
{
    ConnectionReport report;
    if (url.isSqlite()) {
        const QFileInfo file(url.path);
        if (!file.exists()) {
            // Opening would create the file: a test leaves nothing behind.
            const QFileInfo folder(file.absolutePath());
            report.ok = folder.isDir() && folder.isWritable();
            report.message = report.ok
                ? tr("The file does not exist yet; a new database will be created there.")
                : tr("The folder '%1' does not exist or cannot be written.")
                      .arg(folder.absoluteFilePath());
            return report;
        }
    }
    const store::Database database(url);
    try {
        const queries::DatabaseInfo info = queries::DatabaseInfoQuery::load(database);
        const int version = info.schemaVersion;
        const int latest = info.latestSchemaVersion;
        const QString server = info.serverVersion;
        const QString connected = url.isSqlite()
            ? tr("Connected to the SQLite file.")
            : tr("Connected to PostgreSQL %1 on %2.").arg(server, url.host);
        report.ok = version <= latest;
        if (version == 0)
            report.message = connected + u' '
                + (url.isSqlite() ? tr("The database is empty; it will be set up when the "
                                       "console opens it.")
                                  : tr("The database is empty; set it up once with "
                                       "'orchestratorctl --db URL init'."));
        else if (version < latest)
            report.message = connected + u' '
                + (url.isSqlite()
                       ? tr("Schema version %1; it will be upgraded to %2 when the console "
                            "opens it.")
                             .arg(version)
                             .arg(latest)
                       : tr("Schema version %1, this console needs %2: upgrade it with "
                            "'orchestratorctl --db URL init'.")
                             .arg(version)
                             .arg(latest));
        else if (version > latest)
            report.message = connected + u' '
                + tr("Schema version %1 is newer than this console understands (%2).")
                      .arg(version)
                      .arg(latest);
        else
            report.message = connected + u' ' + tr("Schema version %1, up to date.").arg(version);
        if (!url.isSqlite() && version < latest)
            report.ok = false;
    } catch (const store::StoreError &e) {
        report.ok = false;
        report.message = e.message();
    }
    database.closeThreadConnection();
    return report;
}

} // namespace wfo::console
