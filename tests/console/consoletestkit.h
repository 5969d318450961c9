#pragma once
// What the console's GUI tests share: deterministic test workflows, and a fixture with an
// engine on a throwaway database, the console context and the main window.
//   console_quick       three quick steps (not a task)
//   console_fail        fails with "Simulated failure" while failMode() is set
//   console_input       asks for `name`, then greets
//   console_sleep       one step that sleeps sleepMs() (default 3 s)
//   console_task        a task with one step
//   console_modify      writes the state a modify leaves: "__old_subscriptions__" (the model
//                       before) and "subscription" (the model after), see modifyModels()

#include "common/consolecontext.h"
#include "mainwindow.h"

#include "testdatabase.h"

#include "core/engine.h"
#include "services/installation.h"

#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <memory>

namespace consoletest {

std::atomic_bool &failMode();
std::atomic_int &sleepMs();
void registerWorkflows(wfo::WorkflowRegistry &registry);
// The models console_modify writes: before and after (a changed field, a changed and an added
// resource, an added block, a removed block, another depended-on block).
QJsonObject modifyBefore();
QJsonObject modifyAfter();

class Fixture
{
public:
    // With `domain`, the engine runs the installation: built-ins, the domain and the packs
    // found next to the test (the Node Enrollment pack), and the window gets the domain screens.
    explicit Fixture(bool domain = false);
    ~Fixture();
    Q_DISABLE_COPY_MOVE(Fixture)

    bool open(QString *error);
    wfo::Engine *engine() const { return m_engine.get(); }
    wfo::console::ConsoleContext *context() const { return m_context.get(); }
    wfo::console::MainWindow *window();
    const TestDatabase &database() const { return m_database; }

    // Starts a workflow as the operator and waits until it comes to rest.
    QString runToRest(const QString &workflow, wfo::ProcessStatus *status = nullptr);
    // Starts a workflow and returns at once.
    QString start(const QString &workflow);

private:
    bool m_domain;
    TestDatabase m_database;
    wfo::WorkflowRegistry m_registry;
    std::unique_ptr<wfo::Installation> m_installation;
    std::unique_ptr<wfo::Engine> m_engine;
    std::unique_ptr<wfo::console::ConsoleContext> m_context;
    std::unique_ptr<wfo::console::MainWindow> m_window;
};

// The first visible top-level widget of type T with this object name (dialogs opened with open()).
template<typename T>
T *findTopLevel(const QString &objectName)
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == objectName && widget->isVisible())
            if (auto *typed = qobject_cast<T *>(widget))
                return typed;
    }
    return nullptr;
}

} // namespace consoletest
