#pragma once
// Readable QCOMPARE failure output for the engine's enums (QTest finds these through ADL).

#include "base/status.h"

#include <QByteArray>
#include <optional>

namespace wfo {

inline char *toString(ProcessStatus status)
{
    return qstrdup(toText(status).toUtf8().constData());
}

inline char *toString(StepStatus status)
{
    return qstrdup(toText(status).toUtf8().constData());
}

inline char *toString(EngineState state)
{
    return qstrdup(toText(state).toUtf8().constData());
}

} // namespace wfo

namespace std {

inline char *toString(const std::optional<wfo::ProcessStatus> &status)
{
    return status ? wfo::toString(*status) : qstrdup("(none)");
}

} // namespace std
