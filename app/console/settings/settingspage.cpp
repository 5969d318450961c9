#include "settingspage.h"

#include "apipanel.h"
#include "instancespanel.h"
#include "operatorspanel.h"

#include "common/allowance.h"
#include "common/confirm.h"
#include "common/consolecontext.h"
#include "core/engine.h"

#include "notifications/processnotifier.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

QString SettingsPage::threadsKey()
{
    return u"engine/threads"_s;
}

QString SettingsPage::languageKey()
{
    return u"ui/language"_s;
}

int SettingsPage::configuredThreads()
{
    // Unset: 0, the engine's default for its database (EngineOptions::defaultThreads).
    const int threads = QSettings().value(threadsKey(), 0).toInt();
    return threads > 0 ? qMin(threads, 64) : 0;
}

SettingsPage::SettingsPage(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_engineState(new QLabel(this))
    , m_pause(new QPushButton(this))
    , m_threads(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_changeDatabase(new QPushButton(tr("&Change…"), this))
    , m_instances(new InstancesPanel(context, this))
    , m_operators(new OperatorsPanel(context, this))
    , m_api(new ApiPanel(context, this))
    , m_language(new QComboBox(this))
    , m_restartHint(new QLabel(this))
{
    setObjectName(u"settingsPage"_s);
    auto *title = new QLabel(tr("Settings"), this);
    title->setObjectName(u"pageTitle"_s);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);

    auto *engineBox = new QGroupBox(tr("Engine"), this);
    m_engineState->setObjectName(u"engineStateLabel"_s);
    m_pause->setObjectName(u"pauseEngineButton"_s);
    m_threads->setObjectName(u"workerThreads"_s);
    m_threads->setRange(1, 64);
    // Unset, the engine runs its database's default.
    const int configured = configuredThreads();
    m_threads->setValue(configured > 0 ? configured : context->engine()->threads());
    m_threads->setAccessibleName(tr("Worker threads"));
    m_threads->setToolTip(tr("How many processes this console runs at the same time. Applies "
                             "at the next start."));
    m_restartHint->setObjectName(u"restartHint"_s);
    m_restartHint->setEnabled(false);
    m_restartHint->setText(tr("Applies at the next start (this computer has %n core(s)).", nullptr,
                              QThread::idealThreadCount()));
    auto *pauseRow = new QHBoxLayout;
    pauseRow->addWidget(m_engineState, 1);
    pauseRow->addWidget(m_pause);
    auto *engineForm = new QFormLayout(engineBox);
    engineForm->addRow(tr("State:"), pauseRow);
    engineForm->addRow(tr("&Worker threads:"), m_threads);
    engineForm->addRow(QString(), m_restartHint);

    auto *databaseBox = new QGroupBox(tr("Database"), this);
    m_database->setObjectName(u"databaseLocation"_s);
    m_database->setReadOnly(true);
    m_database->setAccessibleName(tr("Database location"));
    m_database->setText(context->database().url().displayString());
    m_changeDatabase->setObjectName(u"changeDatabaseButton"_s);
    m_changeDatabase->setAccessibleName(tr("Change database"));
    m_changeDatabase->setToolTip(tr("Choose a SQLite file or a PostgreSQL server"));
    auto *databaseRow = new QHBoxLayout;
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(m_changeDatabase);
    auto *databaseForm = new QFormLayout(databaseBox);
    auto *locationLabel = new QLabel(tr("&Location:"), databaseBox);
    locationLabel->setBuddy(m_database);
    databaseForm->addRow(locationLabel, databaseRow);
    auto *databaseHint = new QLabel(
        tr("A team shares one PostgreSQL database: its consoles and workers are listed below. "
           "--db URL or $WFO_DATABASE_URL at the start win over the choice made here."),
        databaseBox);
    databaseHint->setWordWrap(true);
    databaseHint->setEnabled(false);
    databaseForm->addRow(QString(), databaseHint);

    auto *instancesBox = new QGroupBox(tr("Engine instances"), this);
    auto *instancesLayout = new QVBoxLayout(instancesBox);
    instancesLayout->addWidget(m_instances);

    auto *operatorsBox = new QGroupBox(tr("Operators"), this);
    operatorsBox->setObjectName(u"operatorsBox"_s);
    auto *operatorsLayout = new QVBoxLayout(operatorsBox);
    operatorsLayout->addWidget(m_operators);

    auto *apiBox = new QGroupBox(tr("REST API"), this);
    apiBox->setObjectName(u"apiBox"_s);
    auto *apiLayout = new QVBoxLayout(apiBox);
    apiLayout->addWidget(m_api);

    auto *uiBox = new QGroupBox(tr("Appearance"), this);
    m_language->setObjectName(u"languageChoice"_s);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Nederlands"_s, u"nl"_s);
    const QString language = QSettings().value(languageKey()).toString();
    m_language->setCurrentIndex(qMax(0, m_language->findData(language)));
    auto *uiForm = new QFormLayout(uiBox);
    uiForm->addRow(tr("&Language:"), m_language);
    auto *languageHint = new QLabel(tr("Applies at the next start."), uiBox);
    languageHint->setEnabled(false);
    uiForm->addRow(QString(), languageHint);
    auto *notifications = new QCheckBox(
        tr("&Notify me when a process I started fails, or completes after more than a minute"),
        uiBox);
    notifications->setObjectName(u"notificationsToggle"_s);
    notifications->setChecked(ProcessNotifier::isEnabled());
    connect(notifications, &QCheckBox::toggled, this, &ProcessNotifier::setEnabled);
    uiForm->addRow(tr("Notifications:"), notifications);

    // The boxes scroll on a short screen (1024×700) rather than push the window taller.
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(engineBox);
    layout->addWidget(databaseBox);
    layout->addWidget(instancesBox, 1);
    layout->addWidget(operatorsBox, 1);
    layout->addWidget(apiBox);
    layout->addWidget(uiBox);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"settingsScroll"_s);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->addWidget(scroll);
    setMaximumWidth(1100);

    connect(m_pause, &QPushButton::clicked, this, &SettingsPage::togglePause);
    connect(m_changeDatabase, &QPushButton::clicked, this, &SettingsPage::databaseDialogRequested);
    connect(m_threads, &QSpinBox::valueChanged, this,
            [](int value) { QSettings().setValue(threadsKey(), value); });
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { QSettings().setValue(languageKey(), m_language->currentData().toString()); });
    connect(context->engine(), &Engine::stateChanged, this, &SettingsPage::updateEngineState);
    connect(context, &ConsoleContext::roleChanged, this, &SettingsPage::updateEngineState);
    updateEngineState();
}

void SettingsPage::togglePause()
{
    if (!m_pause->isEnabled())
        return;
    Engine *engine = m_context->engine();
    const bool pause = engine->state() == EngineState::Running;
    if (!pause) {
        setPaused(false);
        return;
    }
    // Pausing holds every engine on the database, not only this console's: ask first.
    askConfirmation(
        window(), u"confirmPause"_s, tr("Pause engine"),
        tr("Pause the engine? New and retried processes wait, on every engine sharing this "
           "database; running ones stop after their current step (%n running now). Nothing runs "
           "until someone resumes it.",
           nullptr, engine->runningCount()),
        tr("Pause engine"), [this] { setPaused(true); });
}

void SettingsPage::setPaused(bool pause)
{
    Engine *engine = m_context->engine();
    QFuture<ActionResult> future =
        pause ? engine->pause(m_context->actor()) : engine->unpause(m_context->actor());
    future.then(this, [this, pause](const ActionResult &result) {
        if (!result.ok())
            showError(this, pause ? tr("Pause engine") : tr("Resume engine"),
                      result.message.isEmpty() ? result.refusal.message : result.message);
        updateEngineState();
    });
    updateEngineState();
}

void SettingsPage::updateEngineState()
{
    const Engine *engine = m_context->engine();
    const int running = engine->runningCount();
    switch (engine->state()) {
    case EngineState::Running:
        m_engineState->setText(tr("RUNNING — %n process(es) running", nullptr, running));
        m_pause->setText(tr("&Pause engine"));
        m_pause->setAccessibleName(tr("Pause engine"));
        break;
    case EngineState::Pausing:
        m_engineState->setText(
            tr("PAUSING — %n process(es) finishing their step", nullptr, running));
        m_pause->setText(tr("&Resume engine"));
        m_pause->setAccessibleName(tr("Resume engine"));
        break;
    case EngineState::Paused:
        m_engineState->setText(tr("PAUSED — no process runs"));
        m_pause->setText(tr("&Resume engine"));
        m_pause->setAccessibleName(tr("Resume engine"));
        break;
    }
    setAllowed(m_pause, m_context->refusal(Permission::PauseEngine));
}

} // namespace wfo::console
