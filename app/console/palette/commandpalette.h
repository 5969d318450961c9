#pragma once
// Ctrl+K: one line to jump anywhere. It offers the screens and the installed workflows by name
// (matched on the GUI thread, no SQL), and subscriptions by the operators' search syntax and
// processes by id or workflow name, read on the query pool as the operator types (a generation
// counter drops answers to older text). Enter, a double-click or a click opens the chosen one;
// Up and Down move through the list without leaving the line.

#include <QDialog>
#include <QString>

class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QTimer;

namespace wfo::console {

class ConsoleContext;

class CommandPalette final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    enum class Kind { Screen, Subscription, Process, Workflow };
    Q_ENUM(Kind)
    enum Role { KindRole = Qt::UserRole + 1, IdRole };

    // `screens`: the names of the main window's screens, in the order of MainWindow::Page.
    CommandPalette(ConsoleContext *context, const QStringList &screens, QWidget *parent = nullptr);

    QLineEdit *searchBox() const { return m_search; }
    QListWidget *results() const { return m_results; }
    // Whether the answers of the database for the text typed last are in.
    bool isSettled() const { return m_settled; }

signals:
    // The operator chose: for a screen, `id` is its index; otherwise the name or id.
    void chosen(wfo::console::CommandPalette::Kind kind, const QString &id);
    void settled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void filterLocal();
    void lookUp();
    void addItem(Kind kind, const QString &id, const QString &text, const QString &detail = {});
    void activate(QListWidgetItem *item);

    ConsoleContext *m_context;
    QStringList m_screens;
    QLineEdit *m_search;
    QListWidget *m_results;
    QTimer *m_lookUp;
    quint64 m_generation = 0;
    bool m_settled = true;
};

} // namespace wfo::console
