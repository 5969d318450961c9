#pragma once
// One subscription in detail: general information, the product block tree with resource values
// and links to the subscriptions it depends on or is used by, an Actions menu with the
// workflows per target (blocked ones disabled, their reason in the tooltip and the status bar), a
// banner on an out-of-sync subscription naming the process and step that left it so (Open, Retry,
// Set in sync), the process
// history (validation tasks can be hidden), the note (changed through modify_note), the
// version history with a diff between any two versions, and the subscription's audit trail.
// A workflow whose start role the operator lacks is disabled with that reason too. Everything loads
// on the query pool and follows changes live.

#include "domain/constraintsettings.h"
#include "queries/subscriptiondetail.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTextBrowser;
class QPushButton;
class QTabWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace wfo::console {

class AuditView;
class ConsoleContext;

class SubscriptionDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionDetailView)

public:
    SubscriptionDetailView(ConsoleContext *context, const ConstraintSettings &settings,
                           QWidget *parent = nullptr);

    QString subscriptionId() const { return m_id; }
    // The model loaded last (empty while loading or when there is no such subscription).
    QJsonObject subscription() const { return m_detail ? m_detail->model : QJsonObject(); }
    QMenu *actionsMenu() const { return m_actionsMenu; }
    QFrame *outOfSyncBanner() const { return m_banner; }
    AuditView *auditView() const { return m_audit; }

public slots:
    void setSubscription(const QString &subscriptionId);
    void reload();
    void runWorkflow(const QString &workflow);

signals:
    void loaded();
    void backRequested();

private:
    void apply(const std::optional<queries::SubscriptionDetail> &detail);
    void fillBlocks(QTreeWidgetItem *parent, const QJsonObject &block);
    void fillActions();
    void fillBanner();
    void retryCause();
    void setInSync();
    void fillProcesses();
    void showDiff();

    ConsoleContext *m_context;
    ConstraintSettings m_settings;
    QString m_id;
    std::optional<queries::SubscriptionDetail> m_detail;
    quint64 m_generation = 0;

    QLabel *m_title;
    QLabel *m_status;
    QToolButton *m_actions;
    QMenu *m_actionsMenu;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_bannerOpen;
    QPushButton *m_bannerRetry;
    QPushButton *m_bannerSetInSync;
    QString m_causeProcess; // the process the banner names
    bool m_bannerBusy = false;
    QTabWidget *m_tabs;
    QLabel *m_general;
    QPlainTextEdit *m_note;
    QPushButton *m_editNote;
    QTreeWidget *m_blocks;
    QTreeWidget *m_processes;
    QCheckBox *m_showValidations;
    QComboBox *m_versionA;
    QComboBox *m_versionB;
    QTextBrowser *m_diff;
    AuditView *m_audit;
};

} // namespace wfo::console
