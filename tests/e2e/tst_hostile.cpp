// Hostile input through orchestratorctl: damaged database files, input that is too large or not
// a file, passwords in URLs, odd paths and ids. Every case drives the built binary, as an
// operator or a careless script would, and checks that the answer is a clear message with the
// right exit code, never a crash or a hang. SQLite only: these are about local files.
// docs/reliability.md lists what is tried here and what the program answers.

#include "ctlrun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestHostile final : public QObject
{
    Q_OBJECT

private:
    static QProcessEnvironment environment();
    CtlResult ctl(const QString &path, const QStringList &arguments,
                  const QProcessEnvironment &env = environment()) const
    {
        return runCtl(u"sqlite://"_s + path, arguments, env);
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // A copy of the valid database with `count` bytes changed inside its pages (never in the
    // 100-byte file header, which SQLite checks anyway), the same for the same seed; only in
    // `pages` (numbered from 1) when given.
    QString damagedCopy(int seed, int count, const QList<int> &pages = {}) const;

    QTemporaryDir m_dir;
    QString m_valid; // a small database with processes, products and a subscription
    QString m_subscription;
    QString m_process;
    QList<int> m_productPages; // the products table and its indexes, read at every open
    int m_pageSize = 4096;
    int m_damagedReported = 0;
    int m_damagedRuns = 0;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void damagedDatabase_data();
    void damagedDatabase();
    void damagedCatalogue_data();
    void damagedCatalogue();
    void inputNotARegularFile_data();
    void inputNotARegularFile();
    void inputTooLarge();
    void passwordNeverShown_data();
    void passwordNeverShown();
    void emptyDbOption();
    void newDatabaseOnlyForItsOwner();
    void uppercaseIdsFound();
    void tooManySearchTerms();
    void percentInFileName();
    void packPathChecked();
    void readOnlyFileRead();
};

QProcessEnvironment TestHostile::environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"WFO_DATABASE_URL"_s);
    env.remove(u"NODE_ENROLLMENT_NSO_OFFLINE"_s);
    env.insert(u"WFO_PACK_PATH"_s, QStringLiteral(WFO_TEST_PACK_DIR));
    env.insert(u"WFO_USER"_s, u"e2e-operator"_s);
    return env;
}

void TestHostile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_valid = path(u"valid.db"_s);
    const CtlResult steps = ctl(m_valid, {u"start"_s, u"test_steps"_s, u"--json"_s});
    QCOMPARE(steps.exitCode, 0);
    m_process = steps.object().value(u"id").toString();
    QVERIFY(!m_process.isEmpty());
    const CtlResult created =
        ctl(m_valid,
            {u"start"_s, u"create_node_enrollment"_s, u"--json"_s, u"--input"_s,
             uR"({"customer_id": "cust-1", "select_node": "ams-rt1", "role_id": "core"})"_s});
    QCOMPARE(created.exitCode, 0);
    m_subscription = created.object().value(u"subscriptions").toArray().first().toString();
    QVERIFY(!m_subscription.isEmpty());
    // Every orchestratorctl has ended: the write-ahead log is checkpointed into the file.
    QVERIFY(!QFileInfo::exists(m_valid + u"-wal"_s));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_hostile_pages"_s);
        db.setDatabaseName(m_valid);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA page_size"_s) && query.next());
        m_pageSize = query.value(0).toInt();
        // Small tables and indexes are one page each: their root page.
        QVERIFY(query.exec(u"SELECT rootpage FROM sqlite_schema WHERE tbl_name = 'products' "
                           "AND rootpage > 0"_s));
        while (query.next())
            m_productPages.append(query.value(0).toInt());
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_hostile_pages"_s);
    QVERIFY(!m_productPages.isEmpty());
}

void TestHostile::cleanupTestCase()
{
    // Damage shows in many ways; most of them must be named as damage, not as something else.
    if (m_damagedRuns > 0) // not when only some tests were selected
        QVERIFY2(m_damagedReported > 0, "no damaged copy was reported as damaged");
}

QString TestHostile::damagedCopy(int seed, int count, const QList<int> &pages) const
{
    const QString copy = path(u"damaged-%1.db"_s.arg(seed));
    QFile::remove(copy);
    QFile source(m_valid);
    if (!source.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = source.readAll();
    QRandomGenerator random {quint32(seed)};
    for (int i = 0; i < count; ++i) {
        const qsizetype at = pages.isEmpty()
            ? 100 + random.bounded(int(bytes.size() - 100))
            : qsizetype(pages.at(random.bounded(int(pages.size()))) - 1) * m_pageSize
                + random.bounded(m_pageSize);
        bytes[at] = char(bytes.at(at) ^ char(1 + random.bounded(255)));
    }
    QFile target(copy);
    if (!target.open(QIODevice::WriteOnly) || target.write(bytes) != bytes.size())
        return {};
    return copy;
}

void TestHostile::damagedDatabase_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("count");
    for (int seed = 1; seed <= 24; ++seed) {
        const int count = seed % 3 == 0 ? 8 : 40;
        QTest::addRow("seed %d, %d bytes", seed, count) << seed << count;
    }
}

void TestHostile::damagedDatabase()
{
    QFETCH(int, seed);
    QFETCH(int, count);
    const QList<QStringList> commands {
        {u"processes"_s},
        {u"show"_s, m_process},
        {u"subscriptions"_s, u"--search"_s, u"ams"_s},
        {u"subscription"_s, m_subscription},
        {u"products"_s},
        {u"workflows"_s},
        {u"engine"_s, u"status"_s},
        {u"start"_s, u"test_steps"_s},
        {u"init"_s},
    };
    for (const QStringList &command : commands) {
        // Each command on a fresh copy: one may have changed what the next would find.
        const QString copy = damagedCopy(seed, count);
        QVERIFY(!copy.isEmpty());
        const CtlResult result = ctl(copy, command);
        const QByteArray what = command.join(u' ').toUtf8() + ": " + result.err;
        QVERIFY2(result.exitCode != -2, QByteArray("crashed: " + what).constData());
        QVERIFY2(result.exitCode != -1, QByteArray("did not finish: " + what).constData());
        // 0 when the damage is where this command does not look; 6 when a step of `start`
        // could not commit.
        QVERIFY2(result.exitCode == 0 || result.exitCode == 1 || result.exitCode == 6,
                 what.constData());
        if (result.exitCode == 1) {
            QVERIFY2(!result.err.trimmed().isEmpty(), what.constData());
            QVERIFY2(!result.err.contains("cannot be reached"), what.constData());
            if (result.err.contains("damaged"))
                ++m_damagedReported;
        }
    }
}

// The products and their indexes are read back while every command opens the database (the
// catalogue is registered): damage there crashed every command.
void TestHostile::damagedCatalogue_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("count");
    for (int seed = 1; seed <= 50; ++seed) {
        for (int count : {2, 8, 30})
            QTest::addRow("seed %d, %d bytes", seed, count) << seed << count;
    }
}

void TestHostile::damagedCatalogue()
{
    QFETCH(int, seed);
    QFETCH(int, count);
    ++m_damagedRuns;
    const QString copy = damagedCopy(seed, count, m_productPages);
    QVERIFY(!copy.isEmpty());
    const CtlResult result = ctl(copy, {u"processes"_s});
    QVERIFY2(result.exitCode != -2, QByteArray("crashed: " + result.err).constData());
    QVERIFY2(result.exitCode == 0 || result.exitCode == 1, result.err.constData());
    if (result.exitCode == 1) {
        QVERIFY2(result.err.contains("damaged"), result.err.constData());
        ++m_damagedReported;
    }
}

void TestHostile::inputNotARegularFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("endless device") << u"/dev/zero"_s << QByteArray("not a regular file");
    QTest::newRow("directory") << u"/tmp"_s << QByteArray("not a regular file");
    QTest::newRow("fifo without a writer") << u"fifo"_s << QByteArray("not a regular file");
}

void TestHostile::inputNotARegularFile()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, message);
    if (file == "fifo"_L1) {
        file = path(u"input.fifo"_s);
        QFile::remove(file);
        QCOMPARE(::mkfifo(QFile::encodeName(file).constData(), 0600), 0);
    }
    QElapsedTimer timer;
    timer.start();
    const CtlResult result =
        ctl(path(u"input.db"_s), {u"start"_s, u"test_initial_form"_s, u"--input"_s, u'@' + file});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QVERIFY2(result.err.contains(file.toUtf8()), result.err.constData());
    QVERIFY(timer.elapsed() < 20000);
}

void TestHostile::inputTooLarge()
{
    // Valid JSON, only too much of it: a string of 2 MiB.
    const QString big = path(u"big.json"_s);
    QFile file(big);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"note\": \"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}");
    file.close();
    const CtlResult result =
        ctl(path(u"input.db"_s), {u"start"_s, u"test_initial_form"_s, u"--input"_s, u'@' + big});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("Too much input"), result.err.constData());
    QVERIFY2(result.err.contains("1024 KiB"), result.err.constData());
}

void TestHostile::passwordNeverShown_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("unknown scheme") << u"pgsql://wfo:S3CRET-pw@db.example/orch"_s;
    QTest::newRow("no database") << u"postgresql://wfo:S3CRET-pw@db.example"_s;
    QTest::newRow("at sign in password") << u"pgsql://wfo:S3CRET@pw@db.example/orch"_s;
    QTest::newRow("connection string") << u"host=db.example password=S3CRET-pw"_s;
}

void TestHostile::passwordNeverShown()
{
    QFETCH(QString, url);
    // Through --db and through the environment.
    const CtlResult direct = runCtl(url, {u"processes"_s}, environment());
    QCOMPARE(direct.exitCode, 2);
    QVERIFY2(!direct.err.contains("S3CRET"), direct.err.constData());
    QVERIFY2(!direct.out.contains("S3CRET"), direct.out.constData());
    QProcessEnvironment env = environment();
    env.insert(u"WFO_DATABASE_URL"_s, url);
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ORCHESTRATORCTL), {u"processes"_s});
    QVERIFY(process.waitForFinished(60000));
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(!err.contains("S3CRET"), err.constData());
    QVERIFY2(err.contains("WFO_DATABASE_URL"), err.constData());
}

void TestHostile::emptyDbOption()
{
    const CtlResult result = runCtl(QString(), {u"processes"_s}, environment());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("--db"), result.err.constData());
    // After the command too.
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(ORCHESTRATORCTL), {u"processes"_s, u"--db="_s});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 2);
}

void TestHostile::newDatabaseOnlyForItsOwner()
{
    const mode_t previous = ::umask(022);
    const QString file = path(u"private.db"_s);
    const CtlResult result = ctl(file, {u"init"_s});
    ::umask(previous);
    QCOMPARE(result.exitCode, 0);
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
    // Its -wal and -shm files, while a connection has them open, take the file's mode.
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_hostile"_s);
    db.setDatabaseName(file);
    QVERIFY(db.open());
    QSqlQuery(db).exec(u"SELECT COUNT(*) FROM processes"_s);
    for (const char *suffix : {"-wal", "-shm"}) {
        const QByteArray name = QFile::encodeName(file) + suffix;
        if (::stat(name.constData(), &info) == 0)
            QCOMPARE(info.st_mode & 0777, mode_t(0600));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"tst_hostile"_s);
}

void TestHostile::uppercaseIdsFound()
{
    const QString upper = m_process.toUpper();
    QVERIFY(upper != m_process);
    const CtlResult shown = ctl(m_valid, {u"show"_s, upper, u"--json"_s});
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(shown.object().value(u"id").toString(), m_process);
    const CtlResult braced = ctl(m_valid, {u"show"_s, u'{' + upper + u'}'});
    QCOMPARE(braced.exitCode, 0);
    const CtlResult subscription =
        ctl(m_valid, {u"subscription"_s, m_subscription.toUpper(), u"--json"_s});
    QCOMPARE(subscription.exitCode, 0);
    QCOMPARE(subscription.object().value(u"id").toString(), m_subscription);
}

void TestHostile::tooManySearchTerms()
{
    QStringList terms;
    for (int i = 0; i < 1500; ++i)
        terms.append(u"t%1"_s.arg(i));
    const CtlResult many = ctl(m_valid, {u"subscriptions"_s, u"--search"_s, terms.join(u' ')});
    QCOMPARE(many.exitCode, 1);
    QVERIFY2(many.err.contains("at most"), many.err.constData());
    QVERIFY2(!many.err.contains("Expression tree"), many.err.constData());
    const CtlResult alternatives =
        ctl(m_valid, {u"subscriptions"_s, u"--search"_s, u"status:("_s + terms.join(u'|') + u')'});
    QCOMPARE(alternatives.exitCode, 1);
    QVERIFY2(alternatives.err.contains("at most"), alternatives.err.constData());
    const CtlResult longTerm =
        ctl(m_valid, {u"subscriptions"_s, u"--search"_s, QString(5000, u'%')});
    QCOMPARE(longTerm.exitCode, 1);
    QVERIFY2(!longTerm.err.contains("too complex"), longTerm.err.constData());
    // Within the limits a search still works.
    QCOMPARE(
        ctl(m_valid, {u"subscriptions"_s, u"--search"_s, terms.mid(0, 50).join(u' ')}).exitCode, 0);
}

void TestHostile::percentInFileName()
{
    QVERIFY(QDir(m_dir.path()).mkpath(u"100%1 %2 done"_s));
    const QString file = path(u"100%1 %2 done/a%2b.db"_s);
    QVERIFY(QFile::copy(m_valid, file));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_hostile_pct"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(
            u"INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', '2030-01-01')"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_hostile_pct"_s);
    const CtlResult result = ctl(file, {u"processes"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(file.toUtf8()), result.err.constData());
    QVERIFY2(result.err.contains("999"), result.err.constData());
}

void TestHostile::packPathChecked()
{
    const QString open = path(u"anyone-writes"_s);
    QVERIFY(QDir().mkpath(open));
    QCOMPARE(::chmod(QFile::encodeName(open).constData(), 0777), 0);
    const QString notAPack = path(u"not-a-pack"_s);
    QVERIFY(QDir().mkpath(notAPack));
    // A shared library that is not a Qt plugin: its metadata says so, it is never loaded.
    QFile library(notAPack + u"/libevil.so"_s);
    QVERIFY(library.open(QIODevice::WriteOnly));
    library.write("\x7f"
                  "ELF not really a library");
    library.close();
    QProcessEnvironment env = environment();
    env.insert(u"WFO_PACK_PATH"_s, u"relative/packs:"_s + open + u':' + notAPack);
    const CtlResult version = ctl(m_valid, {u"--version"_s}, env);
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.contains("wfo_pack_node_enrollment"), version.out.constData());
    QVERIFY2(version.err.contains("relative/packs"), version.err.constData());
    QVERIFY2(version.err.contains(QFile::encodeName(open)), version.err.constData());
    QVERIFY2(version.err.contains("libevil.so"), version.err.constData());
    // The same warnings for a command, which still works with the packs it may load.
    const CtlResult products = ctl(m_valid, {u"products"_s}, env);
    QCOMPARE(products.exitCode, 0);
    QVERIFY2(products.err.contains("relative/packs"), products.err.constData());
}

void TestHostile::readOnlyFileRead()
{
    // Root writes any file: the file's reader is the unprivileged user 'nobody'.
    if (::geteuid() != 0 || QStandardPaths::findExecutable(u"runuser"_s).isEmpty())
        QSKIP("needs root and runuser to read as another user");
    QTemporaryDir shared;
    QVERIFY(shared.isValid());
    // The folder lets the reader create the -shm file SQLite needs to read a WAL database.
    QCOMPARE(::chmod(QFile::encodeName(shared.path()).constData(), 0777), 0);
    const QString file = shared.filePath(u"shared.db"_s);
    QVERIFY(QFile::copy(m_valid, file));
    QCOMPARE(::chmod(QFile::encodeName(file).constData(), 0644), 0);
    const QByteArray before = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    auto asNobody = [&](const QStringList &arguments) {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(u"runuser"_s,
                      QStringList {u"-u"_s, u"nobody"_s, u"--"_s, QStringLiteral(ORCHESTRATORCTL),
                                   u"--db"_s, u"sqlite://"_s + file}
                          + arguments);
        process.waitForFinished(60000);
        return std::pair {process.exitCode(), process.readAllStandardError()};
    };
    const auto [listed, listErr] = asNobody({u"processes"_s});
    QVERIFY2(listed == 0, listErr.constData());
    const auto [shown, showErr] = asNobody({u"show"_s, m_process});
    QVERIFY2(shown == 0, showErr.constData());
    const auto [started, startErr] = asNobody({u"start"_s, u"test_steps"_s});
    QCOMPARE(started, 1);
    QVERIFY2(startErr.contains("read-only"), startErr.constData());
    QVERIFY2(!startErr.contains("cannot be reached"), startErr.constData());
    QFile after(file);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
