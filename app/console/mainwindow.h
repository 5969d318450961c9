#pragma once
// The main window: navigation between the screens (Start, Subscriptions, Processes, Tasks,
// Metadata, Settings, Audit, Schedules) and the detail views they open, the menus with their
// shortcuts (Ctrl+N new subscription, Ctrl+F search, F5 refresh, Ctrl+K command palette,
// Alt+Left/Right back and forward through the places visited), and the status bar with the
// database and the engine's state. Screens live in their own classes; this class only wires them.

#include "consolescreens.h"

#include "store/databaseurl.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace wfo::console {

class AuditView;
class ConsoleContext;
class MetadataPage;
class ProcessNotifier;
class ProcessDetailView;
class ProcessesPage;
class SchedulesView;
class SettingsPage;
class StartPage;
class TasksPage;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page {
        Start,
        Subscriptions,
        Processes,
        Tasks,
        Metadata,
        Settings,
        Audit,
        Schedules
    };

    explicit MainWindow(ConsoleContext *context, QWidget *parent = nullptr);

    // Takes in what a part of the console contributes (the domain screens, a pack's screens):
    // the Subscriptions page and detail (replacing the placeholder or an earlier one), start
    // cards and Metadata tables (added after those already there). Once per contributor.
    void install(const ConsoleScreens &screens);

    ConsoleContext *context() const { return m_context; }
    StartPage *startPage() const { return m_start; }
    ProcessesPage *processesPage() const { return m_processes; }
    TasksPage *tasksPage() const { return m_tasks; }
    MetadataPage *metadataPage() const { return m_metadata; }
    SettingsPage *settingsPage() const { return m_settings; }
    AuditView *auditPage() const { return m_audit; }
    SchedulesView *schedulesPage() const { return m_schedules; }
    ProcessDetailView *processDetail() const { return m_processDetail; }
    ProcessNotifier *notifier() const { return m_notifier; }
    QWidget *currentPage() const;
    bool canGoBack() const { return !m_back.isEmpty(); }
    bool canGoForward() const { return !m_forward.isEmpty(); }

public slots:
    void showPage(wfo::console::MainWindow::Page page);
    void openProcess(const QString &processId);
    void openSubscription(const QString &subscriptionId);
    // To the place shown before (the Processes page when there is none).
    void back();
    // To the place left by back().
    void forward();
    void refresh();
    // Ctrl+K: jump to a screen, subscription, process or workflow by name or id.
    void showCommandPalette();
    // Help ▸ Keyboard shortcuts.
    void showShortcuts();
    void focusSearch();
    void newSubscription();
    // The database dialog (File ▸ Connect to database…, Settings ▸ Change…).
    void chooseDatabase();

signals:
    // The operator chose another database (with its password); the console session switches.
    void databaseSwitchRequested(const wfo::store::DatabaseUrl &url);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // A place the operator can go back to: a screen, or a process or subscription shown.
    struct Place
    {
        enum class Kind { Page, Process, Subscription } kind = Kind::Page;
        int page = 0;
        QString id;
        bool operator==(const Place &other) const
        {
            return kind == other.kind && page == other.page && id == other.id;
        }
    };
    void goTo(const Place &place); // records the current place for back()
    void restore(const Place &place);
    void updateHistoryActions();
    void createMenus();
    void showWidget(QWidget *widget);
    void updateEngineState();
    void setDatabaseState(bool ok, const QString &message);

    ConsoleContext *m_context;
    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    StartPage *m_start;
    QWidget *m_subscriptions;
    ProcessesPage *m_processes;
    TasksPage *m_tasks;
    MetadataPage *m_metadata;
    SettingsPage *m_settings;
    AuditView *m_audit;
    SchedulesView *m_schedules;
    ProcessDetailView *m_processDetail;
    QWidget *m_subscriptionDetail = nullptr;
    ConsoleScreens::Subscriptions m_subscriptionActions;
    QList<Place> m_back;
    QList<Place> m_forward;
    Place m_current;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QLabel *m_databaseLabel;
    QLabel *m_engineLabel;
    QTimer *m_databaseBackTimer;
    bool m_databaseProblem = false;
    QAction *m_pauseAction = nullptr;
    ProcessNotifier *m_notifier = nullptr;
};

} // namespace wfo::console
