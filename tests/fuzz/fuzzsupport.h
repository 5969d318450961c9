#pragma once
// What the fuzz targets share: their input as text or JSON, and a loud failure when an
// invariant of the code under test breaks (libFuzzer then keeps the input as a crash).

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace wfo::fuzz {

inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline QString text(const std::uint8_t *data, std::size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

// A stable hash of the input (qHash is seeded per process), to derive further choices from.
inline std::uint64_t hash(const std::uint8_t *data, std::size_t size)
{
    std::uint64_t h = 14695981039346656037ull;
    for (std::size_t i = 0; i < size; ++i)
        h = (h ^ data[i]) * 1099511628211ull;
    return h;
}

[[noreturn]] inline void fail(const char *condition, const QString &detail)
{
    std::fprintf(stderr, "invariant broken: %s\n  %s\n", condition, qUtf8Printable(detail));
    std::abort();
}

} // namespace wfo::fuzz

#define WFO_FUZZ_CHECK(condition, detail)                                                          \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::wfo::fuzz::fail(#condition, detail);                                                 \
    } while (false)
