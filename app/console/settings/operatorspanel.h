#pragma once
// "Operators" on the Settings page: who may use this database and with which role (viewer,
// operator, admin). An admin adds operators and changes their role, display name or enabled
// flag through the engine (audited); everyone else sees the table read-only, with the reason.
// While no operator is defined everyone acts as admin, and the panel says so.

#include <QDialog>
#include <QJsonArray>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace wfo::console {

class ConsoleContext;

class OperatorsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorsPanel)

public:
    explicit OperatorsPanel(ConsoleContext *context, QWidget *parent = nullptr);

    QTreeWidget *table() const { return m_table; }
    QJsonArray operators() const { return m_operators; }

public slots:
    void refresh();
    void addOperator();
    void editOperator();
    void toggleEnabled();

signals:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void apply(const QJsonArray &operators);
    void updateActions();
    QJsonObject current() const;
    // Asks first when the operator would lose their own admin role.
    void save(const QString &userName, const QString &displayName, const QString &role,
              bool enabled, const QString &change);
    void store(const QString &userName, const QString &displayName, const QString &role,
               bool enabled, const QString &change);

    ConsoleContext *m_context;
    QJsonArray m_operators;
    QTreeWidget *m_table;
    QLabel *m_notice;
    QLabel *m_outcome;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_toggle;
    quint64 m_generation = 0;
    bool m_saving = false;
};

// Add an operator, or change one (user name fixed).
class OperatorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorDialog)

public:
    // `existing`: the operator's row ({user_name, display_name, role, enabled}), empty to add.
    OperatorDialog(const QJsonObject &existing, const QString &hint, QWidget *parent = nullptr);

    QString userName() const;
    QString displayName() const;
    QString role() const;
    bool isEnabled() const;

private:
    void updateConfirm();

    QLineEdit *m_userName;
    QLineEdit *m_displayName;
    QComboBox *m_role;
    QCheckBox *m_enabled;
    QPushButton *m_confirm;
};

} // namespace wfo::console
