// Process state: merging step deltas (with `__remove_keys`) and combining them for group steps.
// The input is a JSON array [state, delta, delta...]. Nothing crashes, `__remove_keys` never
// lands in the state, and merging the deltas one by one gives the same state as merging their
// combination (what a step group logs) once.
#include "fuzzsupport.h"

#include "core/processrunner.h"
#include "core/state.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 16384)
        return 0;
    const QJsonArray items = QJsonDocument::fromJson(wfo::fuzz::bytes(data, size)).array();
    if (items.isEmpty())
        return 0;
    QJsonObject state = items.at(0).toObject();
    state.remove(wfo::RemoveKeysKey);
    QJsonObject stepByStep = state;
    QJsonObject combined;
    // `__remove_keys` is a list or one key as a string; other forms are only checked not to
    // crash.
    bool listsOnly = true;
    for (qsizetype i = 1; i < items.size(); ++i) {
        const QJsonObject delta = items.at(i).toObject();
        const QJsonValue remove = delta.value(wfo::RemoveKeysKey);
        listsOnly = listsOnly && (remove.isUndefined() || remove.isArray() || remove.isString());
        wfo::mergeState(stepByStep, delta);
        combined = wfo::combineDeltas(combined, delta);
        WFO_FUZZ_CHECK(!stepByStep.contains(wfo::RemoveKeysKey), json(delta));
    }
    QJsonObject once = state;
    wfo::mergeState(once, combined);
    WFO_FUZZ_CHECK(!listsOnly || once == stepByStep,
                   json(stepByStep) + u"\n  combined "_s + json(combined) + u"\n  gives "_s
                       + json(once));

    // Typed reads of whatever ended up in the state fail with StepError, never otherwise.
    const wfo::StepContext context(u"p"_s, u"w"_s, u"SYSTEM"_s, stepByStep);
    for (auto it = stepByStep.begin(); it != stepByStep.end(); ++it) {
        try {
            context.get<int>(it.key());
        } catch (const wfo::StepError &) { }
        try {
            context.get<QUuid>(it.key());
        } catch (const wfo::StepError &) { }
        try {
            context.get<QString>(it.key());
        } catch (const wfo::StepError &) { }
    }
    return 0;
}
