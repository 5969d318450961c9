#include "scheduledialog.h"

#include "schedule/trigger.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

const QString ErrorStyle = u"QLabel { color: #c62828; }"_s;

QString zoneLabel(const QByteArray &id)
{
    return QString::fromUtf8(id);
}

} // namespace

ScheduleDialog::ScheduleDialog(const WorkflowRegistry *registry, const QJsonObject &existing,
                               QWidget *parent)
    : QDialog(parent)
    , m_existing(existing)
    , m_name(new QLineEdit(this))
    , m_workflow(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_trigger(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_zone(new QComboBox(this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_nextRunsLabel(new QLabel(this))
    , m_refusal(new QLabel(this))
{
    const bool adding = existing.isEmpty();
    setObjectName(u"scheduleDialog"_s);
    setWindowTitle(adding ? tr("Add schedule") : tr("Edit schedule"));
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);

    m_name->setObjectName(u"scheduleName"_s);
    m_name->setAccessibleName(tr("Name"));
    m_name->setPlaceholderText(tr("e.g. Nightly validation"));
    m_name->setText(existing.value(u"name").toString());

    // Tasks first: schedules usually run tasks.
    m_workflow->setObjectName(u"scheduleWorkflow"_s);
    m_workflow->setAccessibleName(tr("Workflow"));
    QList<WorkflowPtr> workflows = registry ? registry->all() : QList<WorkflowPtr>();
    std::stable_partition(workflows.begin(), workflows.end(),
                          [](const WorkflowPtr &w) { return w->isTask(); });
    bool separated = false;
    for (const WorkflowPtr &workflow : std::as_const(workflows)) {
        if (!workflow->isTask() && !separated && m_workflow->count() > 0) {
            m_workflow->insertSeparator(m_workflow->count());
            separated = true;
        }
        m_workflow->addItem(workflow->name(), workflow->name());
        m_workflow->setItemData(m_workflow->count() - 1, workflow->description(), Qt::ToolTipRole);
    }
    const QString workflow = existing.value(u"workflow").toString();
    if (!workflow.isEmpty() && m_workflow->findData(workflow) < 0)
        m_workflow->addItem(tr("%1 (not registered here)").arg(workflow), workflow);
    m_workflow->setCurrentIndex(qMax(0, m_workflow->findData(workflow)));

    m_kind->setObjectName(u"scheduleTriggerKind"_s);
    m_kind->setAccessibleName(tr("Trigger kind"));
    m_kind->addItem(tr("Cron expression"), u"cron"_s);
    m_kind->addItem(tr("Interval"), u"interval"_s);
    m_kind->addItem(tr("Once"), u"once"_s);
    m_kind->setCurrentIndex(
        qMax(0, m_kind->findData(existing.value(u"trigger_kind").toString(u"cron"_s))));

    m_trigger->setObjectName(u"scheduleTrigger"_s);
    m_trigger->setAccessibleName(tr("Trigger"));
    m_trigger->setText(existing.value(u"trigger").toString());
    m_error->setObjectName(u"scheduleTriggerError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_zone->setObjectName(u"scheduleTimeZone"_s);
    m_zone->setAccessibleName(tr("Time zone"));
    m_zone->addItem(
        tr("The engine's time zone (%1)").arg(zoneLabel(QTimeZone::systemTimeZone().id())),
        QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(zoneLabel(id), zoneLabel(id));
    const QString zone = existing.value(u"time_zone").toString();
    if (!zone.isEmpty() && m_zone->findData(zone) < 0)
        m_zone->addItem(zone, zone);
    m_zone->setCurrentIndex(qMax(0, m_zone->findData(zone)));
    m_zone->setMaxVisibleItems(16);
    m_zone->setToolTip(tr("The clock the cron expression or the date and time is read on; "
                          "daylight-saving changes are followed"));

    m_enabled->setObjectName(u"scheduleEnabled"_s);
    m_enabled->setChecked(existing.value(u"enabled").toBool(true));

    m_nextRunsLabel->setObjectName(u"scheduleNextRuns"_s);
    m_nextRunsLabel->setAccessibleName(tr("Next runs"));
    m_nextRunsLabel->setTextFormat(Qt::PlainText);
    m_nextRunsLabel->setMinimumHeight(m_nextRunsLabel->fontMetrics().lineSpacing() * 5);
    m_nextRunsLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_refusal->setObjectName(u"scheduleRefusal"_s);
    m_refusal->setWordWrap(true);
    m_refusal->setStyleSheet(u"QLabel { color: #c62828; font-weight: bold; }"_s);
    m_refusal->hide();

    auto *triggerBox = new QVBoxLayout;
    triggerBox->setSpacing(2);
    triggerBox->addWidget(m_trigger);
    triggerBox->addWidget(m_error);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Workflow:"), m_workflow);
    form->addRow(tr("Trigger &kind:"), m_kind);
    form->addRow(tr("&Trigger:"), triggerBox);
    form->addRow(tr("Time &zone:"), m_zone);
    form->addRow(QString(), m_enabled);
    auto *nextRunsTitle = new QLabel(tr("Next runs:"), this);
    nextRunsTitle->setAlignment(Qt::AlignLeft | Qt::AlignTop); // beside the first of five lines
    form->addRow(nextRunsTitle, m_nextRunsLabel);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(triggerBox)))
        label->setBuddy(m_trigger);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(adding ? tr("Add") : tr("Save"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(u"confirmButton"_s);
    m_confirm->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_refusal);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ScheduleDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_trigger, &QLineEdit::textChanged, this, &ScheduleDialog::validate);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateTriggerHint();
        validate();
    });
    connect(m_zone, &QComboBox::currentIndexChanged, this, &ScheduleDialog::validate);
    connect(m_enabled, &QCheckBox::toggled, this, &ScheduleDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &ScheduleDialog::validate);
    updateTriggerHint();
    validate();
    resize(520, sizeHint().height());
}

void ScheduleDialog::setNow(const QDateTime &now)
{
    m_now = now;
    validate();
}

QString ScheduleDialog::triggerError() const
{
    return m_error->styleSheet() == ErrorStyle ? m_error->text() : QString();
}

void ScheduleDialog::updateTriggerHint()
{
    const QString kind = m_kind->currentData().toString();
    if (kind == u"interval") {
        m_trigger->setPlaceholderText(tr("e.g. 6h, 1h30m, 15m (at least 1 minute)"));
        m_trigger->setToolTip(tr("How often: days (d), hours (h), minutes (m), seconds (s)"));
    } else if (kind == u"once") {
        m_trigger->setPlaceholderText(tr("e.g. 2026-12-24T18:00"));
        m_trigger->setToolTip(tr("A date and time, read on the clocks of the time zone"));
    } else {
        m_trigger->setPlaceholderText(tr("minute hour day month weekday, e.g. 10 0 * * *"));
        m_trigger->setToolTip(tr("Five fields as in crontab(5): minute, hour, day of month, "
                                 "month, day of week; or @hourly, @daily…"));
    }
}

void ScheduleDialog::validate()
{
    m_nextRuns.clear();
    m_refusal->hide();
    const QString text = m_trigger->text().trimmed();
    const std::optional<schedule::Trigger::Kind> kind =
        schedule::triggerKindFromString(m_kind->currentData().toString());
    QString error;
    std::optional<schedule::Trigger> trigger;
    QTimeZone zone = QTimeZone::systemTimeZone();
    const QString zoneId = m_zone->currentData().toString();
    if (!zoneId.isEmpty()) {
        if (const std::optional<QTimeZone> named = schedule::Trigger::parseTimeZone(zoneId, &error))
            zone = *named;
    }
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    if (error.isEmpty() && kind && !text.isEmpty())
        trigger = schedule::Trigger::parse(*kind, text, zone, now, &error);

    const bool named = !m_name->text().trimmed().isEmpty();
    m_valid = trigger.has_value() && m_workflow->currentIndex() >= 0 && named;
    if (text.isEmpty()) {
        // Nothing typed yet is no mistake: say what is expected.
        m_error->setText(tr("Type the trigger."));
        m_error->setStyleSheet(QString());
        m_error->setEnabled(false);
    } else if (!trigger) {
        m_error->setText(error);
        m_error->setStyleSheet(ErrorStyle);
        m_error->setEnabled(true);
    } else {
        m_error->setText(tr("✔ Valid"));
        m_error->setStyleSheet(u"QLabel { color: #2e7d32; }"_s);
        m_error->setEnabled(true);
    }
    m_error->setAccessibleName(m_error->text());

    QStringList lines;
    if (trigger) {
        m_nextRuns = trigger->nextRuns(now, 5);
        const bool otherZone = zone != QTimeZone::systemTimeZone();
        for (const QDateTime &run : std::as_const(m_nextRuns)) {
            QString line = QLocale().toString(run.toLocalTime(), u"ddd yyyy-MM-dd HH:mm"_s);
            if (otherZone)
                line += u"   "_s
                    + tr("(%1 %2)").arg(run.toTimeZone(zone).toString(u"HH:mm"_s),
                                        zoneLabel(zone.id()));
            lines << line;
        }
        if (m_nextRuns.isEmpty())
            lines << tr("Never: this time has passed.");
        else if (!m_enabled->isChecked())
            lines << tr("(not while the schedule is disabled)");
    }
    m_nextRunsLabel->setText(lines.join(u'\n'));
    m_confirm->setEnabled(m_valid && !m_saving);
    m_confirm->setToolTip(m_valid      ? QString()
                              : !named ? tr("A name is required.")
                                       : tr("The trigger is not valid yet."));
}

ScheduleChange ScheduleDialog::change() const
{
    ScheduleChange change;
    change.id = scheduleId();
    change.change = isAdding() ? u"add"_s : u"set"_s;
    change.name = m_name->text().trimmed();
    change.workflow = m_workflow->currentData().toString();
    change.enabled = m_enabled->isChecked();
    const QString kind = m_kind->currentData().toString();
    const QString trigger = m_trigger->text().trimmed();
    const QString zone = m_zone->currentData().toString();
    const bool triggerChanged = isAdding() || kind != m_existing.value(u"trigger_kind").toString()
        || trigger != m_existing.value(u"trigger").toString()
        || zone != m_existing.value(u"time_zone").toString();
    if (triggerChanged) {
        change.triggerKind = kind;
        change.trigger = trigger;
        // An empty zone keeps the stored one; back to the engine's zone is that zone by name.
        change.timeZone = zone.isEmpty() && !m_existing.value(u"time_zone").toString().isEmpty()
            ? QString::fromUtf8(QTimeZone::systemTimeZone().id())
            : zone;
    }
    return change;
}

void ScheduleDialog::submit()
{
    validate();
    if (!m_valid || m_saving)
        return;
    m_saving = true;
    m_confirm->setEnabled(false);
    emit saveRequested(change());
}

void ScheduleDialog::finish(const ActionResult &result)
{
    m_saving = false;
    if (result.ok()) {
        accept();
        return;
    }
    validate();
    const QString message = result.message.isEmpty() ? result.refusal.message : result.message;
    m_refusal->setText(tr("Not saved: %1").arg(message));
    m_refusal->show();
}

} // namespace wfo::console
