#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace okrsek::service::security {

/// Initialises libsodium (once per process; cheap afterwards). Every function of this folder
/// that uses libsodium calls it, so callers need not. Throws core::Error internal when the
/// library cannot initialise (no usable random source).
void ensure_sodium();

/// `count` bytes from the operating system's cryptographic random source.
std::vector<unsigned char> random_bytes(std::size_t count);

/// A uniformly distributed number in [0, upper), without modulo bias. `upper` > 0.
std::uint32_t random_below(std::uint32_t upper);

}  // namespace okrsek::service::security
