#pragma once
// Sends a signal to a child process, and only to it. QProcess::processId() is 0 once the child
// has ended, and kill(0, ...) would signal this whole process group (the test runner too).

#include <QProcess>

#include <csignal>

namespace testsupport {

inline bool signalProcess(const QProcess &process, int signal)
{
    const qint64 pid = process.processId();
    if (pid <= 0 || process.state() == QProcess::NotRunning)
        return false;
    return ::kill(pid_t(pid), signal) == 0;
}

} // namespace testsupport
