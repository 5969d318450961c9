// The REST API's routing and the schedule triggers it reads (api/apirouter.h,
// api/apschedulertrigger.h). The input is "METHOD PATH\nBODY". No input crashes them; a route
// found matches the path segment by segment with its placeholders filled from it; "wrong
// method" means another method has that path; a trigger read from a body reads back from what
// the API shows of it.
#include "fuzzsupport.h"

#include "api/apirouter.h"
#include "api/apschedulertrigger.h"
#include "api/openapi.h"
#include "schedule/cronexpression.h"

#include <QJsonObject>

#include <array>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

// Every route the OpenAPI document describes, in its order, with a handler that is never run.
const api::ApiRouter &router()
{
    static const api::ApiRouter table = [] {
        api::ApiRouter r;
        const QJsonObject paths = api::OpenApi::document().value(u"paths").toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject methods = path.value().toObject();
            for (auto method = methods.begin(); method != methods.end(); ++method)
                r.add(method.key().toUpper().toLatin1(), path.key(), {});
        }
        return r;
    }();
    return table;
}

void checkRoute(const QByteArray &method, const QString &path)
{
    const api::ApiRouter::Route *route = nullptr;
    QHash<QString, QString> params;
    const api::ApiRouter::Match match = router().find(method, path, &route, &params);
    const QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    const QString detail = QString::fromLatin1(method) + u' ' + path;
    if (match == api::ApiRouter::Match::Found) {
        WFO_FUZZ_CHECK(route && route->method == method, detail);
        WFO_FUZZ_CHECK(route->segments.size() == segments.size(), detail);
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const QString &part = route->segments.at(i);
            if (part.startsWith(u'{') && part.endsWith(u'}'))
                WFO_FUZZ_CHECK(params.value(part.mid(1, part.size() - 2)) == segments.at(i),
                               detail);
            else
                WFO_FUZZ_CHECK(part == segments.at(i), detail);
        }
        return;
    }
    // Wrong method: some route has this path under another method.
    bool samePath = false;
    for (const api::ApiRouter::Route &candidate : router().routes()) {
        if (candidate.segments.size() != segments.size())
            continue;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            const QString &part = candidate.segments.at(i);
            matches = (part.startsWith(u'{') && part.endsWith(u'}')) || part == segments.at(i);
        }
        samePath = samePath || matches;
    }
    WFO_FUZZ_CHECK(samePath == (match == api::ApiRouter::Match::WrongMethod), detail);
}

// A body as POST /api/schedules/ takes it: {"trigger": ..., "trigger_kwargs": {...}}; without
// a trigger the whole body is the kwargs of `fallback`.
void checkTrigger(const QString &fallback, const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString trigger =
        object.contains(u"trigger") ? object.value(u"trigger").toString() : fallback;
    const QJsonObject kwargs =
        object.contains(u"trigger") ? object.value(u"trigger_kwargs").toObject() : object;
    QString error;
    const std::optional<api::StoredTrigger> stored =
        api::ApSchedulerTrigger::fromCore(trigger, kwargs, &error);
    if (!stored) {
        WFO_FUZZ_CHECK(!error.isEmpty(), trigger + u": refused without a reason"_s);
        return;
    }
    const QString detail = trigger + u' ' + QString::fromUtf8(body) + u" -> "_s + stored->text;
    const QJsonObject shown = api::ApSchedulerTrigger::coreKwargs(*stored);
    const std::optional<api::StoredTrigger> again = api::ApSchedulerTrigger::fromCore(
        api::ApSchedulerTrigger::coreName(stored->kind), shown, &error);
    WFO_FUZZ_CHECK(again.has_value(), detail + u": "_s + error);
    WFO_FUZZ_CHECK(again->kind == stored->kind && again->timeZone == stored->timeZone, detail);
    if (stored->kind != "cron"_L1) {
        WFO_FUZZ_CHECK(again->text == stored->text, detail + u" / "_s + again->text);
        return;
    }
    // The same days over four weeks and the same minutes of a day.
    const auto first = schedule::CronExpression::parse(stored->text, nullptr);
    const auto second = schedule::CronExpression::parse(again->text, nullptr);
    WFO_FUZZ_CHECK(first && second, detail + u" / "_s + again->text);
    for (int day = 0; day < 28; ++day) {
        const QDate date = QDate(2030, 1, 1).addDays(day);
        WFO_FUZZ_CHECK(first->matchesDate(date) == second->matchesDate(date),
                       detail + u" / "_s + again->text);
    }
    for (int minute = 0; minute < 24 * 60; minute += 7) {
        const QTime time(minute / 60, minute % 60);
        WFO_FUZZ_CHECK(first->matchesTime(time) == second->matchesTime(time),
                       detail + u" / "_s + again->text);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 4096)
        return 0;
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    const QByteArray head = newline < 0 ? input : input.left(newline);
    const QByteArray body = newline < 0 ? QByteArray() : input.mid(newline + 1);
    const qsizetype space = head.indexOf(' ');
    const QByteArray method = space < 0 ? QByteArray("GET") : head.left(space);
    const QString path = QString::fromUtf8(space < 0 ? head : head.mid(space + 1));
    checkRoute(method, path);
    static const std::array<QString, 4> triggers {u"cron"_s, u"interval"_s, u"date"_s, u"x"_s};
    checkTrigger(triggers[fuzz::hash(data, size) % triggers.size()], body);
    return 0;
}
