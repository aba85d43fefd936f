#include "geo/wkb.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "core/error.hpp"

namespace okrsek::geo {
namespace {

MultiPolygon sample() {
    Polygon with_hole{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
                      {{{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}}}};
    Polygon prague{{{14.4213, 50.0875}, {14.4313, 50.0875}, {14.4313, 50.0975}, {14.4213, 50.0875}},
                   {}};
    return {with_hole, prague};
}

void expect_same(const MultiPolygon& a, const MultiPolygon& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].outer, b[i].outer) << "polygon " << i;
        EXPECT_EQ(a[i].holes, b[i].holes) << "polygon " << i;
    }
}

// Big-endian WKB built by hand, so the reader is tested against bytes it did not write.
class BigEndianWriter {
public:
    BigEndianWriter& byte(char b) {
        m_out.push_back(b);
        return *this;
    }
    BigEndianWriter& uint32(std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8) byte(static_cast<char>((v >> shift) & 0xff));
        return *this;
    }
    BigEndianWriter& number(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        for (int shift = 56; shift >= 0; shift -= 8) {
            byte(static_cast<char>((bits >> shift) & 0xff));
        }
        return *this;
    }
    const std::string& bytes() const { return m_out; }

private:
    std::string m_out;
};

void expect_invalid_input(std::string_view wkb, const std::string& words) {
    try {
        from_wkb(wkb);
        FAIL() << "expected core::Error containing '" << words << "'";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
        EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
    }
}

TEST(Wkb, RoundTripsAMultipolygonWithHoles) {
    expect_same(from_wkb(to_wkb(sample())), sample());
}

TEST(Wkb, WritesLittleEndianMultipolygonHeaders) {
    const std::string wkb = to_wkb(sample());
    // 1 byte order + 4 type + 4 count; per polygon the same 9; per ring 4 + 16 per point.
    const std::size_t expected = 9 + (9 + 4 + 5 * 16 + 4 + 5 * 16) + (9 + 4 + 4 * 16);
    ASSERT_EQ(wkb.size(), expected);
    EXPECT_EQ(wkb.substr(0, 9), std::string("\x01\x06\0\0\0\x02\0\0\0", 9));
    EXPECT_EQ(wkb.substr(9, 9), std::string("\x01\x03\0\0\0\x02\0\0\0", 9));
}

TEST(Wkb, ReadsBigEndianPolygons) {
    BigEndianWriter w;
    w.byte(0).uint32(3).uint32(1).uint32(4);
    w.number(14.0).number(50.0).number(15.0).number(50.0).number(14.0).number(51.0);
    w.number(14.0).number(50.0);
    const MultiPolygon shape = from_wkb(w.bytes());
    ASSERT_EQ(shape.size(), 1u);
    EXPECT_EQ(shape[0].outer, (Ring{{14, 50}, {15, 50}, {14, 51}, {14, 50}}));
    EXPECT_TRUE(shape[0].holes.empty());
}

TEST(Wkb, ReadsMixedByteOrderMembers) {
    BigEndianWriter w;
    w.byte(0).uint32(6).uint32(1);
    const std::string member = to_wkb({sample()[1]}).substr(9);  // little-endian polygon
    const MultiPolygon shape = from_wkb(w.bytes() + member);
    expect_same(shape, {sample()[1]});
}

TEST(Wkb, RejectsEveryTruncation) {
    const std::string wkb = to_wkb(sample());
    for (std::size_t length = 0; length < wkb.size(); ++length) {
        EXPECT_THROW(from_wkb(std::string_view(wkb).substr(0, length)), core::Error) << length;
    }
    expect_invalid_input(std::string_view(wkb).substr(0, 30), "truncated");
}

TEST(Wkb, RejectsCountsLargerThanTheInput) {
    const std::string wkb = std::string("\x01\x06\0\0\0", 5) + std::string("\xff\xff\xff\x7f", 4);
    expect_invalid_input(wkb, "polygon count 2147483647 does not fit");
}

TEST(Wkb, RejectsOtherGeometryTypes) {
    expect_invalid_input(std::string("\x01\x01\0\0\0", 5) + std::string(16, '\0'),
                         "geometry type 1 is not Polygon (3) or MultiPolygon (6)");
    std::string member_point = std::string("\x01\x06\0\0\0\x01\0\0\0", 9) +
                               std::string("\x01\x01\0\0\0", 5) + std::string(16, '\0');
    expect_invalid_input(member_point, "multipolygon member is not a polygon");
}

TEST(Wkb, RejectsBadByteOrderAndTrailingBytes) {
    expect_invalid_input(std::string("\x02\x06\0\0\0\0\0\0\0", 9), "unknown byte order 2");
    expect_invalid_input(to_wkb(sample()) + "x", "1 bytes after the geometry");
}

TEST(Wkb, WritesAnEmptyMultipolygon) {
    EXPECT_EQ(to_wkb({}), std::string("\x01\x06\0\0\0\0\0\0\0", 9));
    EXPECT_TRUE(from_wkb(to_wkb({})).empty());
}

}  // namespace
}  // namespace okrsek::geo
