#pragma once
// SQLite's write-ahead log, written in one system call per commit instead of two a page
// (docs/architecture.md, "The write-ahead log's writes").

#include "wfo_engine_export.h"

#include <QtGlobal>

namespace wfo::store::walwrites {

// Makes the write-buffering file layer SQLite's default, for every connection this program
// opens from now on (Qt's driver shares the library). Once; before the first connection.
WFO_ENGINE_EXPORT void install();

// Whether install() took effect (SQLite refused nothing).
WFO_ENGINE_EXPORT bool installed();

// Since the program started: the writes SQLite made to write-ahead logs, and the writes that
// reached the files (tests and benchmarks).
struct Counts
{
    quint64 received = 0;
    quint64 passedOn = 0;
};
WFO_ENGINE_EXPORT Counts counts();

} // namespace wfo::store::walwrites
