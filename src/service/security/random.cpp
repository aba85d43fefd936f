#include "service/security/random.hpp"

#include <sodium.h>

#include <cassert>

#include "core/error.hpp"

namespace okrsek::service::security {

void ensure_sodium() {
    // sodium_init is thread-safe and returns 1 when already done; the static only saves the
    // call's lock on hot paths.
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw core::Error(core::ErrorCode::internal, "libsodium failed to initialise");
}

std::vector<unsigned char> random_bytes(std::size_t count) {
    ensure_sodium();
    std::vector<unsigned char> bytes(count);
    randombytes_buf(bytes.data(), bytes.size());
    return bytes;
}

std::uint32_t random_below(std::uint32_t upper) {
    assert(upper > 0);
    ensure_sodium();
    return randombytes_uniform(upper);
}

}  // namespace okrsek::service::security
