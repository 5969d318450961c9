#pragma once
// Settings: the engine's global pause with the number of running processes, the number of
// worker threads (applies at the next start), the database in use (Change… opens the database
// dialog), the engine instances sharing it with what they run, and the language.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace wfo::console {

class ConsoleContext;
class InstancesPanel;

class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(ConsoleContext *context, QWidget *parent = nullptr);

    // QSettings keys.
    static QString threadsKey();
    static QString languageKey();
    static int configuredThreads(); // 2 unless set

    InstancesPanel *instancesPanel() const { return m_instances; }

public slots:
    void togglePause();

signals:
    void databaseDialogRequested();

private:
    void updateEngineState();

    ConsoleContext *m_context;
    QLabel *m_engineState;
    QPushButton *m_pause;
    QSpinBox *m_threads;
    QLineEdit *m_database;
    QPushButton *m_changeDatabase;
    InstancesPanel *m_instances;
    QComboBox *m_language;
    QLabel *m_restartHint;
};

} // namespace wfo::console
