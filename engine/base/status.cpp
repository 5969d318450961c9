#include "status.h"

#include <QCoreApplication>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace wfo {

namespace {

constexpr std::array processStatusNames {
    std::pair {ProcessStatus::Created, "created"},
    std::pair {ProcessStatus::Running, "running"},
    std::pair {ProcessStatus::Suspended, "suspended"},
    std::pair {ProcessStatus::Waiting, "waiting"},
    std::pair {ProcessStatus::AwaitingCallback, "awaiting_callback"},
    std::pair {ProcessStatus::Aborted, "aborted"},
    std::pair {ProcessStatus::Failed, "failed"},
    std::pair {ProcessStatus::ApiUnavailable, "api_unavailable"},
    std::pair {ProcessStatus::InconsistentData, "inconsistent_data"},
    std::pair {ProcessStatus::Completed, "completed"},
    std::pair {ProcessStatus::Resumed, "resumed"},
};

constexpr std::array stepStatusNames {
    std::pair {StepStatus::Success, "success"},
    std::pair {StepStatus::Skipped, "skipped"},
    std::pair {StepStatus::Suspend, "suspend"},
    std::pair {StepStatus::Waiting, "waiting"},
    std::pair {StepStatus::AwaitingCallback, "awaiting_callback"},
    std::pair {StepStatus::Failed, "failed"},
    std::pair {StepStatus::Abort, "abort"},
    std::pair {StepStatus::Complete, "complete"},
};

constexpr std::array targetNames {
    std::pair {Target::Create, "CREATE"},       std::pair {Target::Modify, "MODIFY"},
    std::pair {Target::Terminate, "TERMINATE"}, std::pair {Target::System, "SYSTEM"},
    std::pair {Target::Validate, "VALIDATE"},   std::pair {Target::Reconcile, "RECONCILE"},
};

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[e, name] : names) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &names,
                            QStringView text, Qt::CaseSensitivity cs = Qt::CaseSensitive)
{
    for (const auto &[e, name] : names) {
        if (text.compare(QLatin1StringView(name), cs) == 0)
            return e;
    }
    return std::nullopt;
}

} // namespace

QString toText(ProcessStatus status)
{
    return nameOf(processStatusNames, status);
}

QString toText(StepStatus status)
{
    return nameOf(stepStatusNames, status);
}

QString toText(Target target)
{
    return nameOf(targetNames, target);
}

QString toText(EngineState state)
{
    switch (state) {
    case EngineState::Running:
        return u"RUNNING"_s;
    case EngineState::Pausing:
        return u"PAUSING"_s;
    case EngineState::Paused:
        return u"PAUSED"_s;
    }
    return {};
}

std::optional<ProcessStatus> processStatusFromString(QStringView text)
{
    return valueOf(processStatusNames, text);
}

std::optional<StepStatus> stepStatusFromString(QStringView text)
{
    return valueOf(stepStatusNames, text);
}

std::optional<Target> targetFromString(QStringView text)
{
    return valueOf(targetNames, text, Qt::CaseInsensitive);
}

bool isResumable(ProcessStatus status)
{
    switch (status) {
    case ProcessStatus::Suspended:
    case ProcessStatus::Waiting:
    case ProcessStatus::AwaitingCallback:
    case ProcessStatus::Failed:
    case ProcessStatus::ApiUnavailable:
    case ProcessStatus::InconsistentData:
    case ProcessStatus::Resumed:
        return true;
    default:
        return false;
    }
}

bool isAtRest(ProcessStatus status)
{
    return status != ProcessStatus::Running && status != ProcessStatus::Created
        && status != ProcessStatus::Resumed;
}

bool isFinal(ProcessStatus status)
{
    return status == ProcessStatus::Completed || status == ProcessStatus::Aborted;
}

QString displayName(ProcessStatus status)
{
    switch (status) {
    case ProcessStatus::Created:
        return QCoreApplication::translate("wfo::ProcessStatus", "Created");
    case ProcessStatus::Running:
        return QCoreApplication::translate("wfo::ProcessStatus", "Running");
    case ProcessStatus::Suspended:
        return QCoreApplication::translate("wfo::ProcessStatus", "Suspended");
    case ProcessStatus::Waiting:
        return QCoreApplication::translate("wfo::ProcessStatus", "Waiting");
    case ProcessStatus::AwaitingCallback:
        return QCoreApplication::translate("wfo::ProcessStatus", "Awaiting callback");
    case ProcessStatus::Aborted:
        return QCoreApplication::translate("wfo::ProcessStatus", "Aborted");
    case ProcessStatus::Failed:
        return QCoreApplication::translate("wfo::ProcessStatus", "Failed");
    case ProcessStatus::ApiUnavailable:
        return QCoreApplication::translate("wfo::ProcessStatus", "API unavailable");
    case ProcessStatus::InconsistentData:
        return QCoreApplication::translate("wfo::ProcessStatus", "Inconsistent data");
    case ProcessStatus::Completed:
        return QCoreApplication::translate("wfo::ProcessStatus", "Completed");
    case ProcessStatus::Resumed:
        return QCoreApplication::translate("wfo::ProcessStatus", "Resumed");
    }
    return {};
}

} // namespace wfo
