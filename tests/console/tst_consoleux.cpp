// The console's operator experience without a product pack (issue 14): pausing asks first and
// queued work says it waits for the engine, status words go through the translation, Back and
// Forward walk the places visited, Ctrl+K jumps anywhere, and Help lists the shortcuts.
#include "consoletestkit.h"

#include "enginewaiter.h"
#include "qtestprinters.h"

#include "palette/commandpalette.h"
#include "processdetail/processdetailview.h"
#include "processdetail/steplistmodel.h"
#include "processes/processespage.h"
#include "processes/processlistmodel.h"
#include "processes/processlistview.h"
#include "processes/taskspage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace wfo::console;

namespace {

// A "language" that marks every string of the console's status words, so a test sees which
// words went through the translation and which were shown as stored.
class MarkingTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        const QLatin1StringView c(context);
        if (c == "wfo::console"_L1 || c == "wfo::ProcessStatus"_L1)
            return u"«"_s + QString::fromUtf8(source) + u"»"_s;
        return {};
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestConsoleUx : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pauseAsksFirst();
    void queuedWorkWaitsForTheEngine();
    void stepStatusesAreTranslated();
    void failureInOperatorLanguage();
    void retryIsComparedWithThePreviousAttempt();
    void backAndForwardWalkThePlacesVisited();
    void commandPaletteJumpsToScreensAndProcesses();
    void shortcutsAreListedUnderHelp();
    void everyScreenFitsIn1024x700();

private:
    MainWindow *window() { return m_fixture->window(); }
    std::unique_ptr<consoletest::Fixture> m_fixture;
};

void TestConsoleUx::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleTests"_s);
}

void TestConsoleUx::init()
{
    consoletest::failMode() = false;
    m_fixture = std::make_unique<consoletest::Fixture>();
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
}

void TestConsoleUx::cleanup()
{
    m_fixture.reset();
}

void TestConsoleUx::pauseAsksFirst()
{
    window()->showPage(MainWindow::Page::Settings);
    auto *pause = window()->findChild<QPushButton *>(u"pauseEngineButton"_s);
    QTest::mouseClick(pause, Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = consoletest::findTopLevel<QMessageBox>(u"confirmPause"_s)));
    // Enter on the question keeps the engine running: Cancel is its default.
    QTest::mouseClick(confirm->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTest::qWait(200);
    QCOMPARE(m_fixture->engine()->state(), wfo::EngineState::Running);
    // The Engine menu's action asks too.
    window()->findChild<QAction *>(u"pauseEngineAction"_s)->trigger();
    QTRY_VERIFY((confirm = consoletest::findTopLevel<QMessageBox>(u"confirmPause"_s)));
    QTest::mouseClick(confirm->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_fixture->engine()->state(), wfo::EngineState::Paused);
    // Resuming does not ask.
    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_COMPARE(m_fixture->engine()->state(), wfo::EngineState::Running);
    QVERIFY(!consoletest::findTopLevel<QMessageBox>(u"confirmPause"_s));
}

void TestConsoleUx::queuedWorkWaitsForTheEngine()
{
    QVERIFY(testsupport::await(m_fixture->engine()->pause(u"tester"_s)).ok());
    QTRY_COMPARE(m_fixture->engine()->state(), wfo::EngineState::Paused);
    const QString id = m_fixture->start(u"console_quick"_s);
    QVERIFY(!id.isEmpty());
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    QTRY_VERIFY(detail->process());
    auto *waiting = detail->findChild<QLabel *>(u"processWaiting"_s);
    auto *activity = detail->findChild<QProgressBar *>(u"processActivity"_s);
    QTRY_VERIFY(waiting->isVisible());
    QVERIFY(!activity->isVisible()); // no busy bar for work that does not run
    auto *timeline = detail->findChild<QTreeView *>(u"stepTimeline"_s);
    const QAbstractItemModel *steps = timeline->model();
    QTRY_VERIFY(steps->rowCount() > 0);
    const QModelIndex last = steps->index(steps->rowCount() - 1, StepListModel::Status);
    QCOMPARE(last.data().toString(), u"Waiting for the engine"_s);

    // The Processes list says it too.
    window()->showPage(MainWindow::Page::Processes);
    const QAbstractItemModel *list = window()->processesPage()->activeList()->view()->model();
    QTRY_VERIFY(list->rowCount() == 1);
    QCOMPARE(list->index(0, ProcessListModel::Status).data().toString(),
             u"Waiting for the engine"_s);
    window()->openProcess(id);

    QVERIFY(testsupport::await(m_fixture->engine()->unpause(u"tester"_s)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(detail->process() ? detail->process()->status
                                                : wfo::ProcessStatus::Created,
                              wfo::ProcessStatus::Completed, 10000);
    QTRY_VERIFY(!waiting->isVisible());
}

void TestConsoleUx::stepStatusesAreTranslated()
{
    MarkingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = m_fixture->runToRest(u"console_quick"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Completed);
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    QTRY_VERIFY(detail->process());
    auto *timeline = detail->findChild<QTreeView *>(u"stepTimeline"_s);
    QTRY_VERIFY(timeline->model()->rowCount() > 1);
    const QString shown = timeline->model()->index(0, StepListModel::Status).data().toString();
    QCoreApplication::removeTranslator(&translator);
    // The stored word ("success") went through the translation; the raw value stays.
    QCOMPARE(shown, u"«Success»"_s);
    QCOMPARE(timeline->model()
                 ->index(0, StepListModel::Status)
                 .data(StepListModel::RawValueRole)
                 .toString(),
             u"success"_s);
}

void TestConsoleUx::failureInOperatorLanguage()
{
    consoletest::failMode() = true;
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = m_fixture->runToRest(u"console_fail"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Failed);
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    QTRY_VERIFY(detail->process());
    auto *error = detail->findChild<QLabel *>(u"stepError"_s);
    QTRY_VERIFY(error->isVisible());
    // What went wrong, without the C++ class; the class is one hover away.
    QCOMPARE(error->text(), u"Simulated failure"_s);
    QVERIFY2(error->toolTip().contains(u"StepError"_s), qPrintable(error->toolTip()));
    // The process id is not in the header line, but in its tooltip.
    auto *info = detail->findChild<QLabel *>(u"processInfo"_s);
    QVERIFY2(!info->text().contains(id), qPrintable(info->text()));
    QVERIFY(info->toolTip().contains(id));
    // "Call the network" is the third step (init, Prepare, Call the network): step 3, as the
    // timeline counts, not the engine's 0-based 2.
    auto *traceback = detail->findChild<QPlainTextEdit *>(u"traceback"_s);
    QVERIFY2(traceback->toPlainText().contains(u"step 3 'Call the network'"_s),
             qPrintable(traceback->toPlainText()));

    // The timeline names each step in full, numbered the same way, in its tooltip.
    const QAbstractItemModel *steps = detail->findChild<QTreeView *>(u"stepTimeline"_s)->model();
    QStringList tips;
    for (int row = 0; row < steps->rowCount(); ++row)
        tips << steps->index(row, StepListModel::Name).data(Qt::ToolTipRole).toString();
    QVERIFY2(tips.filter(u"Step 3: Call the network"_s).size() == 1, qPrintable(tips.join(u'|')));

    // Copy for a ticket: all of it, ids and class included, as text.
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(detail->findChild<QPushButton *>(u"copyForTicketButton"_s), Qt::LeftButton);
    const QString ticket = QGuiApplication::clipboard()->text();
    for (const QString &part : {id, u"console_fail"_s, u"Failed step: 3 'Call the network'"_s,
                                u"Simulated failure"_s, u"StepError"_s, u"\"prepared\": true"_s}) {
        QVERIFY2(ticket.contains(part), qPrintable(part + u" not in:\n"_s + ticket));
    }
}

void TestConsoleUx::retryIsComparedWithThePreviousAttempt()
{
    consoletest::failMode() = true;
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = m_fixture->runToRest(u"console_fail"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Failed);
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    QTRY_VERIFY(detail->process());
    auto *note = detail->findChild<QLabel *>(u"stepNote"_s);
    QVERIFY(note->isHidden()); // a first attempt has nothing to compare with
    // Retried while the network still fails: the second attempt says it failed the same way.
    wfo::ResumeRequest request;
    request.actor = u"tester"_s;
    testsupport::StopRecorder stops(*m_fixture->engine());
    QVERIFY(testsupport::await(m_fixture->engine()->resume(id, request)).ok());
    QCOMPARE(stops.wait(id), std::optional(wfo::ProcessStatus::Failed));
    detail->reload();
    QTRY_VERIFY(note->isVisible());
    QVERIFY2(note->text().contains(u"Attempt 2 of this step."_s), qPrintable(note->text()));
    QVERIFY2(note->text().contains(u"Simulated failure"_s), qPrintable(note->text()));
    QVERIFY2(note->text().contains(u"failed the same way"_s), qPrintable(note->text()));
}

void TestConsoleUx::backAndForwardWalkThePlacesVisited()
{
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = m_fixture->runToRest(u"console_quick"_s, &status);
    MainWindow *w = window();
    w->showPage(MainWindow::Page::Start);
    w->showPage(MainWindow::Page::Tasks);
    w->showPage(MainWindow::Page::Processes);
    w->openProcess(id);
    QCOMPARE(w->currentPage()->objectName(), u"processDetail"_s);
    auto *back = w->findChild<QAction *>(u"backAction"_s);
    auto *forward = w->findChild<QAction *>(u"forwardAction"_s);
    QCOMPARE(back->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Left));
    QCOMPARE(forward->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Right));
    QVERIFY(!forward->isEnabled());
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w));
    QTest::keyClick(w, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(w->currentPage(), static_cast<QWidget *>(w->processesPage()));
    QTest::keyClick(w, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(w->currentPage(), static_cast<QWidget *>(w->tasksPage()));
    QVERIFY(forward->isEnabled());
    QTest::keyClick(w, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(w->currentPage(), static_cast<QWidget *>(w->processesPage()));
    QTest::keyClick(w, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(w->currentPage()->objectName(), u"processDetail"_s);
    QCOMPARE(w->processDetail()->processId(), id);
    QVERIFY(!forward->isEnabled());
    // Going somewhere new forgets the way forward.
    QTest::keyClick(w, Qt::Key_Left, Qt::AltModifier);
    w->showPage(MainWindow::Page::Settings);
    QVERIFY(!forward->isEnabled());
}

void TestConsoleUx::commandPaletteJumpsToScreensAndProcesses()
{
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = m_fixture->runToRest(u"console_quick"_s, &status);
    MainWindow *w = window();
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w));
    QTest::keyClick(w, Qt::Key_K, Qt::ControlModifier);
    QPointer<CommandPalette> palette;
    QTRY_VERIFY((palette = w->findChild<CommandPalette *>(u"commandPalette"_s))
                && palette->isVisible());
    QLineEdit *search = palette->searchBox();
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, u"task"_s);
    QTRY_VERIFY(palette->isSettled());
    QListWidget *results = palette->results();
    QVERIFY(results->count() >= 1);
    QCOMPARE(CommandPalette::Kind(results->currentItem()->data(CommandPalette::KindRole).toInt()),
             CommandPalette::Kind::Screen);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(w->currentPage(), static_cast<QWidget *>(w->tasksPage()));
    QTRY_VERIFY(!palette || !palette->isVisible());

    // A process by its id, read from the database as it is typed.
    QTRY_VERIFY(!palette); // closed palettes go away
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w));
    QTest::keyClick(w, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY((palette = w->findChild<CommandPalette *>(u"commandPalette"_s))
                && palette->isVisible());
    QTest::keyClicks(palette->searchBox(), id);
    QTRY_VERIFY(palette->isSettled());
    QListWidgetItem *found = nullptr;
    for (int row = 0; row < palette->results()->count(); ++row) {
        QListWidgetItem *item = palette->results()->item(row);
        if (item->data(CommandPalette::IdRole).toString() == id)
            found = item;
    }
    QVERIFY(found);
    QVERIFY(found->text().contains(u"console_quick"_s));
    palette->results()->setCurrentItem(found);
    QTest::keyClick(palette->searchBox(), Qt::Key_Return);
    QCOMPARE(w->currentPage()->objectName(), u"processDetail"_s);
    QCOMPARE(w->processDetail()->processId(), id);
    // Jumping is a place like any other: Back returns.
    w->back();
    QCOMPARE(w->currentPage(), static_cast<QWidget *>(w->tasksPage()));
}

void TestConsoleUx::shortcutsAreListedUnderHelp()
{
    MainWindow *w = window();
    auto *action = w->findChild<QAction *>(u"shortcutsAction"_s);
    QVERIFY(action);
    action->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = consoletest::findTopLevel<QDialog>(u"shortcutsDialog"_s)));
    auto *list = dialog->findChild<QTreeWidget *>(u"shortcutsList"_s);
    QStringList keys;
    for (int row = 0; row < list->topLevelItemCount(); ++row)
        keys << list->topLevelItem(row)->text(0);
    for (const QKeySequence &sequence :
         {QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::ALT | Qt::Key_Left),
          QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence(Qt::CTRL | Qt::Key_R),
          QKeySequence(Qt::Key_F5)}) {
        QVERIFY2(keys.contains(sequence.toString(QKeySequence::NativeText)),
                 qPrintable(keys.join(u", "_s)));
    }
    dialog->close();
}

void TestConsoleUx::everyScreenFitsIn1024x700()
{
    MainWindow *w = window();
    w->resize(1024, 700);
    for (int page = 0; page <= int(MainWindow::Page::Schedules); ++page) {
        w->showPage(MainWindow::Page(page));
        QCoreApplication::processEvents();
        const QSize least = w->minimumSizeHint().expandedTo(w->minimumSize());
        QVERIFY2(
            least.width() <= 1024 && least.height() <= 700,
            qPrintable(u"page %1 needs %2×%3"_s.arg(page).arg(least.width()).arg(least.height())));
    }
    QCOMPARE(w->width(), 1024);

    // The start page's three cards are all in view.
    w->showPage(MainWindow::Page::Start);
    QCoreApplication::processEvents();
    const QList<QWidget *> cards {w->findChild<QWidget *>(u"myRecentProcessesCard"_s),
                                  w->findChild<QWidget *>(u"activeProcessesCard"_s),
                                  w->findChild<QWidget *>(u"failedTasksCard"_s)};
    for (QWidget *card : cards) {
        QVERIFY(card);
        const QRect inPage(card->mapTo(w, QPoint(0, 0)), card->size());
        QVERIFY2(inPage.right() < w->width(),
                 qPrintable(u"%1 ends at %2"_s.arg(card->objectName()).arg(inPage.right())));
    }

    // The process detail's tabs show without scroll arrows, however long the title.
    consoletest::failMode() = true;
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = m_fixture->runToRest(u"console_fail"_s, &status);
    w->openProcess(id);
    QTRY_VERIFY(w->processDetail()->process());
    QCoreApplication::processEvents();
    QVERIFY(w->minimumSizeHint().width() <= 1024);
    auto *tabs = w->processDetail()->findChild<QTabWidget *>(u"processTabs"_s);
    QTabBar *bar = tabs->tabBar();
    for (QToolButton *arrow : bar->findChildren<QToolButton *>())
        QVERIFY2(!arrow->isVisible(), "the tabs scroll");
    QVERIFY(bar->tabRect(bar->count() - 1).right() <= bar->width());
    // ... and their names are whole, not cut to a letter or two.
    for (int i = 0; i < bar->count(); ++i) {
        const QString text = bar->tabText(i).remove(u'&');
        QVERIFY2(bar->tabRect(i).width() > bar->fontMetrics().horizontalAdvance(text),
                 qPrintable(text));
    }
    // The step names have the window's width.
    auto *timeline = w->processDetail()->findChild<QTreeView *>(u"stepTimeline"_s);
    QVERIFY2(timeline->width() > 700, qPrintable(QString::number(timeline->width())));
}

QTEST_MAIN(TestConsoleUx)
#include "tst_consoleux.moc"
