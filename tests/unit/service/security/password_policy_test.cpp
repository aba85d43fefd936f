#include "service/security/password_policy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/error.hpp"

namespace okrsek::service::security {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const PasswordOwner jiri{"jiri.novak@praha.example", "Jiří Novák"};

class PasswordPolicyTest : public ::testing::Test {
protected:
    std::vector<std::string> check(std::string_view password,
                                   const PasswordOwner& owner = jiri) const {
        return policy.check(password, owner);
    }
    PasswordPolicy policy;
};

TEST_F(PasswordPolicyTest, AcceptsALongUncommonPassphraseWithoutCompositionRules) {
    EXPECT_THAT(check("kocour prede na okne"), IsEmpty());
    EXPECT_THAT(check("alllowercaseletters"), IsEmpty());  // no digit or symbol required
    EXPECT_THAT(check("483920175638"), IsEmpty());
}

TEST_F(PasswordPolicyTest, CountsCodePointsNotBytes) {
    // 11 code points in 16 bytes: too short, although the bytes would pass.
    EXPECT_THAT(check("žluťoučkýkůň"), IsEmpty());  // 12 code points
    EXPECT_THAT(check("žluťoučkýků"), ElementsAre("too_short"));
    EXPECT_THAT(check("abcdefghijk"), ElementsAre("too_short"));
    EXPECT_THAT(check("abcdefghijkm"), IsEmpty());
}

TEST_F(PasswordPolicyTest, LimitsLengthInCodePoints) {
    EXPECT_THAT(check(std::string(128, 'q')), IsEmpty());
    EXPECT_THAT(check(std::string(129, 'q')), ElementsAre("too_long"));
    std::string horses;  // 128 code points, 512 bytes
    for (int i = 0; i < 128; ++i) horses += "🐎";
    EXPECT_THAT(check(horses), IsEmpty());
    EXPECT_THAT(check(horses + "🐎"), ElementsAre("too_long"));
}

TEST(PasswordPolicy, LimitsBytesBeforeDecoding) {
    const PasswordPolicy policy(CommonPasswords::embedded(),
                                {.max_code_points = 128, .max_bytes = 200});
    std::string horses;  // 50 code points, 200 bytes
    for (int i = 0; i < 50; ++i) horses += "🐎";
    EXPECT_THAT(policy.check(horses, {}), IsEmpty());
    // One byte more, and invalid UTF-8 at that: refused for its size before it is decoded.
    EXPECT_THAT(policy.check(horses + "\xFF", {}), ElementsAre("too_long"));
}

TEST_F(PasswordPolicyTest, RefusesInvalidUtf8Alone) {
    EXPECT_THAT(check("password\xC0\x80"), ElementsAre("invalid_utf8"));
    EXPECT_THAT(check("\xED\xA0\x80 long enough text"), ElementsAre("invalid_utf8"));
}

TEST_F(PasswordPolicyTest, RefusesCommonPasswordsWhateverTheCase) {
    EXPECT_THAT(check("qwerty123456"), ElementsAre("common"));
    EXPECT_THAT(check("QWERTY123456"), ElementsAre("common"));
    EXPECT_THAT(check("password"), ElementsAre("too_short", "common"));
}

TEST_F(PasswordPolicyTest, RefusesTheEmailLocalPartAndItsParts) {
    EXPECT_THAT(check("my jiri.novak secret"), ElementsAre("contains_email", "contains_name"));
    EXPECT_THAT(check("secret jiri.novak"), ElementsAre("contains_email", "contains_name"));
    const PasswordOwner robot{"ops.team@praha.example", "Provoz"};
    EXPECT_THAT(check("our ops.team forever", robot), ElementsAre("contains_email"));
    EXPECT_THAT(check("the TEAM is strong", robot), ElementsAre("contains_email"));
    // "ops" has three letters: too short to be looked for.
    EXPECT_THAT(check("devops forever and ever", robot), IsEmpty());
    // The domain is not personal.
    EXPECT_THAT(check("praha.example rules", robot), IsEmpty());
}

TEST_F(PasswordPolicyTest, RefusesTheNameWithOrWithoutDiacritics) {
    const PasswordOwner owner{"jn@praha.example", "Jiří Nováková"};
    EXPECT_THAT(check("Nováková2024!!", owner), ElementsAre("contains_name"));
    EXPECT_THAT(check("novakova2024!!", owner), ElementsAre("contains_name"));
    EXPECT_THAT(check("JIRI je nejlepsi", owner), ElementsAre("contains_name"));
    EXPECT_THAT(check("kocour prede na okne", owner), IsEmpty());
}

TEST_F(PasswordPolicyTest, IgnoresShortNameParts) {
    const PasswordOwner owner{"x@praha.example", "Jan Li"};
    EXPECT_THAT(check("janitor of the library"), IsEmpty());
    EXPECT_THAT(check("janitor of the library", owner), IsEmpty());
}

TEST_F(PasswordPolicyTest, ReportsEveryReasonInOrder) {
    const PasswordOwner owner{"password@praha.example", "Password"};
    EXPECT_THAT(check("password", owner),
                ElementsAre("too_short", "common", "contains_email", "contains_name"));
}

TEST(PasswordPolicy, UsesTheGivenList) {
    const auto list = std::make_shared<const CommonPasswords>(
        CommonPasswords::from_text("kocour prede na okne\n"));
    const PasswordPolicy policy(list);
    EXPECT_THAT(policy.check("Kocour Prede Na Okne", {}), ElementsAre("common"));
    EXPECT_THAT(policy.check("qwerty123456", {}), IsEmpty());
}

TEST(PasswordPolicy, ValidatesItsSettings) {
    const auto expect_field = [](PasswordPolicySettings settings, const std::string& field) {
        try {
            PasswordPolicy policy(CommonPasswords::embedded(), settings);
            FAIL() << "expected an error for " << field;
        } catch (const core::Error& error) {
            EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
            EXPECT_EQ(error.field(), field);
        }
    };
    expect_field({.min_code_points = 7}, "min_code_points");
    expect_field({.min_code_points = 20, .max_code_points = 19}, "max_code_points");
    expect_field({.max_code_points = 128, .max_bytes = 100}, "max_bytes");
    expect_field({.min_personal_part = 0}, "min_personal_part");
    try {
        PasswordPolicy policy(nullptr);
        FAIL() << "expected an error for a missing list";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "common_passwords");
    }
}

}  // namespace
}  // namespace okrsek::service::security
