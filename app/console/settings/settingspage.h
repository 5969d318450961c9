#pragma once
// Settings: the engine's global pause with the number of running processes, the number of
// worker threads (applies at the next start), the database in use (Change… opens the database
// dialog), the engine instances sharing it with what they run, the operators and their roles,
// the REST API this console may serve, and the language. Pausing needs the admin role: for others
// the button says why not.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace wfo::console {

class ConsoleContext;
class ApiPanel;
class InstancesPanel;
class OperatorsPanel;

class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(ConsoleContext *context, QWidget *parent = nullptr);

    // QSettings keys.
    static QString threadsKey();
    static QString languageKey();
    static int configuredThreads(); // 0 unless set: the engine's default for its database

    InstancesPanel *instancesPanel() const { return m_instances; }
    OperatorsPanel *operatorsPanel() const { return m_operators; }
    ApiPanel *apiPanel() const { return m_api; }

public slots:
    // Resumes at once; pausing asks first (a window-modal box, "confirmPause").
    void togglePause();

signals:
    void databaseDialogRequested();

private:
    void setPaused(bool pause);
    void updateEngineState();

    ConsoleContext *m_context;
    QLabel *m_engineState;
    QPushButton *m_pause;
    QSpinBox *m_threads;
    QLineEdit *m_database;
    QPushButton *m_changeDatabase;
    InstancesPanel *m_instances;
    OperatorsPanel *m_operators;
    ApiPanel *m_api;
    QComboBox *m_language;
    QLabel *m_restartHint;
};

} // namespace wfo::console
