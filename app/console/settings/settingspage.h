#pragma once
// Settings: the engine's global pause with the number of running processes, the number of
// worker threads (applies at the next start), the database in use, and the language.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace wfo::console {

class ConsoleContext;

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

public slots:
    void togglePause();

private:
    void updateEngineState();

    ConsoleContext *m_context;
    QLabel *m_engineState;
    QPushButton *m_pause;
    QSpinBox *m_threads;
    QLineEdit *m_database;
    QComboBox *m_language;
    QLabel *m_restartHint;
};

} // namespace wfo::console
