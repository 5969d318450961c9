#pragma once
// "Engine instances" on the Settings page: the consoles, workers and ctl runs registered on
// the database, with what each runs. Loaded on a query thread when the page shows, when an
// engine registers or leaves (Engine::changed "engine"), and every few seconds while visible
// (heartbeats are not announced). Answers to an older request are dropped.

#include <QWidget>

class QLabel;
class QTimer;
class QTreeView;

namespace wfo::console {

class ConsoleContext;
class InstanceListModel;

class InstancesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstancesPanel)

public:
    explicit InstancesPanel(ConsoleContext *context, QWidget *parent = nullptr);

    InstanceListModel *model() const { return m_model; }
    void setRefreshInterval(int ms);

public slots:
    void refresh();

signals:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    ConsoleContext *m_context;
    InstanceListModel *m_model;
    QTreeView *m_view;
    QLabel *m_summary;
    QTimer *m_timer;
    quint64 m_generation = 0;
};

} // namespace wfo::console
