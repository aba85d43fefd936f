// Search quality on a small hand-made country: diacritics, typos, word order, every house-number
// form, postcodes, ranking and limits. No database: the index is built from a vector.
#include "service/addresses/address_index.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "service/addresses/address_query.hpp"

namespace okrsek::service {
namespace {

struct Place {
    std::int64_t town = 0;
    std::string town_name;
    std::int64_t city_part = 0;
    std::string city_part_name;
    std::string part;
    std::int32_t postcode = 0;
};

const Place vinohrady{554782, "Praha", 500089, "Praha 2", "Vinohrady", 12000};
const Place nove_mesto{554782, "Praha", 500054, "Praha 1", "Nové Město", 11000};
const Place vrsovice{554782, "Praha", 500224, "Praha 10", "Vršovice", 10100};
const Place bozkov{538493, "Mnichovice", 0, "", "Božkov", 25164};
const Place mnichovice{538493, "Mnichovice", 0, "", "Mnichovice", 25164};
const Place chlum{577308, "Lomnice nad Popelkou", 0, "", "Chlum", 51251};
const Place lomnice{577308, "Lomnice nad Popelkou", 0, "", "Lomnice nad Popelkou", 51251};
const Place ricany{538728, "Říčany", 0, "", "Říčany", 25101};
const Place olomouc{500496, "Olomouc", 0, "", "Olomouc", 77900};

// Numbers as written on a house: "820/9", "1903/14a", "12" (č.p.), "ev177" (č.ev.).
core::AddressPoint point(std::int64_t code, const Place& place, const std::string& street,
                         const std::string& number) {
    core::AddressPoint p;
    p.code = code;
    p.municipality_code = place.town;
    p.municipality_name = place.town_name;
    p.city_part_code = place.city_part;
    p.city_part_name = place.city_part_name;
    p.part_name = place.part;
    p.street = street;
    p.postcode = place.postcode;
    std::string rest = number;
    if (rest.starts_with("ev")) {
        p.evidence_number = true;
        rest = rest.substr(2);
    }
    const auto slash = rest.find('/');
    p.house_number = std::stoi(rest.substr(0, slash));
    if (slash != std::string::npos) {
        std::string orientation = rest.substr(slash + 1);
        if (std::isalpha(static_cast<unsigned char>(orientation.back()))) {
            p.orientation_letter = orientation.substr(orientation.size() - 1);
            orientation.pop_back();
        }
        p.orientation_number = std::stoi(orientation);
    }
    p.position = core::LonLat{14.0 + static_cast<double>(code) * 1e-4, 50.0};
    return p;
}

std::vector<core::AddressPoint> country() {
    std::vector<core::AddressPoint> points;
    std::int64_t code = 1000;
    const auto add = [&](const Place& place, const std::string& street,
                         const std::string& numbers) {
        std::istringstream in(numbers);
        for (std::string number; in >> number;)
            points.push_back(point(++code, place, street, number));
    };
    add(vinohrady, "náměstí Míru", "820/9 821/10 1903/14a 1904/14b 1905/15 9/21");
    add(vinohrady, "Korunní", "2/1 810/2 811/4");
    add(vrsovice, "Korunní", "1000/100 1001/102");
    add(nove_mesto, "28. října", "375/4 376/6");
    add(nove_mesto, "Vodičkova", "681/14 682/16 9/18");
    add(bozkov, "Svahová", "1 2 3 12 17 100");
    add(bozkov, "Luční", "177 ev177 178");
    add(mnichovice, "Nádražní", "1 2 30");
    add(mnichovice, "Mírumilovná", "5 6");
    add(mnichovice, "Hlavní", "1");
    add(mnichovice, "Hlavná", "1");
    add(lomnice, "Nádražní", "1 2 40");
    add(chlum, "", "1 2 ev6");
    add(ricany, "Míru", "100 101");
    add(olomouc, "třída Svobody", "645/31");
    return points;
}

class AddressIndexTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        AddressIndexBuilder builder;
        for (const auto& p : country()) builder.add(p);
        index = builder.finish();
    }
    static void TearDownTestSuite() { index.reset(); }

    static std::vector<std::string> labels(const std::string& text, std::size_t limit = 10,
                                           std::optional<std::int64_t> town = std::nullopt) {
        std::vector<std::string> out;
        for (const auto record : index->find(parse_address_query(text), limit, town))
            out.push_back(index->label(record));
        return out;
    }
    static std::string first(const std::string& text,
                             std::optional<std::int64_t> town = std::nullopt) {
        const auto found = labels(text, 10, town);
        return found.empty() ? "(nothing)" : found.front();
    }

    static inline std::shared_ptr<const AddressIndex> index;
};

using Labels = std::vector<std::string>;

TEST_F(AddressIndexTest, KeepsEveryAddressGroupedByStreetInPartAndTown) {
    EXPECT_EQ(index->address_count(), country().size());
    EXPECT_EQ(index->group_count(), 15U);  // Korunní in two parts; Chlum has no street
    EXPECT_GT(index->memory_bytes(), index->address_count() * 32);
}

TEST_F(AddressIndexTest, GivesBackTheAddressPointItWasGiven) {
    const auto points = country();
    const auto records = index->find(parse_address_query("namesti miru 1903/14a"), 1, {});
    ASSERT_EQ(records.size(), 1U);
    const core::AddressPoint found = index->address(records[0]);
    const auto original = std::find_if(points.begin(), points.end(),
                                       [&](const auto& p) { return p.code == found.code; });
    ASSERT_NE(original, points.end());
    EXPECT_EQ(found.street, "náměstí Míru");
    EXPECT_EQ(found.part_name, "Vinohrady");
    EXPECT_EQ(found.city_part_code, 500089);
    EXPECT_EQ(found.city_part_name, "Praha 2");
    EXPECT_EQ(found.municipality_code, 554782);
    EXPECT_EQ(found.municipality_name, "Praha");
    EXPECT_EQ(found.house_number, 1903);
    EXPECT_EQ(found.orientation_number, 14);
    EXPECT_EQ(found.orientation_letter, "a");
    EXPECT_FALSE(found.evidence_number);
    EXPECT_EQ(found.postcode, 12000);
    ASSERT_TRUE(found.position);
    EXPECT_NEAR(found.position->lon, original->position->lon, 1e-7);
    EXPECT_NEAR(found.position->lat, original->position->lat, 1e-7);
}

TEST_F(AddressIndexTest, LabelsReadLikeCzechAddresses) {
    EXPECT_EQ(first("náměstí Míru 820/9"), "náměstí Míru 820/9, Vinohrady, Praha 2, 120 00");
    EXPECT_EQ(first("Svahová 1"), "Svahová 1, Božkov, Mnichovice, 251 64");
    EXPECT_EQ(first("Nádražní 30"), "Nádražní 30, Mnichovice, 251 64");
    EXPECT_EQ(first("Chlum 1"), "Chlum 1, Lomnice nad Popelkou, 512 51");
    EXPECT_EQ(first("Chlum č.ev. 6"), "Chlum č.ev. 6, Lomnice nad Popelkou, 512 51");
}

struct FirstCase {
    std::string query;
    std::string first;
};

// The query names the case (CTest shows it in the test's name).
void PrintTo(const FirstCase& c, std::ostream* out) {
    *out << c.query;
}

class SearchFinds : public AddressIndexTest, public ::testing::WithParamInterface<FirstCase> {};

TEST_P(SearchFinds, TheExpectedAddressFirst) {
    EXPECT_EQ(first(GetParam().query), GetParam().first) << GetParam().query;
}

const std::string miru_9 = "náměstí Míru 820/9, Vinohrady, Praha 2, 120 00";
const std::string miru_14a = "náměstí Míru 1903/14a, Vinohrady, Praha 2, 120 00";
const std::string svahova_1 = "Svahová 1, Božkov, Mnichovice, 251 64";

INSTANTIATE_TEST_SUITE_P(Diacritics, SearchFinds,
                         ::testing::Values(FirstCase{"namesti miru 9", miru_9},
                                           FirstCase{"NÁMĚSTÍ MÍRU 9", miru_9},
                                           FirstCase{"Náměstí míru 9", miru_9},
                                           FirstCase{"svahova 1", svahova_1},
                                           FirstCase{"SVAHOVÁ 1", svahova_1}));

INSTANTIATE_TEST_SUITE_P(
    Typos, SearchFinds,
    ::testing::Values(FirstCase{"svahiva 1", svahova_1},     // substitution
                      FirstCase{"svhova 1", svahova_1},      // deletion
                      FirstCase{"svahkova 1", svahova_1},    // insertion
                      FirstCase{"svahvoa 1", svahova_1},     // transposition
                      FirstCase{"sbahova 1", svahova_1},     // first letter
                      FirstCase{"namesti mirru 9", miru_9},  // in a second word
                      FirstCase{"vodickvoa 14", "Vodičkova 681/14, Nové Město, Praha 1, 110 00"}));

INSTANTIATE_TEST_SUITE_P(
    WordOrderAndPrefixes, SearchFinds,
    ::testing::Values(FirstCase{"míru 9 vinoh", miru_9}, FirstCase{"praha 2 nam miru 9", miru_9},
                      FirstCase{"9 miru namesti", miru_9}, FirstCase{"nám. Míru 9", miru_9},
                      FirstCase{"mnichovice svah 1", svahova_1},
                      FirstCase{"bozkov svahova 1", svahova_1},
                      FirstCase{"tř. Svobody 31", "třída Svobody 645/31, Olomouc, 779 00"},
                      FirstCase{"28. října 4", "28. října 375/4, Nové Město, Praha 1, 110 00"},
                      FirstCase{"28 rijna 376", "28. října 376/6, Nové Město, Praha 1, 110 00"}));

INSTANTIATE_TEST_SUITE_P(
    HouseNumbers, SearchFinds,
    ::testing::Values(
        FirstCase{"náměstí Míru 1903/14a", miru_14a}, FirstCase{"1903/14a náměstí Míru", miru_14a},
        FirstCase{"náměstí Míru 14a", miru_14a}, FirstCase{"náměstí Míru 1903/14", miru_14a},
        FirstCase{"náměstí Míru č.p. 1903", miru_14a}, FirstCase{"náměstí Míru čp1903", miru_14a},
        FirstCase{"náměstí Míru 1903", miru_14a},
        FirstCase{"náměstí Míru č.o. 14b", "náměstí Míru 1904/14b, Vinohrady, Praha 2, 120 00"},
        FirstCase{"Luční č.ev. 177", "Luční č.ev. 177, Božkov, Mnichovice, 251 64"},
        FirstCase{"Luční ev. 177", "Luční č.ev. 177, Božkov, Mnichovice, 251 64"},
        FirstCase{"Luční 177", "Luční 177, Božkov, Mnichovice, 251 64"},
        FirstCase{"Chlum 6", "Chlum č.ev. 6, Lomnice nad Popelkou, 512 51"}));

INSTANTIATE_TEST_SUITE_P(
    Postcodes, SearchFinds,
    ::testing::Values(FirstCase{"korunni 12000", "Korunní 2/1, Vinohrady, Praha 2, 120 00"},
                      FirstCase{"korunni 120 00", "Korunní 2/1, Vinohrady, Praha 2, 120 00"},
                      FirstCase{"korunni 10100", "Korunní 1000/100, Vršovice, Praha 10, 101 00"},
                      FirstCase{"25164 svahova 2", "Svahová 2, Božkov, Mnichovice, 251 64"},
                      FirstCase{"77900", "třída Svobody 645/31, Olomouc, 779 00"}));

TEST_F(AddressIndexTest, APlainNumberIsTheOrientationNumberBeforeTheHouseNumber) {
    EXPECT_EQ(labels("náměstí Míru 9"),
              (Labels{miru_9, "náměstí Míru 9/21, Vinohrady, Praha 2, 120 00"}));
}

TEST_F(AddressIndexTest, ANumberWithoutItsLetterFindsEveryLetter) {
    EXPECT_EQ(labels("náměstí Míru 14"),
              (Labels{miru_14a, "náměstí Míru 1904/14b, Vinohrady, Praha 2, 120 00"}));
}

TEST_F(AddressIndexTest, TheNumberTypedSoFarComesFirstThenLongerOnes) {
    EXPECT_EQ(labels("svahova 1"), (Labels{svahova_1, "Svahová 12, Božkov, Mnichovice, 251 64",
                                           "Svahová 17, Božkov, Mnichovice, 251 64",
                                           "Svahová 100, Božkov, Mnichovice, 251 64"}));
    // Not the query's last word: no longer numbers.
    EXPECT_EQ(labels("1 svahova"), (Labels{svahova_1}));
}

TEST_F(AddressIndexTest, ANumberThatNoAddressHasFindsNothing) {
    EXPECT_TRUE(labels("svahova 999").empty());
    EXPECT_TRUE(labels("náměstí Míru 14c").empty());
    EXPECT_TRUE(labels("Luční č.ev. 178").empty());
}

TEST_F(AddressIndexTest, ANumberInANameIsANameWhenItCanBe) {
    // "2" is Praha 2 here, not a house number: every street of Praha 2 matching "korunni".
    EXPECT_EQ(labels("praha 2 korunni"), (Labels{"Korunní 2/1, Vinohrady, Praha 2, 120 00"}));
    // The last word is tried as the house number first.
    EXPECT_EQ(first("korunni praha 2"), "Korunní 810/2, Vinohrady, Praha 2, 120 00");
    EXPECT_EQ(first("korunni 4 praha 2"), "Korunní 811/4, Vinohrady, Praha 2, 120 00");
}

TEST_F(AddressIndexTest, WithoutANumberEachStreetGivesItsFirstAddress) {
    EXPECT_EQ(labels("korunni"), (Labels{"Korunní 2/1, Vinohrady, Praha 2, 120 00",
                                         "Korunní 1000/100, Vršovice, Praha 10, 101 00"}));
}

TEST_F(AddressIndexTest, ExactWordsBeforePrefixes) {
    // "míru" is a whole word of náměstí Míru and Míru, a prefix of Mírumilovná.
    const auto found = labels("miru");
    ASSERT_EQ(found.size(), 3U);
    EXPECT_EQ(found[2], "Mírumilovná 5, Mnichovice, 251 64");
}

TEST_F(AddressIndexTest, TyposAreTriedOnlyWhenNothingMatchesAsTyped) {
    EXPECT_EQ(labels("hlavni"), (Labels{"Hlavní 1, Mnichovice, 251 64"}));
    EXPECT_EQ(labels("hlavna"), (Labels{"Hlavná 1, Mnichovice, 251 64"}));
    // One letter off both: each has one typo, so street order decides.
    EXPECT_EQ(labels("hlavnu"),
              (Labels{"Hlavná 1, Mnichovice, 251 64", "Hlavní 1, Mnichovice, 251 64"}));
}

TEST_F(AddressIndexTest, AShorterStreetNameComesBeforeALongerOne) {
    EXPECT_EQ(labels("miru 100").front(), "Míru 100, Říčany, 251 01");
    EXPECT_EQ(labels("miru").front(), "Míru 100, Říčany, 251 01");
}

TEST_F(AddressIndexTest, TheUsersTownComesFirst) {
    const std::string in_lomnice = "Nádražní 1, Lomnice nad Popelkou, 512 51";
    const std::string in_mnichovice = "Nádražní 1, Mnichovice, 251 64";
    EXPECT_EQ(labels("nadrazni 1"), (Labels{in_lomnice, in_mnichovice}));  // by town name
    EXPECT_EQ(labels("nadrazni 1", 10, 538493), (Labels{in_mnichovice, in_lomnice}));
    EXPECT_EQ(labels("nadrazni 1", 10, 577308), (Labels{in_lomnice, in_mnichovice}));
    EXPECT_EQ(labels("nadrazni 1", 10, 999999), (Labels{in_lomnice, in_mnichovice}));
    // Exact before the town: the typo'd street in the user's town comes after.
    EXPECT_EQ(first("hlavni", 538728), "Hlavní 1, Mnichovice, 251 64");
}

TEST_F(AddressIndexTest, LimitsCutTheBestFirst) {
    EXPECT_EQ(labels("svahova 1", 2),
              (Labels{svahova_1, "Svahová 12, Božkov, Mnichovice, 251 64"}));
    EXPECT_EQ(labels("praha", 50).size(), 5U);  // every Prague street once per part
    EXPECT_EQ(labels("praha", 3).size(), 3U);
    EXPECT_TRUE(labels("praha", 0).empty());
}

TEST_F(AddressIndexTest, NumbersAloneNeedATownOrAPostcode) {
    EXPECT_TRUE(labels("1").empty());
    EXPECT_EQ(labels("1", 10, 577308), (Labels{"Chlum 1, Lomnice nad Popelkou, 512 51",
                                               "Nádražní 1, Lomnice nad Popelkou, 512 51"}));
}

TEST_F(AddressIndexTest, NothingMatchesNonsense) {
    EXPECT_TRUE(labels("xyzzy").empty());
    EXPECT_TRUE(labels("svahova xyzzy").empty());
    EXPECT_TRUE(labels("zzzzzzzzzzzzzzzzzzzzzz").empty());
    EXPECT_TRUE(labels("").empty());
    EXPECT_TRUE(labels("., / ;").empty());
    EXPECT_TRUE(labels("svaho 1 hlavni").empty());
}

TEST_F(AddressIndexTest, ShortWordsGetNoTypoAllowance) {
    EXPECT_TRUE(labels("miry").empty());  // "míru" has four letters: no typo
    EXPECT_TRUE(labels("mru").empty());
    EXPECT_FALSE(labels("lucmi").empty());  // "luční" has five
    // Four letters typed: only a missing letter ("lučí" for "luční"), not another one.
    EXPECT_EQ(first("luci 178"), "Luční 178, Božkov, Mnichovice, 251 64");
    EXPECT_EQ(labels("lucn 178").size(), 1U);  // a prefix, no typo needed
    EXPECT_TRUE(labels("lxcn 178").empty());
}

TEST(AddressIndexEmpty, FindsNothingAndSaysSo) {
    AddressIndexBuilder builder;
    const auto index = builder.finish();
    EXPECT_EQ(index->address_count(), 0U);
    EXPECT_TRUE(index->find(parse_address_query("svahova 1"), 10, 538493).empty());
}

TEST(AddressIndexLetters, OddLettersAreShownButNotMatched) {
    AddressIndexBuilder builder;
    auto p = point(1, bozkov, "Svahová", "5/7");
    p.orientation_letter = "A1";
    builder.add(p);
    builder.add(point(2, bozkov, "Svahová", "6/7b"));
    const auto index = builder.finish();
    const auto records = index->find(parse_address_query("svahova 7"), 10, {});
    ASSERT_EQ(records.size(), 2U);
    EXPECT_EQ(index->address(records[0]).orientation_letter, "A1");
    EXPECT_EQ(index->label(records[1]), "Svahová 6/7b, Božkov, Mnichovice, 251 64");
    EXPECT_TRUE(index->find(parse_address_query("svahova 7a"), 10, {}).empty());
}

TEST(AddressIndexPositions, AddressesWithoutAPositionHaveNone) {
    AddressIndexBuilder builder;
    auto p = point(1, bozkov, "Svahová", "5");
    p.position.reset();
    builder.add(p);
    const auto index = builder.finish();
    ASSERT_EQ(index->address_count(), 1U);
    EXPECT_FALSE(index->position(0));
    EXPECT_FALSE(index->address(0).position);
}

}  // namespace
}  // namespace okrsek::service
