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
// Milliseconds between two stored timestamps as "850 ms", "12.3 s", "4 min 5 s"; empty when
// either is missing.
QString formatDuration(const QString &from, const QString &to);
qint64 durationMs(const QString &from, const QString &to);

// Statuses of the Active and Completed tabs of processes and tasks.
QStringList activeProcessStatuses();
QStringList completedProcessStatuses();

} // namespace wfo::console
