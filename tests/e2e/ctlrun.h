#pragma once
// Runs the built orchestratorctl on a database, as an operator would, for the end-to-end suites.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtDebug>

struct CtlResult
{
    int exitCode = -1; // -2: crashed, -1: did not finish
    QByteArray out;
    QByteArray err;

    QJsonValue json() const
    {
        const QJsonDocument document = QJsonDocument::fromJson(out);
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
};

inline CtlResult runCtl(const QString &databaseUrl, const QStringList &arguments,
                        const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ORCHESTRATORCTL),
                  QStringList {QStringLiteral("--db"), databaseUrl} + arguments);
    CtlResult result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        qWarning() << "orchestratorctl did not finish:" << arguments;
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
