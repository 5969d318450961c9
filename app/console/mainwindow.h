#pragma once
// The main window: the processes list with live refresh, engine pause/resume, and the
// database and engine state in the status bar.

#include <QMainWindow>

class QLabel;
class QTableView;
class QTimer;
class ProcessListModel;

namespace wfo {
class Engine;
}

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(wfo::Engine *engine, QWidget *parent = nullptr);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateEngineState();
    void scheduleRefresh();

    wfo::Engine *m_engine;
    ProcessListModel *m_model;
    QTableView *m_view;
    QLabel *m_engineLabel;
    QLabel *m_databaseLabel;
    QAction *m_pauseAction;
    QTimer *m_refreshTimer;
};
