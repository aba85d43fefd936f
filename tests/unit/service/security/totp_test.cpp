#include "service/security/totp.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "service/security/base32.hpp"

namespace okrsek::service::security {
namespace {

using namespace std::chrono_literals;
using time_point = std::chrono::system_clock::time_point;

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const std::string_view rfc_seed_text = "12345678901234567890";
const std::vector<unsigned char> rfc_seed(rfc_seed_text.begin(), rfc_seed_text.end());

time_point at(std::int64_t unix_seconds) {
    return time_point(std::chrono::seconds(unix_seconds));
}

struct Rfc6238Vector {
    std::int64_t unix_seconds;
    std::int64_t step;
    std::string_view code;  ///< 8 digits, as in the RFC's table
};
constexpr Rfc6238Vector rfc6238_sha1[] = {
    {59, 0x1, "94287082"},
    {1111111109, 0x23523EC, "07081804"},
    {1111111111, 0x23523ED, "14050471"},
    {1234567890, 0x273EF07, "89005924"},
    {2000000000, 0x3F940AA, "69279037"},
    {20000000000, 0x27BC86AA, "65353130"},
};

// system_clock counts nanoseconds in 64 bits (libstdc++), so it ends in 2262: the RFC's last
// vector (2603) cannot be a time_point and is checked through its step alone.
bool representable(const Rfc6238Vector& vector) {
    return vector.unix_seconds < 9'000'000'000;
}

TEST(Totp, MatchesTheRfc6238Sha1VectorsWithEightDigits) {
    for (const auto& vector : rfc6238_sha1) {
        if (representable(vector)) {
            EXPECT_EQ(totp_step(at(vector.unix_seconds), 30s), vector.step) << vector.unix_seconds;
        }
        EXPECT_EQ(vector.step, vector.unix_seconds / 30);
        EXPECT_EQ(hotp_code(rfc_seed, static_cast<std::uint64_t>(vector.step), 8), vector.code);
    }
}

TEST(Totp, MatchesTheRfc6238Sha1VectorsTruncatedToSixDigits) {
    for (const auto& vector : rfc6238_sha1) {
        // Six digits are the same 31 bits modulo 10^6: the last six of the eight.
        EXPECT_EQ(hotp_code(rfc_seed, static_cast<std::uint64_t>(vector.step), 6),
                  vector.code.substr(2))
            << vector.unix_seconds;
    }
}

TEST(Totp, MatchesTheRfc4226HotpVectors) {
    // RFC 4226 Appendix D, counters 0 to 9.
    const std::string_view expected[] = {"755224", "287082", "359152", "969429", "338314",
                                         "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t counter = 0; counter < 10; ++counter) {
        EXPECT_EQ(hotp_code(rfc_seed, counter, 6), expected[counter]) << counter;
    }
}

TEST(Totp, VerifiesTheRfcVectorsThroughTheClock) {
    ManualClock clock(at(0));
    const TotpVerifier verifier(clock, {.digits = 8});
    for (const auto& vector : rfc6238_sha1) {
        if (!representable(vector)) continue;
        clock.set(at(vector.unix_seconds));
        EXPECT_EQ(verifier.verify(rfc_seed, vector.code, std::nullopt), vector.step);
    }
}

TEST(Totp, StepsAreWholePeriodsSinceTheEpoch) {
    EXPECT_EQ(totp_step(at(0), 30s), 0);
    EXPECT_EQ(totp_step(at(29), 30s), 0);
    EXPECT_EQ(totp_step(at(30), 30s), 1);
    EXPECT_EQ(totp_step(at(0) + 29999ms, 30s), 0);
    EXPECT_EQ(totp_step(at(-1), 30s), -1);
    EXPECT_EQ(totp_step(at(120), 60s), 2);
}

class TotpVerifierTest : public ::testing::Test {
protected:
    // 1,111,111,111 s lies in step 0x23523ED, 1 s into it.
    ManualClock clock{at(1111111111)};
    TotpVerifier verifier{clock};
    std::int64_t now_step = 0x23523ED;

    std::string code_at(std::int64_t step) const {
        return hotp_code(rfc_seed, static_cast<std::uint64_t>(step), 6);
    }
};

TEST_F(TotpVerifierTest, AcceptsOneStepEitherSide) {
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step), std::nullopt), now_step);
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step - 1), std::nullopt), now_step - 1);
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step + 1), std::nullopt), now_step + 1);
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step - 2), std::nullopt), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step + 2), std::nullopt), std::nullopt);
}

TEST_F(TotpVerifierTest, ACodeExpiresWithTheWindow) {
    const auto code = code_at(now_step);
    clock.advance(30s);
    EXPECT_EQ(verifier.verify(rfc_seed, code, std::nullopt), now_step);
    clock.advance(30s);
    EXPECT_EQ(verifier.verify(rfc_seed, code, std::nullopt), std::nullopt);
}

TEST_F(TotpVerifierTest, RefusesTheSameOrAnOlderStepAgain) {
    const auto used = verifier.verify(rfc_seed, code_at(now_step), std::nullopt);
    ASSERT_EQ(used, now_step);
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step), used), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step - 1), used), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step + 1), used), now_step + 1);
    // A code from the future, once used, also blocks the current step.
    EXPECT_EQ(verifier.verify(rfc_seed, code_at(now_step), now_step + 1), std::nullopt);
}

TEST_F(TotpVerifierTest, IgnoresSpacesAndRefusesOtherShapes) {
    const auto code = code_at(now_step);
    const auto spaced = code.substr(0, 3) + " " + code.substr(3);
    EXPECT_EQ(verifier.verify(rfc_seed, spaced, std::nullopt), now_step);
    EXPECT_EQ(verifier.verify(rfc_seed, " " + code + " ", std::nullopt), now_step);
    EXPECT_EQ(verifier.verify(rfc_seed, code.substr(0, 5), std::nullopt), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, code + "0", std::nullopt), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, "", std::nullopt), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, "12345a", std::nullopt), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, "-12345", std::nullopt), std::nullopt);
    EXPECT_EQ(verifier.verify(rfc_seed, "１２３４５６", std::nullopt), std::nullopt);
}

TEST_F(TotpVerifierTest, ACodeBelongsToItsSecret) {
    const auto other = new_totp_secret();
    EXPECT_EQ(verifier.verify(other, code_at(now_step), std::nullopt), std::nullopt);
}

TEST_F(TotpVerifierTest, RefusesShortSecrets) {
    const std::vector<unsigned char> short_secret(15, 1);
    try {
        verifier.verify(short_secret, "123456", std::nullopt);
        FAIL() << "expected an error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
        EXPECT_EQ(error.field(), "secret");
    }
}

TEST(Totp, WindowZeroAcceptsOnlyTheCurrentStep) {
    ManualClock clock(at(1111111111));
    const TotpVerifier verifier(clock, {.window_steps = 0});
    EXPECT_EQ(verifier.verify(rfc_seed, hotp_code(rfc_seed, 0x23523ED, 6), std::nullopt),
              0x23523ED);
    EXPECT_EQ(verifier.verify(rfc_seed, hotp_code(rfc_seed, 0x23523EC, 6), std::nullopt),
              std::nullopt);
}

TEST(Totp, SecretsAre160RandomBits) {
    std::set<std::vector<unsigned char>> seen;
    for (int i = 0; i < 100; ++i) {
        const auto secret = new_totp_secret();
        EXPECT_EQ(secret.size(), 20U);
        EXPECT_TRUE(seen.insert(secret).second);
    }
}

TEST(Totp, BuildsTheOtpauthUri) {
    EXPECT_EQ(totp_uri("jiri.novak+2fa@praha.example", rfc_seed),
              "otpauth://totp/okrsek:jiri.novak%2B2fa%40praha.example"
              "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=okrsek"
              "&algorithm=SHA1&digits=6&period=30");
    ManualClock clock(at(0));
    const TotpVerifier verifier(clock, {.issuer = "Město Kolín & MP"});
    EXPECT_EQ(verifier.uri("a b@c.cz", rfc_seed),
              "otpauth://totp/M%C4%9Bsto%20Kol%C3%ADn%20%26%20MP:a%20b%40c.cz"
              "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=M%C4%9Bsto%20Kol%C3%ADn%20%26%20MP"
              "&algorithm=SHA1&digits=6&period=30");
}

TEST(Totp, TheUriSecretDecodesToTheSecret) {
    const auto secret = new_totp_secret();
    const auto uri = totp_uri("x@y.cz", secret);
    const auto start = uri.find("secret=") + 7;
    EXPECT_EQ(base32_decode(uri.substr(start, uri.find('&', start) - start)), secret);
}

TEST(Totp, ValidatesItsSettings) {
    ManualClock clock(at(0));
    const auto field_of = [&](TotpSettings settings) {
        try {
            TotpVerifier verifier(clock, settings);
        } catch (const core::Error& error) {
            return error.field();
        }
        return std::string("none");
    };
    EXPECT_EQ(field_of({.issuer = ""}), "issuer");
    EXPECT_EQ(field_of({.issuer = "a:b"}), "issuer");
    EXPECT_EQ(field_of({.issuer = std::string(65, 'x')}), "issuer");
    EXPECT_EQ(field_of({.digits = 5}), "digits");
    EXPECT_EQ(field_of({.digits = 9}), "digits");
    EXPECT_EQ(field_of({.period = 0s}), "period");
    EXPECT_EQ(field_of({.period = 301s}), "period");
    EXPECT_EQ(field_of({.window_steps = -1}), "window_steps");
    EXPECT_EQ(field_of({.window_steps = 6}), "window_steps");
    EXPECT_EQ(field_of({}), "none");
}

}  // namespace
}  // namespace okrsek::service::security
