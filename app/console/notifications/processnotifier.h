#pragma once
// Desktop notifications about the operator's own processes: when a process they started
// fails, or completes after running longer than a minute, a message in the system tray (or,
// without a tray, in the status bar) names the workflow, the subscription and the status;
// clicking it opens the process. It follows the console's change signal and reads the
// operator's recently changed processes on the query pool, so processes that ran on another
// engine of the database are noticed too. Which process deserves a notice is decide(), a
// pure function, testable without a tray.

#include "queries/processnotices.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

class QSystemTrayIcon;

namespace wfo::console {

class ConsoleContext;

struct ProcessNotification
{
    QString processId;
    QString title;
    QString text;
    bool failed = false;
};

class ProcessNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessNotifier)

public:
    // A completed process is worth a notice after running longer than this.
    static constexpr qint64 LongRunMs = 60 * 1000;

    // `fallback` shows a message where there is no system tray (the status bar).
    ProcessNotifier(ConsoleContext *context, std::function<void(const QString &)> fallback,
                    QObject *parent = nullptr);

    // The notice `notice` deserves for `actor`, or nothing: a failure of theirs, or a
    // completion of theirs that ran longer than LongRunMs.
    static std::optional<ProcessNotification> decide(const queries::ProcessNotice &notice,
                                                     const QString &actor);

    // On by default; the Settings screen turns it off (QSettings "notifications/enabled").
    static bool isEnabled();
    static void setEnabled(bool enabled);
    bool hasTray() const { return m_tray != nullptr; }

public slots:
    // Reads the operator's processes changed since the last look.
    void check();

signals:
    // A notice was shown (in the tray or the fallback).
    void notified(const wfo::console::ProcessNotification &notification);

private:
    void show(const ProcessNotification &notification);

    ConsoleContext *m_context;
    std::function<void(const QString &)> m_fallback;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_since; // processes changed after this are looked at
    QSet<QString> m_seen; // "id@last_modified_at" already judged
    QString m_lastProcess; // what a click on the tray message opens
    bool m_checking = false;
    bool m_checkAgain = false;
};

} // namespace wfo::console

Q_DECLARE_METATYPE(wfo::console::ProcessNotification)
