#include "service/security/server_keys.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "service/security/recovery_codes.hpp"
#include "service/security/secret_box.hpp"

namespace okrsek::service::security {
namespace {

const std::vector<unsigned char> master(master_key_bytes, 5);

TEST(ServerKeys, DerivesOneDistinctKeyPerPurpose) {
    const auto keys = ServerKeys::derive(master);
    EXPECT_EQ(keys.recovery_codes.size(), recovery_code_key_bytes);
    EXPECT_EQ(keys.secret_box.size(), secret_box_key_bytes);
    EXPECT_NE(keys.recovery_codes, keys.secret_box);
    EXPECT_NE(keys.recovery_codes, master);
    EXPECT_NE(keys.secret_box, master);
}

TEST(ServerKeys, AreStableForAMasterKeyAndDifferBetweenMasterKeys) {
    const auto keys = ServerKeys::derive(master);
    const auto again = ServerKeys::derive(master);
    EXPECT_EQ(keys.recovery_codes, again.recovery_codes);
    EXPECT_EQ(keys.secret_box, again.secret_box);
    const auto other = ServerKeys::derive(std::vector<unsigned char>(master_key_bytes, 6));
    EXPECT_NE(keys.recovery_codes, other.recovery_codes);
    EXPECT_NE(keys.secret_box, other.secret_box);
}

TEST(ServerKeys, FitTheBuildingBlocksTheyAreFor) {
    const auto keys = ServerKeys::derive(master);
    const RecoveryCodes codes(keys.recovery_codes);
    const SecretBox box(keys.secret_box);
    const std::vector<unsigned char> plain = {9, 8, 7};
    EXPECT_EQ(box.open(box.seal(plain, "x"), "x"), plain);
    EXPECT_EQ(codes.generate().codes.size(), recovery_code_count);
}

TEST(ServerKeys, NeedA32ByteMasterKey) {
    try {
        ServerKeys::derive(std::vector<unsigned char>(31, 1));
        FAIL() << "expected an error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "master_key");
    }
}

}  // namespace
}  // namespace okrsek::service::security
