#include "io/ruian_addresses.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "support/test_paths.hpp"

namespace okrsek::io {
namespace {

const geo::SjtskToWgs84& to_wgs84() {
    static const geo::SjtskToWgs84 transform;
    return transform;
}

struct Rejected {
    std::uint64_t line = 0;
    std::string reason;
};

struct ReadResult {
    std::vector<core::AddressPoint> points;
    std::vector<Rejected> rejected;
    RuianHeaderGeneration generation = RuianHeaderGeneration::names_only;
    std::optional<TextEncoding> encoding;
    std::uint64_t bytes_read = 0;
};

ReadResult read_stream(std::istream& in, const std::string& name) {
    RuianAddressReader reader(in, name, to_wgs84());
    ReadResult result;
    result.generation = reader.generation();
    core::AddressPoint point;
    std::string reason;
    for (;;) {
        const auto row = reader.next(point, reason);
        if (row == RuianAddressReader::Row::end) break;
        if (row == RuianAddressReader::Row::address) {
            result.points.push_back(point);
        } else {
            result.rejected.push_back({reader.line(), reason});
        }
    }
    result.encoding = reader.encoding();
    result.bytes_read = reader.bytes_read();
    return result;
}

ReadResult read_text(const std::string& text) {
    std::istringstream in(text);
    return read_stream(in, "adresy.csv");
}

ReadResult read_sample(const std::string& name) {
    std::ifstream in(test::support_file("ruian-addresses/" + name), std::ios::binary);
    EXPECT_TRUE(in) << name;
    return read_stream(in, name);
}

std::string header_error(const std::string& text) {
    try {
        read_text(text);
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
        return error.what();
    }
    return "no error";
}

bool same_point(const core::AddressPoint& a, const core::AddressPoint& b) {
    return a.code == b.code && a.municipality_code == b.municipality_code &&
           a.municipality_name == b.municipality_name && a.city_part_code == b.city_part_code &&
           a.city_part_name == b.city_part_name && a.part_name == b.part_name &&
           a.street == b.street && a.evidence_number == b.evidence_number &&
           a.house_number == b.house_number && a.orientation_number == b.orientation_number &&
           a.orientation_letter == b.orientation_letter && a.postcode == b.postcode &&
           a.position == b.position;
}

double distance_m(core::LonLat a, core::LonLat b) {
    constexpr double radius_m = 6371008.8;
    constexpr double rad = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat - a.lat) * rad;
    const double dlon = (b.lon - a.lon) * rad * std::cos((a.lat + b.lat) / 2 * rad);
    return radius_m * std::hypot(dlat, dlon);
}

constexpr const char* header_2018 =
    "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód MOP;Název MOP;Kód části obce;"
    "Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;Číslo orientační;"
    "Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od\n";
constexpr const char* header_2020 =
    "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;"
    "Kód části obce;Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;"
    "Číslo orientační;Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od\r\n";

TEST(RuianAddresses, Header2018) {
    const auto result = read_text(
        std::string(header_2018) +
        "15067831;577308;Lomnice nad Popelkou;;;;;86738;Chlum;;;č.p.;1;;;51251;669234.00;"
        "1004979.00;2013-12-05T00:00:00\n"
        "21297762;538493;Mnichovice;;;;;97535;Božkov;415791;Luční;č.ev.;177;;;25164;724973.12;"
        "1063270.18;2013-12-04T00:00:00\n");
    EXPECT_EQ(result.generation, RuianHeaderGeneration::mop_2018);
    ASSERT_EQ(result.points.size(), 2u);
    ASSERT_TRUE(result.rejected.empty()) << result.rejected[0].reason;
    const auto& chlum = result.points[0];
    EXPECT_EQ(chlum.code, 15067831);
    EXPECT_EQ(chlum.municipality_code, 577308);
    EXPECT_EQ(chlum.municipality_name, "Lomnice nad Popelkou");
    EXPECT_EQ(chlum.city_part_code, 0);
    EXPECT_EQ(chlum.part_name, "Chlum");
    EXPECT_EQ(chlum.street, "");
    EXPECT_FALSE(chlum.evidence_number);
    EXPECT_EQ(chlum.house_number, 1);
    EXPECT_EQ(chlum.orientation_number, 0);
    EXPECT_EQ(chlum.postcode, 51251);
    ASSERT_TRUE(chlum.position);
    // tests/support/data/control-points.csv, RUIAN-LOMNICE-15067831 (PROJ, EPSG:1623).
    EXPECT_LT(distance_m(*chlum.position, {15.3758157, 50.5125073}), 0.02);
    const auto& lucni = result.points[1];
    EXPECT_TRUE(lucni.evidence_number);
    EXPECT_EQ(lucni.street, "Luční");
    EXPECT_EQ(lucni.house_number, 177);
}

TEST(RuianAddresses, Header2020WithPragueCityPart) {
    const auto result =
        read_text(std::string(header_2020) +
                  "22296361;554782;Praha;500186;Praha 7;43;Praha 7;490067;Holešovice;464210;"
                  "U Elektrárny;č.p.;9;10;;17000;741272.24;1040840.65;2017-06-29T00:00:00\r\n");
    EXPECT_EQ(result.generation, RuianHeaderGeneration::prague_districts_2020);
    ASSERT_EQ(result.points.size(), 1u);
    const auto& point = result.points[0];
    EXPECT_EQ(point.city_part_code, 500186);
    EXPECT_EQ(point.city_part_name, "Praha 7");
    EXPECT_EQ(point.part_name, "Holešovice");
    EXPECT_EQ(point.street, "U Elektrárny");
    EXPECT_EQ(point.house_number, 9);
    EXPECT_EQ(point.orientation_number, 10);
    ASSERT_TRUE(point.position);
    EXPECT_NEAR(point.position->lat, 50.10870, 0.0001);
    EXPECT_NEAR(point.position->lon, 14.43841, 0.0001);
}

// The VDP address report: no MOP and street codes, X before Y, decimal commas, whole numbers
// as "10,0", "Platí od" in lower case and columns of its own.
TEST(RuianAddresses, NamesOnlyReportHeader) {
    const auto result = read_text(
        "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Název MOP;Kód části obce;"
        "Název části obce;Název ulice;Typ SO;Číslo domovní;Číslo orientační;"
        "Znak čísla orientačního;PSČ;Souřadnice X;Souřadnice Y;Platí od;Jednořádková adresa;"
        "Číslo volebního okrsku\r\n"
        "22296361;554782;Praha;500186;Praha 7;Praha 7;490067;Holešovice;U Elektrárny;č.p.;9;"
        "10,0;;17000;741272,24;1040840,65;29.06.2017;U Elektrárny 9/10~Holešovice~17000 Praha 7;"
        "7001,0\r\n"
        "22000000;554782;Praha;500186;Praha 7;Praha 7;490067;Holešovice;Dělnická;č.p.;1;12,0;a;"
        "17000;741300,00;1040900,00;01.07.2011;Dělnická 1/12a~Holešovice~17000 Praha 7;7002,0\r\n");
    EXPECT_EQ(result.generation, RuianHeaderGeneration::names_only);
    ASSERT_EQ(result.points.size(), 2u);
    ASSERT_TRUE(result.rejected.empty()) << result.rejected[0].reason;
    const auto same_in_2020 =
        read_text(std::string(header_2020) +
                  "22296361;554782;Praha;500186;Praha 7;43;Praha 7;490067;Holešovice;464210;"
                  "U Elektrárny;č.p.;9;10;;17000;741272.24;1040840.65;2017-06-29T00:00:00\n");
    EXPECT_TRUE(same_point(result.points[0], same_in_2020.points.at(0)));
    EXPECT_EQ(result.points[1].orientation_number, 12);
    EXPECT_EQ(result.points[1].orientation_letter, "a");
}

TEST(RuianAddresses, AnyColumnOrderWithoutCityPartColumns) {
    const auto result = read_text(
        "PSČ;Souřadnice X;Typ SO;Kód obce;Název obce;Číslo domovní;Kód ADM;Souřadnice Y;"
        "Název ulice\n"
        "25164;1063270.18;č.p.;538493;Mnichovice;1;21297258;724973.12;Svahová\n");
    ASSERT_EQ(result.points.size(), 1u);
    const auto& point = result.points[0];
    EXPECT_EQ(point.code, 21297258);
    EXPECT_EQ(point.street, "Svahová");
    EXPECT_EQ(point.city_part_code, 0);
    EXPECT_EQ(point.part_name, "");
    ASSERT_TRUE(point.position);
    EXPECT_LT(distance_m(*point.position, {14.7058374, 49.9285406}), 0.02);
}

TEST(RuianAddresses, HeaderNamesIgnoreCaseAndDiacritics) {
    const auto result = read_text(
        "KOD ADM;kod obce;Nazev  obce;Typ SO;Cislo domovni;souradnice y;SOURADNICE X\n"
        "1;538493;Mnichovice;č.ev.;6;;\n");
    ASSERT_EQ(result.points.size(), 1u);
    EXPECT_TRUE(result.points[0].evidence_number);
    EXPECT_FALSE(result.points[0].position);
}

TEST(RuianAddresses, EncodingsAreDetected) {
    const std::string utf8_row = "1;538493;Mnichovice;;;;;97535;Božkov;;;č.p.;1;;;25164;;;x\n";
    const auto bom = read_text("\xEF\xBB\xBF" + std::string(header_2018) + utf8_row);
    EXPECT_EQ(bom.encoding, TextEncoding::utf8);
    ASSERT_EQ(bom.points.size(), 1u);
    EXPECT_EQ(bom.points[0].part_name, "Božkov");

    const auto plain = read_text(std::string(header_2018) + utf8_row);
    EXPECT_EQ(plain.encoding, TextEncoding::utf8);
    ASSERT_EQ(plain.points.size(), 1u);

    // The same in windows-1250: ó = F3, á = E1, č = E8, í = ED, ž = 9E, ý = FD.
    const auto windows = read_text(
        "K\xF3"
        "d ADM;K\xF3"
        "d obce;N\xE1zev obce;N\xE1zev \xE8\xE1sti obce;Typ SO;"
        "\xC8\xEDslo domovn\xED\n"
        "1;538493;Mnichovice;Bo\x9Ekov;\xE8.p.;1\n");
    EXPECT_EQ(windows.encoding, TextEncoding::windows_1250);
    ASSERT_EQ(windows.points.size(), 1u);
    EXPECT_EQ(windows.points[0].part_name, "Božkov");
    EXPECT_FALSE(windows.points[0].evidence_number);
}

TEST(RuianAddresses, SamplesInBothEncodingsGiveTheSamePoints) {
    const auto windows = read_sample("20181031_OB_577308_ADR.cp1250.csv");
    const auto utf8 = read_sample("20181031_OB_577308_ADR.utf8.csv");
    EXPECT_EQ(windows.encoding, TextEncoding::windows_1250);
    EXPECT_EQ(utf8.encoding, TextEncoding::utf8);
    EXPECT_TRUE(windows.rejected.empty());
    ASSERT_EQ(windows.points.size(), 1765u);
    ASSERT_EQ(utf8.points.size(), 1765u);
    for (std::size_t i = 0; i < windows.points.size(); ++i) {
        ASSERT_TRUE(same_point(windows.points[i], utf8.points[i])) << "row " << i + 2;
    }
    std::size_t evidence = 0;
    for (const auto& point : utf8.points) evidence += point.evidence_number ? 1 : 0;
    EXPECT_EQ(evidence, 41u);
}

TEST(RuianAddresses, MnichoviceSample) {
    const auto result = read_sample("20181031_OB_538493_ADR.utf8.csv");
    EXPECT_EQ(result.generation, RuianHeaderGeneration::mop_2018);
    EXPECT_TRUE(result.rejected.empty());
    ASSERT_EQ(result.points.size(), 2183u);
    std::size_t without_position = 0, evidence = 0, with_street = 0;
    for (const auto& point : result.points) {
        without_position += point.position ? 0 : 1;
        evidence += point.evidence_number ? 1 : 0;
        with_street += point.street.empty() ? 0 : 1;
        EXPECT_EQ(point.municipality_code, 538493);
    }
    EXPECT_EQ(without_position, 53u);
    EXPECT_EQ(evidence, 899u);
    EXPECT_EQ(with_street, 1621u);
    EXPECT_EQ(result.bytes_read, std::filesystem::file_size(test::support_file(
                                     "ruian-addresses/20181031_OB_538493_ADR.utf8.csv")));
}

// control-points.csv: the ČÚZK example point (authoritative ETRS89, which EPSG:1623 meets to
// 0.06 m) and a real address point of the Mnichovice sample as PROJ computes it.
TEST(RuianAddresses, PositionsMatchTheControlPoints) {
    const auto cuzk = read_text(
        "Kód ADM;Kód obce;Název obce;Typ SO;Číslo domovní;Souřadnice Y;Souřadnice X\n"
        "1;500000;X;č.p.;1;774386.424;1049151.327\n");
    ASSERT_EQ(cuzk.points.size(), 1u);
    ASSERT_TRUE(cuzk.points[0].position);
    EXPECT_LT(distance_m(*cuzk.points[0].position, {13.996626667, 49.993306844}), 0.1);

    const auto mnichovice = read_sample("20181031_OB_538493_ADR.utf8.csv");
    const auto found = std::find_if(mnichovice.points.begin(), mnichovice.points.end(),
                                    [](const auto& point) { return point.code == 21297258; });
    ASSERT_NE(found, mnichovice.points.end());
    ASSERT_TRUE(found->position);
    EXPECT_LT(distance_m(*found->position, {14.7058374, 49.9285406}), 0.02);
}

TEST(RuianAddresses, MalformedRowsAreRejectedWithTheirLineNumbers) {
    const std::string long_street(5000, 'x');
    const auto result = read_text(
        std::string(header_2018) +                                                        // 1
        "1;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;1;;;25164;;;x\n"              // 2
        "abc;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;2;;;25164;;;x\n"            // 3
        "3;538493;Mnichovice;;;;;97535;Božkov\n"                                          // 4
        "4;538493;Mnichovice;;;;;97535;Božkov;;Svahová;xx;4;;;25164;;;x\r\n"              // 5
        "5;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;5;;;25164;724973.12;;x\n"     // 6
        "6;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;6;;;25164;100.00;200.00;x\n"  // 7
        "\n"                                                                              // 8
        "7;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;7;;b;25164;;;x\n"             // 9
        "8;538493;;;;;;97535;Božkov;;Svahová;č.p.;8;;;25164;;;x\n"                        // 10
        "9;538493;Mnichovice;;;;;97535;Božkov;;" +
        long_street + ";č.p.;9;;;1;;;x\n" +                                      // 11
        "10;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;0;;;25164;;;x\n"    // 12
        "11;538493;Mnichovice;;;;;97535;Bo\xC5;;Svahová;č.p.;11;;;25164;;;x\n"   // 13
        "12;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;12;3;;2516;;;x\n"   // 14
        "13;538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;13;;;251 64;;;x");  // 15
    std::vector<std::int64_t> codes;
    for (const auto& point : result.points) codes.push_back(point.code);
    EXPECT_EQ(codes, (std::vector<std::int64_t>{1, 13}));
    const std::map<std::uint64_t, std::string> expected{
        {3, "column 'Kód ADM' is not a number in range: 'abc'"},
        {4, "expected 19 fields, found 9"},
        {5, "column 'Typ SO' must be č.p. or č.ev.: 'xx'"},
        {6, "column 'Souřadnice X' is empty while the other coordinate is given"},
        {7, "S-JTSK coordinates lie outside the Czech Republic"},
        {9, "column 'Znak čísla orientačního' is given without a Číslo orientační"},
        {10, "column 'Název obce' is empty"},
        {11, "line longer than 4096 bytes"},
        {12, "column 'Číslo domovní' is not a number in range: '0'"},
        {13, "not valid UTF-8 text"},
        {14, "column 'PSČ' is not a postcode: '2516'"},
    };
    std::map<std::uint64_t, std::string> rejected;
    for (const auto& row : result.rejected) rejected[row.line] = row.reason;
    EXPECT_EQ(rejected, expected);
    EXPECT_EQ(result.points[1].postcode, 25164);
}

TEST(RuianAddresses, QuotedFields) {
    const auto result = read_text(
        "Kód ADM;Kód obce;Název obce;Název ulice;Typ SO;Číslo domovní\n"
        "1;538493;\"Mnichovice\";\"Na \"\"Kopci\"\"; dole\";č.p.;1\n"
        "2;538493;Mnichovice;\"Na Kopci;č.p.;1\n");
    ASSERT_EQ(result.points.size(), 1u);
    EXPECT_EQ(result.points[0].street, "Na \"Kopci\"; dole");
    ASSERT_EQ(result.rejected.size(), 1u);
    EXPECT_EQ(result.rejected[0].line, 3u);
    EXPECT_EQ(result.rejected[0].reason, "unbalanced quotes");
}

TEST(RuianAddresses, BadHeadersFailTheFile) {
    EXPECT_EQ(header_error(""), "adresy.csv: empty file, no header");
    EXPECT_EQ(header_error("Kód ADM;Kód obce;Název obce;Číslo domovní\n1;2;3;4\n"),
              "adresy.csv line 1: not a RÚIAN address point header, missing 'Typ SO'");
    EXPECT_EQ(header_error("Kód ADM,Kód obce,Název obce,Typ SO,Číslo domovní\n"),
              "adresy.csv line 1: not a RÚIAN address point header, missing 'Kód ADM', "
              "'Kód obce', 'Název obce', 'Typ SO', 'Číslo domovní' (columns are separated by "
              "';')");
    EXPECT_EQ(header_error("Kód ADM;Kód obce;Název obce;Typ SO;Číslo domovní;Kod ADM\n"),
              "adresy.csv line 1: column 'Kod ADM' appears twice");
    EXPECT_EQ(header_error("Kód ADM;Platí do;Adresa;Kód obce;Název obce;Typ SO;Číslo domovní\n"),
              "adresy.csv: a list of cancelled address points (column 'Platí do'), not of "
              "current ones");
    EXPECT_EQ(header_error("Kód ADM;Kód obce;Název obce;Typ SO;Číslo domovní;Souřadnice Y\n"),
              "adresy.csv line 1: 'Souřadnice Y' and 'Souřadnice X' come together");
}

}  // namespace
}  // namespace okrsek::io
