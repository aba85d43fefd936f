#include "service/security/secret_box.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "service/security/totp.hpp"

namespace okrsek::service::security {
namespace {

const std::vector<unsigned char> key(secret_box_key_bytes, 42);

core::ErrorCode open_error(const SecretBox& box, std::string_view sealed,
                           std::string_view context) {
    try {
        box.open(sealed, context);
    } catch (const core::Error& error) {
        return error.code();
    }
    return core::ErrorCode::internal;  // opened: not what the caller expected
}

TEST(SecretBox, SealsAndOpensATotpSecret) {
    const SecretBox box(key);
    const auto secret = new_totp_secret();
    const auto sealed = box.seal(secret, "totp:user:17");
    EXPECT_EQ(sealed.size(), secret.size() + 40);
    EXPECT_EQ(sealed.find(std::string(secret.begin(), secret.end())), std::string::npos);
    EXPECT_EQ(box.open(sealed, "totp:user:17"), secret);
}

TEST(SecretBox, UsesAFreshNonceEveryTime) {
    const SecretBox box(key);
    const std::vector<unsigned char> plain = {1, 2, 3};
    EXPECT_NE(box.seal(plain, "c"), box.seal(plain, "c"));
    EXPECT_EQ(box.open(box.seal({}, "c"), "c"), std::vector<unsigned char>());
}

TEST(SecretBox, RefusesAlteredMovedOrForeignValues) {
    const SecretBox box(key);
    const auto sealed = box.seal(new_totp_secret(), "totp:user:17");
    // Another row's context: a secret copied onto user 18 does not open there.
    EXPECT_EQ(open_error(box, sealed, "totp:user:18"), core::ErrorCode::invalid_input);
    for (const std::size_t at : {std::size_t{0}, std::size_t{30}, sealed.size() - 1}) {
        std::string changed = sealed;
        changed[at] = static_cast<char>(changed[at] ^ 1);
        EXPECT_EQ(open_error(box, changed, "totp:user:17"), core::ErrorCode::invalid_input) << at;
    }
    EXPECT_EQ(open_error(box, sealed.substr(0, 39), "totp:user:17"),
              core::ErrorCode::invalid_input);
    EXPECT_EQ(open_error(box, sealed.substr(0, sealed.size() - 1), "totp:user:17"),
              core::ErrorCode::invalid_input);
    const SecretBox other(std::vector<unsigned char>(secret_box_key_bytes, 43));
    EXPECT_EQ(open_error(other, sealed, "totp:user:17"), core::ErrorCode::invalid_input);
}

TEST(SecretBox, NeedsA32ByteKey) {
    try {
        SecretBox box(std::vector<unsigned char>(16, 1));
        FAIL() << "expected an error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "secret_box_key");
    }
}

}  // namespace
}  // namespace okrsek::service::security
