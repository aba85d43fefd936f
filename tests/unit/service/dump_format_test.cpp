// Values in the dump format: every double bit for bit, bytes as base64, no silent coercion.
#include "service/dump_format.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace okrsek::service::dump_format {
namespace {

using store::Blob;
using store::Value;

// Through the text of a line, as a dump file carries it.
Value through_text(const Value& value) {
    const std::string line = to_json(value).dump();
    return from_json(nlohmann::json::parse(line));
}

class DumpFormat : public ::testing::Test {
protected:
    static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(DumpFormat, DoublesKeepEveryBit) {
    const double samples[] = {0.1 + 0.2,
                              14.123456789012345,
                              3.0,
                              1e21,
                              -0.0,
                              std::numeric_limits<double>::denorm_min(),
                              std::numeric_limits<double>::min(),
                              std::numeric_limits<double>::max(),
                              -std::numeric_limits<double>::max()};
    for (const double sample : samples) {
        const Value back = through_text(sample);
        ASSERT_TRUE(std::holds_alternative<double>(back)) << sample;
        EXPECT_EQ(std::bit_cast<std::uint64_t>(std::get<double>(back)),
                  std::bit_cast<std::uint64_t>(sample))
            << to_json(sample).dump();
    }
    EXPECT_EQ(to_json(3.0).dump(), "3.0");  // a whole double is not read back as an integer
}

TEST_F(DumpFormat, RandomDoublesKeepEveryBit) {
    std::mt19937_64 random(20261122);
    for (int i = 0; i < 100000; ++i) {
        const double sample = std::bit_cast<double>(random());
        if (!std::isfinite(sample)) continue;
        const Value back = through_text(sample);
        ASSERT_EQ(std::bit_cast<std::uint64_t>(std::get<double>(back)),
                  std::bit_cast<std::uint64_t>(sample))
            << to_json(sample).dump();
    }
}

TEST_F(DumpFormat, NonFiniteDoublesAreNamed) {
    EXPECT_EQ(to_json(std::numeric_limits<double>::infinity()).dump(), R"({"double":"Infinity"})");
    EXPECT_EQ(std::get<double>(through_text(-std::numeric_limits<double>::infinity())),
              -std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(std::get<double>(through_text(std::nan("")))));
}

TEST_F(DumpFormat, IntegersTextNullAndBytes) {
    for (const std::int64_t n : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-1},
                                 std::int64_t{0}, std::numeric_limits<std::int64_t>::max()}) {
        EXPECT_EQ(through_text(n), Value(n));
    }
    EXPECT_EQ(through_text(std::monostate{}), Value(std::monostate{}));
    const std::string text = "Kč \"uvozovky\" \\ \n\t\x01 🏰";
    EXPECT_EQ(through_text(text), Value(text));
    std::string all_bytes;
    for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
    EXPECT_EQ(through_text(Blob{all_bytes}), Value(Blob{all_bytes}));
    EXPECT_EQ(through_text(Blob{}), Value(Blob{}));
    EXPECT_EQ(to_json(Blob{"\x01\x02\x03"}).dump(), R"({"base64":"AQID"})");
}

TEST_F(DumpFormat, OtherJsonIsRejected) {
    for (const char* bad :
         {"true", "[1]", R"({"base64":"!!"})", R"({"base64":"AQI"})", R"({"base64":1})",
          R"({"x":1})", R"({"double":"nan"})", "18446744073709551615"}) {
        EXPECT_THROW(from_json(nlohmann::json::parse(bad)), std::invalid_argument) << bad;
    }
}

}  // namespace
}  // namespace okrsek::service::dump_format
