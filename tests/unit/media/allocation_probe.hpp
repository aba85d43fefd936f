#pragma once

// The test binary replaces the global operator new to record the largest single request, so a
// test can show that a decompression bomb is refused before its pixels are allocated.

#include <cstddef>

namespace okrsek::media::test {

/// Forgets the largest allocation recorded so far.
void reset_largest_allocation();

/// The largest size, in bytes, requested from operator new since the last reset.
std::size_t largest_allocation();

}  // namespace okrsek::media::test
