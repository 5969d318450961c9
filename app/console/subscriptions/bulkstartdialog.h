#pragma once
// Start one workflow on many subscriptions (docs/console.md, "Bulk operations"): the selected
// rows of the Subscriptions screen, or every subscription its search matches. Before anything
// starts, the dialog says how many can run the workflow and lists the others with why not
// (the engine's own preview, Engine::startMany). Started processes are then followed in a
// BulkProgressDialog, which may be closed and opened again from the screen.

#include "queries/subscriptionpages.h"

#include <QDialog>
#include <QSet>
#include <QStringList>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace wfo::console {

class ConsoleContext;

class BulkStartDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkStartDialog)

public:
    // `subscriptionIds` empty: every subscription `search` selects.
    BulkStartDialog(ConsoleContext *context, const QStringList &subscriptionIds,
                    const queries::SubscriptionFilter &search, QWidget *parent = nullptr);

    QStringList subscriptionIds() const { return m_ids; }

signals:
    // The processes started, with what was started.
    void started(const QStringList &processIds, const QString &title);

private:
    void preview();
    void start();

    ConsoleContext *m_context;
    QStringList m_ids;
    bool m_idsKnown = false;
    int m_previewSerial = 0;
    QComboBox *m_workflow;
    QLabel *m_summary;
    QTreeWidget *m_refused;
    QPushButton *m_start;
};

class BulkProgressDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkProgressDialog)

public:
    BulkProgressDialog(ConsoleContext *context, const QStringList &processIds, const QString &title,
                       QWidget *parent = nullptr);

    int completed() const { return m_completed; }
    int failed() const { return m_failed; }
    int atRest() const { return m_atRest; }

private:
    void refresh();
    void cancelTheRest();

    ConsoleContext *m_context;
    QStringList m_ids;
    QStringList m_running; // not at rest at the last look
    int m_completed = 0;
    int m_failed = 0;
    int m_atRest = 0;
    QProgressBar *m_progress;
    QLabel *m_counts;
    QPushButton *m_cancel;
};

} // namespace wfo::console
