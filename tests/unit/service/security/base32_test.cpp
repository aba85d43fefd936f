#include "service/security/base32.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace okrsek::service::security {
namespace {

std::vector<unsigned char> bytes_of(std::string_view text) {
    return {text.begin(), text.end()};
}

// RFC 4648 §10 test vectors, with the padding our encoder leaves out.
struct Vector {
    std::string_view plain;
    std::string_view encoded;
    std::string_view padded;
};
constexpr Vector rfc4648[] = {
    {"", "", ""},
    {"f", "MY", "MY======"},
    {"fo", "MZXQ", "MZXQ===="},
    {"foo", "MZXW6", "MZXW6==="},
    {"foob", "MZXW6YQ", "MZXW6YQ="},
    {"fooba", "MZXW6YTB", "MZXW6YTB"},
    {"foobar", "MZXW6YTBOI", "MZXW6YTBOI======"},
};

TEST(Base32, EncodesTheRfc4648VectorsWithoutPadding) {
    for (const auto& vector : rfc4648) {
        EXPECT_EQ(base32_encode(bytes_of(vector.plain)), vector.encoded) << vector.plain;
    }
}

TEST(Base32, DecodesTheRfc4648VectorsWithAndWithoutPadding) {
    for (const auto& vector : rfc4648) {
        EXPECT_EQ(base32_decode(vector.encoded), bytes_of(vector.plain)) << vector.encoded;
        EXPECT_EQ(base32_decode(vector.padded), bytes_of(vector.plain)) << vector.padded;
    }
}

TEST(Base32, DecodesLowerCase) {
    EXPECT_EQ(base32_decode("mzxw6ytboi"), bytes_of("foobar"));
}

TEST(Base32, EncodesTheRfc6238SecretAsAuthenticatorAppsShowIt) {
    EXPECT_EQ(base32_encode(bytes_of("12345678901234567890")), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32, RefusesWhatNoEncoderProduces) {
    EXPECT_FALSE(base32_decode("MZXW1"));     // '1' is not in the alphabet
    EXPECT_FALSE(base32_decode("MZ XW"));     // nor is a space
    EXPECT_FALSE(base32_decode("M"));         // 5 bits: not even one byte
    EXPECT_FALSE(base32_decode("MZX"));       // 15 bits
    EXPECT_FALSE(base32_decode("MZXW6Y"));    // 30 bits
    EXPECT_FALSE(base32_decode("MZ"));        // "f" is MY: MZ sets a bit beyond the byte
    EXPECT_FALSE(base32_decode("MY=="));      // padding short of a group of eight
    EXPECT_FALSE(base32_decode("MY=====A"));  // a symbol after padding
    EXPECT_FALSE(base32_decode("========"));  // padding of nothing
}

TEST(Base32, RoundTripsRandomBytesOfEveryLength) {
    std::mt19937 random(20240601);
    for (std::size_t length = 0; length <= 64; ++length) {
        std::vector<unsigned char> bytes(length);
        for (auto& byte : bytes) byte = static_cast<unsigned char>(random());
        const auto encoded = base32_encode(bytes);
        EXPECT_EQ(encoded.size(), (length * 8 + 4) / 5);
        EXPECT_EQ(base32_decode(encoded), bytes) << encoded;
    }
}

}  // namespace
}  // namespace okrsek::service::security
