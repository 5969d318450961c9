#pragma once
// How much text is accepted from outside in one piece: an --input file or argument, one form
// value, a request body. Far above any real form answer, far below what hurts memory, so that
// a file like /dev/zero or a runaway script is refused with a message instead of eating RAM.

#include <QtGlobal>

namespace wfo::forms {

inline constexpr qsizetype MaxInputBytes = 1024 * 1024; // 1 MiB

} // namespace wfo::forms
