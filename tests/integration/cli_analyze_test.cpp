// okrsek analyze gi|localmoran|kde|concentration with the real binary, on the published
// examples (tests/support/data/analytics-methods/) and on files with mistakes.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "okrsek_command.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

// A CSV the command wrote: rows of fields by column name.
struct Csv {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    static Csv parse(const std::string& text) {
        Csv csv;
        std::istringstream in(text);
        std::string line;
        bool first = true;
        while (std::getline(in, line)) {
            std::vector<std::string> fields(1);
            for (char c : line) {
                if (c == ',') {
                    fields.emplace_back();
                } else {
                    fields.back() += c;
                }
            }
            if (first) {
                csv.header = fields;
                first = false;
            } else {
                csv.rows.push_back(fields);
            }
        }
        return csv;
    }

    const std::string& at(std::size_t row, const std::string& column) const {
        for (std::size_t c = 0; c < header.size(); ++c) {
            if (header[c] == column) return rows.at(row).at(c);
        }
        throw std::runtime_error("no column " + column);
    }
    double number(std::size_t row, const std::string& column) const {
        return std::stod(at(row, column));
    }
};

class CliAnalyzeTest : public ::testing::Test {
protected:
    std::string write(const std::string& name, const std::string& text) {
        const auto path = dir.path() / name;
        std::ofstream(path) << text;
        return path.string();
    }
    std::string out(const std::string& name = "out.csv") const {
        return (dir.path() / name).string();
    }
    static std::string data(const std::string& name) {
        return support_file("analytics-methods/" + name).string();
    }
    // Runs, expects success and reads the CSV written to --output.
    Csv analyze(const std::string& arguments) {
        const auto result = run_okrsek("analyze " + arguments + " --output " + out());
        EXPECT_EQ(result.exit_code, 0) << result.output;
        return Csv::parse(read_file(out()));
    }

    TempDir dir;
};

const char* const esda_points =
    "id,x,y,value\n"
    "a,10,10,2\nb,20,10,3\nc,40,10,3.2\nd,15,20,5\ne,30,20,8\nf,30,30,7\n";

TEST_F(CliAnalyzeTest, GiStarMatchesEsda) {
    const auto csv = analyze("gi --input " + write("six.csv", esda_points) + " --band 15 --star");
    EXPECT_EQ(csv.header, (std::vector<std::string>{"id", "value", "statistic", "z", "p", "q_fdr",
                                                    "neighbours"}));
    ASSERT_EQ(csv.rows.size(), 6u);
    // esda G_Local(transform='B', star=True).Zs
    const double esda[] = {-1.39727626, -0.28917762, 0.65064964,
                           -0.28917762, 1.23452088,  2.02424331};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_NEAR(csv.number(i, "z"), esda[i], 5e-9) << i;
        EXPECT_GE(csv.number(i, "q_fdr"), csv.number(i, "p"));
    }
    EXPECT_EQ(csv.at(0, "id"), "a");
    EXPECT_EQ(csv.at(3, "neighbours"), "3");
    EXPECT_EQ(csv.at(2, "value"), "3.2");
}

TEST_F(CliAnalyzeTest, GiOnTheGetisOrdGridMatchesSpdep) {
    const auto csv = analyze("gi --input " + data("getisord_1996.csv") + " --band 30");
    ASSERT_EQ(csv.rows.size(), 256u);
    EXPECT_NEAR(csv.number(119, "z"), 1.221979, 5e-7);  // spdep man/localG.Rd
    // R weights give the same z (Ord–Getis variance); esda's variance does not.
    const auto r = analyze("gi --input " + data("getisord_1996.csv") + " --band 30 --transform R");
    EXPECT_NEAR(r.number(119, "z"), 1.221979, 5e-7);
    const auto esda = analyze("gi --input " + data("getisord_1996.csv") +
                              " --band 30 --transform R --variance esda");
    EXPECT_GT(std::fabs(esda.number(119, "z") - 1.221979), 1e-3);
}

TEST_F(CliAnalyzeTest, LocalMoranWithNearestNeighboursMatchesSpdep) {
    // The file has more columns than id,x,y,value: they are ignored.
    const auto csv = analyze("localmoran --input " + data("knn4_30points_spdep.csv") + " --knn 4");
    ASSERT_EQ(csv.rows.size(), 30u);
    std::ifstream in(data("knn4_30points_spdep.csv"));
    std::stringstream text;
    text << in.rdbuf();
    const auto spdep = Csv::parse(text.str());
    for (std::size_t i = 0; i < 30; ++i) {
        EXPECT_NEAR(csv.number(i, "statistic"), spdep.number(i, "moran_ii"), 1e-9) << i;
        EXPECT_NEAR(csv.number(i, "z"), spdep.number(i, "moran_z"), 1e-9) << i;
        const int quadrant = std::stoi(csv.at(i, "quadrant"));
        EXPECT_GE(quadrant, 1);
        EXPECT_LE(quadrant, 4);
    }
}

TEST_F(CliAnalyzeTest, IslandsPrintEmptyStatistics) {
    const auto csv =
        analyze("gi --input " + write("island.csv", std::string(esda_points) + "g,900,900,4\n") +
                " --band 15");
    ASSERT_EQ(csv.rows.size(), 7u);
    EXPECT_EQ(csv.at(6, "neighbours"), "0");
    EXPECT_EQ(csv.at(6, "z"), "");
    EXPECT_EQ(csv.at(6, "q_fdr"), "");
    EXPECT_NE(csv.at(0, "z"), "");
}

TEST_F(CliAnalyzeTest, KdeGivesDensityPerSquareKilometre) {
    // One event of weight 2 at a cell centre, bandwidth 40 m: peak 2·3/(π·40²) per m².
    const auto csv =
        analyze("kde --input " + write("one.csv", "id,x,y,value\nx1,105,105,2\nx2,1005,1005,0\n") +
                " --cell 10 --bandwidth 40");
    EXPECT_EQ(csv.header, (std::vector<std::string>{"x", "y", "density"}));
    bool found = false;
    for (std::size_t i = 0; i < csv.rows.size(); ++i) {
        EXPECT_GT(csv.number(i, "density"), 0.0);
        if (csv.number(i, "x") == 105.0 && csv.number(i, "y") == 105.0) {
            found = true;
            EXPECT_NEAR(csv.number(i, "density"), 2.0 * 3.0 / (std::numbers::pi * 1600.0) * 1e6,
                        1e-9);
        }
    }
    EXPECT_TRUE(found);
    // The grid starts at the event's cell: the 15 cells of the north-east quarter closer
    // than 40 m (3 × 3 offsets but (30, 30), plus the axes' 0…30 m).
    EXPECT_EQ(csv.rows.size(), 15u);
}

TEST_F(CliAnalyzeTest, KdeOnLongitudeLatitude) {
    const auto csv = analyze("kde --geographic --input " +
                             write("geo.csv",
                                   "id,x,y,value\n1,14.4200,50.0800,1\n2,14.4210,50.0805,1\n"
                                   "3,14.4230,50.0790,3\n") +
                             " --cell 50 --bandwidth 200");
    ASSERT_FALSE(csv.rows.empty());
    for (std::size_t i = 0; i < csv.rows.size(); ++i) {
        EXPECT_NEAR(csv.number(i, "x"), 14.42, 0.01);
        EXPECT_NEAR(csv.number(i, "y"), 50.08, 0.01);
    }
}

TEST_F(CliAnalyzeTest, ConcentrationMatchesLorenzgini) {
    std::string text = "id,x,y,value\n1,,,5\n2,,,2\n3,,,1\n";
    for (int i = 4; i <= 10; ++i) text += std::to_string(i) + ",,,0\n";
    const auto csv = analyze("concentration --input " + write("sparse.csv", text));
    ASSERT_EQ(csv.rows.size(), 1u);
    EXPECT_NEAR(csv.number(0, "gini"), 0.8, 1e-12);
    EXPECT_NEAR(csv.number(0, "generalised_gini"), 0.75, 1e-12);
    EXPECT_EQ(csv.at(0, "units"), "10");
    EXPECT_EQ(csv.at(0, "units_50"), "1");
}

TEST_F(CliAnalyzeTest, PrintsToStandardOutputWithoutOutputOption) {
    const auto result =
        run_okrsek("analyze concentration --input " + write("c.csv", "id,value\na,1\nb,3\n"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output.rfind("units,units_with_events,events,", 0), 0u) << result.output;
}

TEST_F(CliAnalyzeTest, BadInputNamesTheLineAndWritesNothing) {
    const auto bad = write("bad.csv", "id,x,y,value\na,1,2,3\nb,4,5,6\nc,7,8,many\n");
    const auto result = run_okrsek("analyze gi --band 10 --input " + bad + " --output " + out());
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.output.find(bad + ":4: value is not a number"), std::string::npos)
        << result.output;
    EXPECT_FALSE(std::filesystem::exists(out()));

    const auto header = run_okrsek("analyze gi --band 10 --input " +
                                   write("header.csv", "id,lon,lat,value\na,1,2,3\n"));
    EXPECT_NE(header.exit_code, 0);
    EXPECT_NE(header.output.find(":1: the header has no column 'x'"), std::string::npos)
        << header.output;

    const auto repeated = run_okrsek("analyze gi --band 10 --input " +
                                     write("repeat.csv", "id,x,y,value\na,1,2,3\n\na,1,2,3\n"));
    EXPECT_NE(repeated.output.find(":4: id 'a' repeats line 2"), std::string::npos)
        << repeated.output;

    const auto fields =
        run_okrsek("analyze kde --input " + write("fields.csv", "id,x,y,value\na,1,2\n"));
    EXPECT_NE(fields.output.find(":2: 3 fields, the header has 4"), std::string::npos)
        << fields.output;

    const auto negative =
        run_okrsek("analyze kde --input " + write("negative.csv", "id,x,y,value\na,1,2,-3\n"));
    EXPECT_NE(negative.output.find(":2: value is negative"), std::string::npos) << negative.output;

    const auto latitude = run_okrsek("analyze gi --band 100 --geographic --input " +
                                     write("lat.csv", "id,x,y,value\na,14,50,1\nb,14,95,2\n"));
    EXPECT_NE(latitude.output.find(":3: y is not a latitude"), std::string::npos)
        << latitude.output;
}

TEST_F(CliAnalyzeTest, UsageErrorsExitWithTwo) {
    const auto input = write("six.csv", esda_points);
    const auto no_neighbourhood = run_okrsek("analyze gi --input " + input);
    EXPECT_EQ(no_neighbourhood.exit_code, 2) << no_neighbourhood.output;
    EXPECT_NE(no_neighbourhood.output.find("--band D or --knn K"), std::string::npos);

    const auto both = run_okrsek("analyze gi --input " + input + " --band 10 --knn 2");
    EXPECT_EQ(both.exit_code, 2) << both.output;

    const auto knn = run_okrsek("analyze localmoran --input " + input + " --knn 6");
    EXPECT_EQ(knn.exit_code, 2) << knn.output;
    EXPECT_NE(knn.output.find("--knn: "), std::string::npos) << knn.output;

    const auto band = run_okrsek("analyze gi --input " + input + " --band -3");
    EXPECT_EQ(band.exit_code, 2) << band.output;
    EXPECT_NE(band.output.find("--band: "), std::string::npos) << band.output;

    const auto cell = run_okrsek("analyze kde --input " + input + " --cell 0.0001");
    EXPECT_EQ(cell.exit_code, 2) << cell.output;
    EXPECT_NE(cell.output.find("--cell: "), std::string::npos) << cell.output;

    const auto missing = run_okrsek("analyze gi --band 10 --input " + out("missing.csv"));
    EXPECT_EQ(missing.exit_code, 2) << missing.output;
    EXPECT_NE(missing.output.find("cannot read"), std::string::npos) << missing.output;
}

}  // namespace
}  // namespace okrsek::test
