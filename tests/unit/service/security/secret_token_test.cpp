#include "service/security/secret_token.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace okrsek::service::security {
namespace {

bool url_safe(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char symbol) {
        return std::isalnum(static_cast<unsigned char>(symbol)) || symbol == '-' || symbol == '_';
    });
}

TEST(SecretToken, IsUrlSafeBase64Of256BitsWithoutPadding) {
    const auto token = new_secret_token();
    EXPECT_EQ(token.size(), 43U);
    EXPECT_TRUE(url_safe(token)) << token;
    EXPECT_TRUE(is_well_formed_token(token));
}

TEST(SecretToken, ApiTokensCarryTheirPrefix) {
    const auto token = new_api_token();
    EXPECT_EQ(token.substr(0, 4), "okt_");
    EXPECT_EQ(token.size(), 47U);
    EXPECT_TRUE(url_safe(token.substr(4)));
    EXPECT_TRUE(is_well_formed_token(token, api_token_prefix));
    EXPECT_FALSE(is_well_formed_token(token));
    EXPECT_FALSE(is_well_formed_token(token.substr(4), api_token_prefix));
}

TEST(SecretToken, NeverRepeats) {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const auto token = new_secret_token();
        ASSERT_TRUE(is_well_formed_token(token)) << token;
        EXPECT_TRUE(seen.insert(token).second);
    }
}

TEST(SecretToken, RefusesMalformedTokens) {
    const std::string token = new_secret_token();
    EXPECT_FALSE(is_well_formed_token(""));
    EXPECT_FALSE(is_well_formed_token(token.substr(1)));
    EXPECT_FALSE(is_well_formed_token(token + "A"));
    std::string plus = token;
    plus[3] = '+';  // standard base64, not URL-safe
    EXPECT_FALSE(is_well_formed_token(plus));
    std::string padded = token;
    padded[10] = '=';
    EXPECT_FALSE(is_well_formed_token(padded));
    // The last symbol's two low bits are zero in any 32-byte encoding: 'B' cannot end one.
    std::string non_canonical = token;
    non_canonical.back() = 'B';
    EXPECT_FALSE(is_well_formed_token(non_canonical));
    non_canonical.back() = 'A';
    EXPECT_TRUE(is_well_formed_token(non_canonical));
}

TEST(TokenHash, IsBlake2b256InHex) {
    // Reference values from Python's hashlib.blake2b(data, digest_size=32).
    EXPECT_EQ(token_hash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    EXPECT_EQ(token_hash("abc"),
              "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(TokenHash, CoversThePrefixAndEveryCharacter) {
    const auto token = new_api_token();
    EXPECT_EQ(token_hash(token), token_hash(token));
    EXPECT_NE(token_hash(token), token_hash(token.substr(4)));
    std::string changed = token;
    changed.back() = changed.back() == 'A' ? 'E' : 'A';
    EXPECT_NE(token_hash(token), token_hash(changed));
    EXPECT_EQ(token_hash(token).find(token.substr(4, 8)), std::string::npos);
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
    EXPECT_TRUE(constant_time_equal("", ""));
    EXPECT_TRUE(constant_time_equal("secret", "secret"));
    EXPECT_FALSE(constant_time_equal("secret", "secreT"));
    EXPECT_FALSE(constant_time_equal("secret", "Secret"));
    EXPECT_FALSE(constant_time_equal("secret", "secret "));
    EXPECT_FALSE(constant_time_equal("", "x"));
    const std::string with_nul("a\0b", 3);
    EXPECT_FALSE(constant_time_equal(with_nul, std::string("a\0c", 3)));
    EXPECT_TRUE(constant_time_equal(with_nul, std::string("a\0b", 3)));
}

}  // namespace
}  // namespace okrsek::service::security
