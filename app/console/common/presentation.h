#pragma once
// How the console shows statuses, times and durations: one colour and icon per status (the same
// in every list and timeline), local short date-times, and human durations.

#include "base/status.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace wfo::console {

QColor statusColor(const QString &status); // process, step or subscription status text
QIcon statusIcon(const QString &status);
// "2024-05-01T10:00:00.000Z" -> local short date and time; empty stays empty.
QString formatTime(const QString &timestamp);
// The local date alone, for dates that name a day (a subscription's start and end).
QString formatDate(const QString &timestamp);
// Milliseconds between two stored timestamps as "850 ms", "12.3 s", "4 min 5 s"; empty when
// either is missing.
QString formatDuration(const QString &from, const QString &to);
qint64 durationMs(const QString &from, const QString &to);

// The translated word for a status of a process, a step or a subscription's lifecycle (the
// exact lower-case string stays in the database, the CLI's JSON and the API); an unknown word
// comes back as it is.
QString statusText(const QString &status);
// The translated name of a workflow target ("Modify", "Beëindigen" in Dutch), and its plural as
// a heading for a group of workflows.
QString targetText(Target target);
QString targetText(const QString &target);

// Statuses of the Active and Completed tabs of processes and tasks.
QStringList activeProcessStatuses();
QStringList completedProcessStatuses();

} // namespace wfo::console
