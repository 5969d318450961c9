#include "constraintsettings.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace wfo {

namespace {

// A JSON list, or a plain comma-separated list.
QStringList parseList(const QJsonValue &value, bool *ok)
{
    *ok = true;
    QStringList result;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            result.append(v.toString());
        return result;
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.startsWith(u'[')) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
            if (doc.isArray())
                return parseList(doc.array(), ok);
            *ok = false;
            return {};
        }
        for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
            result.append(part.trimmed());
        return result;
    }
    *ok = false;
    return {};
}

QJsonObject parseObject(const QJsonValue &value, bool *ok)
{
    *ok = true;
    if (value.isObject())
        return value.toObject();
    if (value.isString()) {
        const QJsonDocument doc = QJsonDocument::fromJson(value.toString().toUtf8());
        if (doc.isObject())
            return doc.object();
    }
    *ok = false;
    return {};
}

} // namespace

void ConstraintSettings::merge(const QJsonObject &settings, QStringList *errors)
{
    bool ok = true;
    if (settings.contains(u"WF_USABLE_MAP")) {
        const QJsonObject map = parseObject(settings.value(u"WF_USABLE_MAP"), &ok);
        if (!ok)
            errors->append(tr("WF_USABLE_MAP must map workflow names to lists of statuses."));
        for (auto it = map.begin(); it != map.end(); ++it) {
            bool listOk = true;
            usableMap.insert(it.key(), parseList(it.value(), &listOk));
            if (!listOk)
                errors->append(
                    tr("WF_USABLE_MAP: the statuses of '%1' are not a list.").arg(it.key()));
        }
    }
    if (settings.contains(u"WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS")) {
        const QJsonValue value = settings.value(u"WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS");
        const QJsonObject map = parseObject(value, &ok);
        if (ok) {
            for (auto it = map.begin(); it != map.end(); ++it)
                blockedByInUseBy.insert(it.key(), it.value().toBool(true));
        } else {
            const QStringList names = parseList(value, &ok);
            for (const QString &name : names)
                blockedByInUseBy.insert(name, true);
            if (!ok)
                errors->append(tr("WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS must map workflow names "
                                  "to true or false."));
        }
    }
    if (settings.contains(u"WF_USABLE_WHILE_OUT_OF_SYNC")) {
        const QStringList names = parseList(settings.value(u"WF_USABLE_WHILE_OUT_OF_SYNC"), &ok);
        if (ok) {
            for (const QString &name : names) {
                if (!usableWhileOutOfSync.contains(name))
                    usableWhileOutOfSync.append(name);
            }
        } else {
            errors->append(tr("WF_USABLE_WHILE_OUT_OF_SYNC must be a list of workflow names."));
        }
    }
    if (settings.contains(u"DEFAULT_PRODUCT_WORKFLOWS")) {
        const QStringList names = parseList(settings.value(u"DEFAULT_PRODUCT_WORKFLOWS"), &ok);
        if (ok)
            defaultProductWorkflows = names;
        else
            errors->append(tr("DEFAULT_PRODUCT_WORKFLOWS must be a list of workflow names."));
    }
}

bool ConstraintSettings::loadFile(const QString &path, QStringList *errors)
{
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(tr("Cannot read the settings file '%1': %2").arg(path, file.errorString()));
        return false;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject()) {
        errors->append(tr("The settings file '%1' is not a JSON object (%2 at offset %3); it was "
                          "ignored.")
                           .arg(path, error.errorString(), QString::number(error.offset)));
        return false;
    }
    merge(doc.object(), errors);
    return true;
}

void ConstraintSettings::applyEnvironment(QStringList *errors)
{
    QJsonObject fromEnv;
    for (const char *name : {"WF_USABLE_MAP", "WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS",
                             "WF_USABLE_WHILE_OUT_OF_SYNC", "DEFAULT_PRODUCT_WORKFLOWS"}) {
        if (qEnvironmentVariableIsSet(name))
            fromEnv.insert(QString::fromLatin1(name), qEnvironmentVariable(name));
    }
    merge(fromEnv, errors);
}

QString ConstraintSettings::defaultFilePath()
{
    const QString fromEnv = qEnvironmentVariable("WFO_SETTINGS_FILE");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + u"/orchestrator-console/settings.json"_s;
}

QStringList ConstraintSettings::usableStatuses(const QString &workflow, Target target) const
{
    if (usableMap.contains(workflow))
        return usableMap.value(workflow);
    switch (target) {
    case Target::Terminate:
        return {u"active"_s, u"provisioning"_s};
    case Target::Create:
        return {};
    default:
        return {u"active"_s};
    }
}

bool ConstraintSettings::blockedWhileInUse(const QString &workflow, Target target) const
{
    if (blockedByInUseBy.contains(workflow))
        return blockedByInUseBy.value(workflow);
    return target == Target::Terminate;
}

bool ConstraintSettings::usableOutOfSync(const QString &workflow, bool isTask) const
{
    return isTask || usableWhileOutOfSync.contains(workflow);
}

} // namespace wfo
