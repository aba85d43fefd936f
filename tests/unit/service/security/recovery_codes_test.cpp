#include "service/security/recovery_codes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "core/error.hpp"

namespace okrsek::service::security {
namespace {

std::vector<unsigned char> key_of(unsigned char fill) {
    return std::vector<unsigned char>(recovery_code_key_bytes, fill);
}

std::vector<StoredRecoveryCode> stored(const RecoveryCodeSet& set) {
    std::vector<StoredRecoveryCode> rows;
    for (const auto& hash : set.hashes) rows.push_back({hash, false});
    return rows;
}

std::string upper(std::string text) {
    for (char& symbol : text) symbol = static_cast<char>(std::toupper(symbol));
    return text;
}

class RecoveryCodesTest : public ::testing::Test {
protected:
    RecoveryCodes codes{key_of(7)};
};

TEST_F(RecoveryCodesTest, GeneratesTenDistinctReadableCodes) {
    const auto set = codes.generate();
    ASSERT_EQ(set.codes.size(), 10U);
    ASSERT_EQ(set.hashes.size(), 10U);
    const std::regex shape("[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}");
    for (const auto& code : set.codes) {
        EXPECT_TRUE(std::regex_match(code, shape)) << code;
        EXPECT_EQ(code.find_first_of("01ilo"), std::string::npos) << code;
    }
    EXPECT_EQ(std::set<std::string>(set.codes.begin(), set.codes.end()).size(), 10U);
}

TEST_F(RecoveryCodesTest, StoresOnlyKeyedHashes) {
    const auto set = codes.generate();
    for (std::size_t i = 0; i < set.codes.size(); ++i) {
        EXPECT_EQ(set.hashes[i].size(), 64U);
        EXPECT_EQ(set.hashes[i].find_first_not_of("0123456789abcdef"), std::string::npos);
        EXPECT_EQ(set.hashes[i], codes.hash(set.codes[i]));
        EXPECT_EQ(set.hashes[i].find(set.codes[i].substr(0, 5)), std::string::npos);
    }
    // Another server key gives other hashes: a stolen table alone cannot be checked offline.
    const RecoveryCodes other(key_of(8));
    EXPECT_NE(other.hash(set.codes[0]), set.hashes[0]);
}

TEST_F(RecoveryCodesTest, EachCodeWorksOnceAndSaysWhichItWas) {
    const auto set = codes.generate();
    auto rows = stored(set);
    EXPECT_EQ(codes.verify_and_consume(set.codes[3], rows), 3U);
    EXPECT_TRUE(rows[3].used);
    EXPECT_EQ(std::count_if(rows.begin(), rows.end(), [](auto& row) { return row.used; }), 1);
    EXPECT_EQ(codes.verify_and_consume(set.codes[3], rows), std::nullopt);
    EXPECT_EQ(codes.verify_and_consume(set.codes[9], rows), 9U);
    EXPECT_EQ(codes.verify_and_consume(set.codes[0], rows), 0U);
}

TEST_F(RecoveryCodesTest, AcceptsTheCodeAsPeopleTypeIt) {
    const auto set = codes.generate();
    auto rows = stored(set);
    const std::string& code = set.codes[5];
    const std::string bare = code.substr(0, 5) + code.substr(6);
    EXPECT_EQ(codes.verify_and_consume(upper(bare), rows), 5U);
    rows = stored(set);
    EXPECT_EQ(codes.verify_and_consume(" " + code.substr(0, 5) + " " + code.substr(6), rows), 5U);
}

TEST_F(RecoveryCodesTest, RefusesWrongAndMalformedCodes) {
    const auto set = codes.generate();
    auto rows = stored(set);
    EXPECT_EQ(codes.verify_and_consume("", rows), std::nullopt);
    EXPECT_EQ(codes.verify_and_consume("abcde-fghj", rows), std::nullopt);    // 9 symbols
    EXPECT_EQ(codes.verify_and_consume("abcde-fghjkm", rows), std::nullopt);  // 11 symbols
    EXPECT_EQ(codes.verify_and_consume("abcde-fghj0", rows), std::nullopt);   // 0 not used
    std::string wrong = set.codes[0];
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    // One symbol off: another code of the set only with odds of about 10^-13.
    ASSERT_EQ(std::find(set.codes.begin(), set.codes.end(), wrong), set.codes.end());
    EXPECT_EQ(codes.verify_and_consume(wrong, rows), std::nullopt);
    EXPECT_TRUE(std::none_of(rows.begin(), rows.end(), [](auto& row) { return row.used; }));
    // Codes of another set (or another server key) do not work here.
    EXPECT_EQ(codes.verify_and_consume(codes.generate().codes[0], rows), std::nullopt);
    const RecoveryCodes other(key_of(8));
    EXPECT_EQ(other.verify_and_consume(set.codes[0], rows), std::nullopt);
}

TEST_F(RecoveryCodesTest, HashRefusesTextThatIsNoCode) {
    try {
        codes.hash("not a code");
        FAIL() << "expected an error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
        EXPECT_EQ(error.field(), "code");
    }
}

TEST(RecoveryCodes, NeedsA32ByteKey) {
    for (const std::size_t length : {0U, 16U, 31U, 33U, 64U}) {
        try {
            RecoveryCodes codes(std::vector<unsigned char>(length, 1));
            FAIL() << "expected an error for " << length << " bytes";
        } catch (const core::Error& error) {
            EXPECT_EQ(error.field(), "recovery_code_key");
        }
    }
}

}  // namespace
}  // namespace okrsek::service::security
