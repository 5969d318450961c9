#include "output.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

void write(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? u"-"_s : text;
}

} // namespace

void Output::print(const QString &text)
{
    write(stdout, text);
}

void Output::error(const QString &text)
{
    write(stderr, text);
}

void Output::printJson(const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isArray())
        document.setArray(value.toArray());
    else if (value.isObject())
        document.setObject(value.toObject());
    else {
        // QJsonDocument holds only objects and arrays; wrap and strip for a scalar.
        const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        print(QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)));
        return;
    }
    print(QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed());
}

void Output::printProcess(const queries::ProcessDetail &detail)
{
    if (m_json) {
        printJson(detail.toJson());
        return;
    }
    const store::ProcessRecord &process = detail.process;
    QList<QStringList> header = {
        {tr("Process"), process.id},
        {tr("Workflow"), process.workflowName},
        {tr("Status"), toText(process.status)},
        {tr("Last step"), orDash(process.lastStep)},
        {tr("Created by"), orDash(process.createdBy)},
        {tr("Started"), orDash(process.startedAt)},
        {tr("Last modified"), orDash(process.lastModifiedAt)},
    };
    if (!process.failedReason.isEmpty())
        header.append({tr("Failed reason"), process.failedReason});
    const QStringList subscriptions = process.subscriptionIds();
    if (!subscriptions.isEmpty())
        header.append({tr("Subscriptions"), subscriptions.join(u", "_s)});
    if (const std::optional<queries::AwaitedCallback> callback = detail.callback()) {
        header.append({tr("Callback route"), callback->route});
        header.append({tr("Progress"),
                       callback->progress.isUndefined()
                           ? tr("none reported yet")
                           : (callback->progress.isString()
                                  ? callback->progress.toString()
                                  : QString::fromUtf8(QJsonDocument(QJsonArray {callback->progress})
                                                          .toJson(QJsonDocument::Compact)
                                                          .chopped(1)
                                                          .mid(1)))});
        header.append({tr("Deadline"),
                       callback->deadline.isEmpty() ? tr("none (waits until called back or "
                                                         "aborted)")
                                                    : callback->deadline});
    }
    QString block;
    for (const QStringList &row : std::as_const(header))
        block += QString(row.at(0) + u':').leftJustified(16) + u' ' + row.at(1) + u'\n';
    print(block); // ends in a newline: a blank line before the step table

    QList<QStringList> rows;
    for (const store::StepRecord &step : detail.steps) {
        const QString status = step.rewoundAt.isEmpty()
            ? toText(step.status)
            : tr("%1 (rewound)").arg(toText(step.status));
        const QString note = step.reason.isEmpty()
            ? step.errorMessage.simplified()
            : tr("skipped by %1: %2").arg(step.createdBy, step.reason.simplified());
        rows.append({QString::number(step.index + 1), status, step.name,
                     QString::number(step.retries), orDash(step.completedAt), note});
    }
    print(table({tr("#"), tr("STATUS"), tr("STEP"), tr("RETRIES"), tr("COMPLETED AT"),
                 tr("ERROR / REASON")},
                rows));
}

void Output::printProcesses(const QList<store::ProcessRecord> &processes)
{
    if (m_json) {
        QJsonArray array;
        for (const store::ProcessRecord &process : processes)
            array.append(queries::ProcessDetail {process, {}}.toJson());
        printJson(array);
        return;
    }
    if (processes.isEmpty()) {
        print(tr("No processes."));
        return;
    }
    QList<QStringList> rows;
    for (const store::ProcessRecord &process : processes) {
        rows.append({process.id, process.workflowName, toText(process.status),
                     orDash(process.lastStep), orDash(process.createdBy),
                     orDash(process.lastModifiedAt)});
    }
    print(table({tr("ID"), tr("WORKFLOW"), tr("STATUS"), tr("LAST STEP"), tr("CREATED BY"),
                 tr("LAST MODIFIED")},
                rows));
}

QString Output::table(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &header : headers)
        widths.append(header.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    auto format = [&widths](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i + 1 < cells.size())
                line += cells.at(i).leftJustified(widths.at(i)) + u"  "_s;
            else
                line += cells.at(i);
        }
        return line.trimmed();
    };
    QStringList lines = {format(headers)};
    for (const QStringList &row : rows)
        lines.append(format(row));
    return lines.join(u'\n');
}

} // namespace wfo::ctl
