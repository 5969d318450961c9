#pragma once
// How orchestratorctl prints: JSON documents for scripts (--json), readable blocks and
// aligned tables for people, and messages on stderr. Results go to stdout, diagnostics to
// stderr, so `--json` output can always be piped into a JSON tool.

#include "queries/processdetail.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace wfo::ctl {

class Output
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::Output)

public:
    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }

    void print(const QString &text); // stdout, with a newline
    void error(const QString &text); // stderr, with a newline
    void printJson(const QJsonValue &value);

    // A process with its steps: its --json shape (README, "orchestratorctl"), or a header
    // block and a step table.
    void printProcess(const queries::ProcessDetail &detail);
    // A list of processes: a JSON array (each element without its steps) or a table.
    void printProcesses(const QList<store::ProcessRecord> &processes);

    // Columns padded to their widest cell; the last column is not padded.
    static QString table(const QStringList &headers, const QList<QStringList> &rows);

private:
    bool m_json = false;
};

} // namespace wfo::ctl
