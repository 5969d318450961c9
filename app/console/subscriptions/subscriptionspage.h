#pragma once
// The Subscriptions screen: tabs Active / Terminated / Transient / All, a search box with the
// operators' syntax (and a help popup), sorting on any column, columns chosen and remembered
// per user, and a CSV export of the whole result with a progress bar.

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabBar;
class QTableView;
class QTimer;
class QToolButton;

namespace wfo::console {

class BulkProgressDialog;
class ConsoleContext;
struct CsvExportResult;
class SubscriptionListModel;

class SubscriptionsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionsPage)

public:
    enum Tab { Active, Terminated, Transient, All };

    explicit SubscriptionsPage(ConsoleContext *context, QWidget *parent = nullptr);
    ~SubscriptionsPage() override;

    SubscriptionListModel *model() const { return m_model; }
    BulkProgressDialog *bulkProgress() const { return m_bulkProgress; }
    QStringList selectedSubscriptionIds() const;
    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    void setTab(Tab tab);

    static QStringList statusesOf(Tab tab);

public slots:
    void focusSearch();
    void applySearch();
    void refresh();
    void showSearchHelp();
    // Asks for a file name, then exports.
    void exportCsv();
    // Exports the current result (every row, visible columns) to `path`.
    void exportCsvTo(const QString &path);
    // Start one workflow on the selected subscriptions, or on every one the search matches
    // when none is selected (BulkStartDialog); the progress shows in a BulkProgressDialog.
    void startOnMany();
    void showBulkProgress();

signals:
    void exportFinished(qint64 rows, const QString &error);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void saveColumns();
    void restoreColumns();
    void updateCount();
    // Home and End go to the first and last row of the whole result, not of what is fetched.
    void goToStart();
    void goToEnd();
    void keepRowsInPlace(int first, int last);

    ConsoleContext *m_context;
    SubscriptionListModel *m_model;
    QTabBar *m_tabs;
    QLineEdit *m_search;
    QToolButton *m_help;
    QToolButton *m_columns;
    QPushButton *m_export;
    QProgressBar *m_exportProgress;
    QPushButton *m_cancelExport;
    QLabel *m_exportResult; // "N rows written to FILE" after an export
    QString m_exportPath;
    QPushButton *m_startOnMany;
    QPushButton *m_showBulk;
    BulkProgressDialog *m_bulkProgress = nullptr;
    QLabel *m_count;
    QLabel *m_message;
    QTableView *m_view;
    QTimer *m_searchTimer;
    QFutureWatcher<CsvExportResult> *m_exportWatcher;
    bool m_loadedOnce = false;
    bool m_goingToStart = false;
};

} // namespace wfo::console
