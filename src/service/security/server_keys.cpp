#include "service/security/server_keys.hpp"

#include <sodium.h>

#include "core/error.hpp"
#include "service/security/random.hpp"

namespace okrsek::service::security {
namespace {

static_assert(master_key_bytes == crypto_kdf_KEYBYTES);

// Eight characters, as crypto_kdf requires; the digits leave room for a new scheme.
constexpr char kdf_context[crypto_kdf_CONTEXTBYTES + 1] = "okrsek01";

enum SubkeyId : std::uint64_t {
    recovery_codes_id = 1,
    secret_box_id = 2,
    csrf_id = 3,
    report_contacts_id = 4,
    report_keys_id = 5,
};

std::vector<unsigned char> derive_one(std::span<const unsigned char> master, std::uint64_t id) {
    std::vector<unsigned char> key(32);
    crypto_kdf_derive_from_key(key.data(), key.size(), id, kdf_context, master.data());
    return key;
}

}  // namespace

ServerKeys ServerKeys::derive(std::span<const unsigned char> master_key) {
    if (master_key.size() != master_key_bytes) {
        throw core::Error(core::ErrorCode::invalid_argument, "the master key must be 32 bytes",
                          "master_key");
    }
    ensure_sodium();
    return {derive_one(master_key, recovery_codes_id), derive_one(master_key, secret_box_id),
            derive_one(master_key, csrf_id), derive_one(master_key, report_contacts_id),
            derive_one(master_key, report_keys_id)};
}

}  // namespace okrsek::service::security
