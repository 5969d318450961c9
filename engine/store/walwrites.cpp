#include "walwrites.h"

#include <QString>

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>

// SQLite writes each frame of its write-ahead log with two system calls (the frame's 24-byte
// header, then its page) and a commit of a few steps is some thirty frames: sixty calls, then
// one flush. On a virtual machine a call costs more than the copy it makes; the committer of a
// group commit spent a fifth of its time entering the kernel to write. This file layer sits
// between SQLite and the operating system's and keeps the frames of a write-ahead log in
// memory until one of these, then writes them with one call:
//  - the frame that commits a transaction (its header carries the database size after the
//    commit): it is written before SQLite publishes the commit to other connections, whatever
//    the synchronous setting;
//  - a flush to disk (xSync), a read, a size or truncation of the log, its closing;
//  - a write that does not continue the buffered ones (SQLite rewrites a frame in place);
//  - a megabyte held.
// So everything SQLite reads back, or promises durable, or lets another connection see, is in
// the file first, exactly as without this layer. What is lost with the program at a crash is
// only frames of a transaction that had not committed, which SQLite discards at recovery all
// the same. Every other file (the database, its shared memory, temporary files) is the
// operating system layer's own, untouched.

using namespace Qt::StringLiterals;

namespace wfo::store::walwrites {

namespace {

constexpr int frameHeaderBytes = 24;
constexpr qsizetype flushAtBytes = 1024 * 1024;
// SQLite's own layer writes less than 128 KiB a call (it keeps the low 17 bits of a size).
constexpr qsizetype writeAtMostBytes = 120 * 1024;

sqlite3_vfs *g_base = nullptr; // the layer underneath: SQLite's default before install()
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;
std::atomic<bool> g_installed = false;
std::atomic<quint64> g_received = 0;
std::atomic<quint64> g_passedOn = 0;

// A write-ahead log opened through this layer. SQLite allocates it (szOsFile bytes) and uses it
// from one connection at a time; the base layer's file follows it in the same allocation.
struct WalFile
{
    sqlite3_file base; // first: SQLite sees a WalFile as a sqlite3_file
    sqlite3_file *file; // the base layer's, right after this struct
    char *buffer;
    qsizetype size;
    qsizetype capacity;
    sqlite3_int64 offset; // where the buffer's first byte belongs in the file
    bool commitFrameNext; // the next write is the page of a commit frame
};

WalFile *walFile(sqlite3_file *file)
{
    return reinterpret_cast<WalFile *>(file);
}

int flush(WalFile *wal)
{
    int rc = SQLITE_OK;
    for (qsizetype done = 0; done < wal->size && rc == SQLITE_OK; done += writeAtMostBytes) {
        const qsizetype amount = qMin(writeAtMostBytes, wal->size - done);
        rc = wal->file->pMethods->xWrite(wal->file, wal->buffer + done, int(amount),
                                         wal->offset + done);
        ++g_passedOn;
    }
    wal->size = 0;
    return rc;
}

bool append(WalFile *wal, const void *data, int amount)
{
    if (wal->size + amount > wal->capacity) {
        const qsizetype capacity =
            qMax(wal->size + amount, qMax<qsizetype>(64 * 1024, 2 * wal->capacity));
        char *grown = static_cast<char *>(std::realloc(wal->buffer, size_t(capacity)));
        if (!grown)
            return false;
        wal->buffer = grown;
        wal->capacity = capacity;
    }
    std::memcpy(wal->buffer + wal->size, data, size_t(amount));
    wal->size += amount;
    return true;
}

// Bytes 4 to 7 of a frame header: the database's size in pages after a commit, 0 otherwise.
bool isCommitFrameHeader(const void *data, int amount)
{
    if (amount != frameHeaderBytes)
        return false;
    const auto *bytes = static_cast<const unsigned char *>(data);
    return (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
}

int walClose(sqlite3_file *file)
{
    WalFile *wal = walFile(file);
    const int flushed = flush(wal);
    std::free(wal->buffer);
    wal->buffer = nullptr;
    const int closed = wal->file->pMethods->xClose(wal->file);
    return flushed != SQLITE_OK ? flushed : closed;
}

int walWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    WalFile *wal = walFile(file);
    ++g_received;
    if (wal->size > 0 && offset != wal->offset + wal->size) {
        if (const int rc = flush(wal); rc != SQLITE_OK)
            return rc;
    }
    if (wal->size == 0)
        wal->offset = offset;
    if (!append(wal, data, amount)) {
        // No memory for the buffer: write through.
        if (const int rc = flush(wal); rc != SQLITE_OK)
            return rc;
        ++g_passedOn;
        return wal->file->pMethods->xWrite(wal->file, data, amount, offset);
    }
    if (wal->commitFrameNext || wal->size >= flushAtBytes) {
        wal->commitFrameNext = false;
        return flush(wal);
    }
    wal->commitFrameNext = isCommitFrameHeader(data, amount);
    return SQLITE_OK;
}

// The base layer's `method`, once the held frames are in the file: what SQLite reads, flushes,
// sizes, truncates or asks of the log sees every byte it wrote.
template<auto method, typename... Args>
int afterFlush(sqlite3_file *file, Args... args)
{
    WalFile *wal = walFile(file);
    if (const int rc = flush(wal); rc != SQLITE_OK)
        return rc;
    return (wal->file->pMethods->*method)(wal->file, args...);
}

// The base layer's `method` as it is: locks, the device's traits, and the shared-memory calls,
// which are the database file's, never a log's.
template<auto method, typename... Args>
auto passedOn(sqlite3_file *file, Args... args)
{
    sqlite3_file *base = walFile(file)->file;
    return (base->pMethods->*method)(base, args...);
}

// No memory map of a log: SQLite then reads it (its answer to a layer without one).
int walFetch(sqlite3_file *, sqlite3_int64, int, void **pointer)
{
    *pointer = nullptr;
    return SQLITE_OK;
}

int walUnfetch(sqlite3_file *, sqlite3_int64, void *)
{
    return SQLITE_OK;
}

int open(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    if (!(flags & SQLITE_OPEN_WAL))
        return g_base->xOpen(g_base, name, file, flags, outFlags); // the base layer's own file
    WalFile *wal = walFile(file);
    std::memset(wal, 0, sizeof(WalFile));
    wal->file = reinterpret_cast<sqlite3_file *>(wal + 1);
    const int rc = g_base->xOpen(g_base, name, wal->file, flags, outFlags);
    if (rc != SQLITE_OK) {
        // SQLite reads pMethods even when the open failed: none, so it closes nothing.
        if (wal->file->pMethods)
            wal->file->pMethods->xClose(wal->file);
        wal->base.pMethods = nullptr;
        return rc;
    }
    wal->base.pMethods = &g_methods;
    return SQLITE_OK;
}

} // namespace

void install()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (qEnvironmentVariable("WFO_WAL_BUFFER") == "0"_L1)
            return; // SQLite's own layer alone (comparisons, or a doubt)
        g_base = sqlite3_vfs_find(nullptr);
        if (!g_base)
            return;
        using M = sqlite3_io_methods;
        g_methods = M {3,
                       walClose,
                       afterFlush<&M::xRead, void *, int, sqlite3_int64>,
                       walWrite,
                       afterFlush<&M::xTruncate, sqlite3_int64>,
                       afterFlush<&M::xSync, int>,
                       afterFlush<&M::xFileSize, sqlite3_int64 *>,
                       passedOn<&M::xLock, int>,
                       passedOn<&M::xUnlock, int>,
                       passedOn<&M::xCheckReservedLock, int *>,
                       afterFlush<&M::xFileControl, int, void *>,
                       passedOn<&M::xSectorSize>,
                       passedOn<&M::xDeviceCharacteristics>,
                       passedOn<&M::xShmMap, int, int, int, void volatile **>,
                       passedOn<&M::xShmLock, int, int, int>,
                       passedOn<&M::xShmBarrier>,
                       passedOn<&M::xShmUnmap, int>,
                       walFetch,
                       walUnfetch};
        // Everything but opening a file is the base layer's, called with the same fields
        // (its functions read only what is copied here: the path length, its own data).
        g_vfs = *g_base;
        g_vfs.szOsFile = int(sizeof(WalFile)) + g_base->szOsFile;
        g_vfs.pNext = nullptr;
        g_vfs.zName = "wfo-walwrites";
        g_vfs.xOpen = open;
        g_installed = sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
    });
}

bool installed()
{
    return g_installed;
}

Counts counts()
{
    return {g_received.load(), g_passedOn.load()};
}

} // namespace wfo::store::walwrites
