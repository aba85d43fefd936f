#include "io/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"

namespace okrsek::io {
namespace {

std::vector<PointRow> read(const std::string& text) {
    std::istringstream in(text);
    return read_point_rows(in, "points.csv");
}

// The message of the core::Error that reading `text` throws.
std::string csv_error_of(const std::string& text) {
    try {
        read(text);
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), core::ErrorCode::invalid_input);
        return e.what();
    }
    return "no error";
}

TEST(Csv, ReadsRowsWithLineNumbers) {
    auto rows = read("id,lon,lat\nA,14.4213,50.0875\nB,14.5,50.1\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].id, "A");
    EXPECT_EQ(rows[0].line, 2u);
    EXPECT_EQ(rows[0].position.lon, 14.4213);
    EXPECT_EQ(rows[0].position.lat, 50.0875);
    EXPECT_EQ(rows[1].line, 3u);
}

TEST(Csv, HeaderInAnyOrderAnyCaseWithOtherColumns) {
    auto rows = read(" LAT ,note,Id,Lon\n50.0875,hello,7,14.4213\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, "7");
    EXPECT_EQ(rows[0].position.lon, 14.4213);
    EXPECT_EQ(rows[0].position.lat, 50.0875);
}

TEST(Csv, DetectsSemicolons) {
    auto rows = read("id;lon;lat;note\nA;14.4;50.1;x,y\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].position.lat, 50.1);
}

TEST(Csv, StripsByteOrderMarkAndHandlesCrLf) {
    auto rows = read("\xEF\xBB\xBFid,lon,lat\r\nA,14.4,50.1\r\nB,14.5,50.2\r\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].id, "B");
    EXPECT_EQ(rows[1].line, 3u);
}

TEST(Csv, QuotedFieldsWithDoubledQuotesAndNewlines) {
    auto rows = read(
        "id,lon,lat,note\n\"A \"\"1\"\"\",14.4,50.1,\"two\nlines\"\n"
        "\"B,2\",\"14.5\",50.2,\"\"\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].id, "A \"1\"");
    EXPECT_EQ(rows[0].line, 2u);
    EXPECT_EQ(rows[1].id, "B,2");
    EXPECT_EQ(rows[1].line, 4u);  // the quoted newline counts
    EXPECT_EQ(rows[1].position.lon, 14.5);
}

TEST(Csv, LineOfAnErrorAfterAQuotedNewline) {
    EXPECT_EQ(csv_error_of("id,lon,lat,note\nA,14,50,\"x\ny\"\nB,14,abc,z\n"),
              "points.csv line 4: column 'lat' is not a number ('abc')");
}

TEST(Csv, IgnoresEmptyLines) {
    auto rows = read("id,lon,lat\nA,14.4,50.1\n\n\r\n  \n");
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_TRUE(read("id,lon,lat\n").empty());
    EXPECT_EQ(read("id,lon,lat\nA,14,50").size(), 1u);  // no final newline
}

TEST(Csv, NotANumber) {
    EXPECT_EQ(csv_error_of("id,lon,lat\nA,14,50\nB,14,abc\n"),
              "points.csv line 3: column 'lat' is not a number ('abc')");
    EXPECT_EQ(csv_error_of("id,lon,lat\nA,,50\n"),
              "points.csv line 2: column 'lon' is not a number ('')");
    EXPECT_EQ(csv_error_of("id,lon,lat\nA,14.4x,50\n"),
              "points.csv line 2: column 'lon' is not a number ('14.4x')");
    EXPECT_EQ(csv_error_of("id,lon,lat\nA,nan,50\n"),
              "points.csv line 2: column 'lon' is not a number ('nan')");
}

TEST(Csv, DecimalCommaGetsAHint) {
    EXPECT_EQ(csv_error_of("id;lon;lat\nA;14,42;50,08\n"),
              "points.csv line 2: column 'lon' is not a number ('14,42'); use a decimal point, "
              "not a comma");
}

TEST(Csv, WrongColumnCount) {
    EXPECT_EQ(csv_error_of("id,lon,lat\nA,14,50\nB,14,50\nC,14,50\nD,14\n"),
              "points.csv line 5: expected 3 columns, got 2");
    EXPECT_EQ(csv_error_of("id,lon,lat\nA,14,50,extra\n"),
              "points.csv line 2: expected 3 columns, got 4");
}

TEST(Csv, HeaderMustNameTheColumns) {
    EXPECT_EQ(csv_error_of("name,x,y\nA,14,50\n"),
              "points.csv line 1: header must name columns id, lon and lat");
    EXPECT_EQ(csv_error_of(""), "points.csv line 1: header must name columns id, lon and lat");
    EXPECT_EQ(csv_error_of("\n\nid,lon\n"),
              "points.csv line 3: header must name columns id, lon and lat");
}

TEST(Csv, CoordinatesOutOfRange) {
    EXPECT_EQ(csv_error_of("id,lon,lat\n1,1,1\n2,1,1\n3,1,1\n4,1,1\n5,1,1\n6,14,95\n"),
              "points.csv line 7: lat 95 is outside -90..90");
    EXPECT_EQ(csv_error_of("id,lon,lat\n1,-180.5,0\n"),
              "points.csv line 2: lon -180.5 is outside -180..180");
    EXPECT_EQ(read("id,lon,lat\n1,-180,-90\n2,+180,90\n").size(), 2u);
}

TEST(Csv, EmptyIdAndUnclosedQuote) {
    EXPECT_EQ(csv_error_of("id,lon,lat\n ,14,50\n"), "points.csv line 2: column 'id' is empty");
    EXPECT_EQ(csv_error_of("id,lon,lat\nA,14,50\n\"B,14,50\n"),
              "points.csv line 3: a quoted field is not closed");
    EXPECT_EQ(csv_error_of("id,lon,lat\n\"A\"x,14,50\n"),
              "points.csv line 2: unexpected character after a closing quote");
}

TEST(Csv, ReportsProgressAboutEvery64KiB) {
    std::string text = "id,lon,lat\n";
    for (int i = 0; text.size() < std::size_t{300} * 1024; ++i)
        text += std::to_string(i) + ",14.4213,50.0875\n";
    std::istringstream in(text);
    std::vector<std::size_t> calls;
    auto rows = read_point_rows(in, "big.csv", [&](std::size_t bytes) { calls.push_back(bytes); });
    EXPECT_GT(rows.size(), 10000u);
    ASSERT_EQ(calls.size(), (text.size() + 65535) / 65536);
    EXPECT_EQ(calls.front(), 65536u);
    EXPECT_EQ(calls.back(), text.size());
}

TEST(Csv, WritesRecordsWithQuotesWhereNeeded) {
    std::ostringstream out;
    write_csv_record(out, {"plain", "with,comma", "say \"hi\"", "two\nlines", "semi;colon", ""});
    EXPECT_EQ(out.str(),
              "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",\"semi;colon\",\n");
}

TEST(Csv, WrittenRecordsReadBack) {
    std::ostringstream out;
    write_csv_record(out, {"id", "lon", "lat"});
    write_csv_record(out, {"Žižkov \"3\", roh", "14.45", "50.08"});
    auto rows = read(out.str());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, "Žižkov \"3\", roh");
}

}  // namespace
}  // namespace okrsek::io
