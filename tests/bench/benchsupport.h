#pragma once
// What every benchmark measures the same way.

#include <QByteArray>
#include <QFile>
#include <QList>

namespace benchsupport {

// The peak resident set of this process in MB (VmHWM), or -1 where /proc does not say.
inline double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace benchsupport
