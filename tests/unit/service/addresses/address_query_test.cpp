// Parsing typed addresses: words, every Czech house-number form, postcodes, abbreviations.
#include "service/addresses/address_query.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "service/addresses/address_folding.hpp"

namespace okrsek::service {
namespace {

std::vector<std::string> texts(const ParsedAddressQuery& query) {
    std::vector<std::string> out;
    for (const auto& word : query.words) out.push_back(word.text);
    return out;
}

using Words = std::vector<std::string>;

TEST(AddressFolding, LowerCasesAndDropsCzechDiacritics) {
    EXPECT_EQ(fold_address_text("Náměstí Míru"), "namesti miru");
    EXPECT_EQ(fold_address_text("ŽLUŤOUČKÝ KŮŇ Ďáblice Ťřň"), "zlutoucky kun dablice trn");
    EXPECT_EQ(fold_address_text("Svahová"), "svahova");
    EXPECT_EQ(fold_address_text("Straße"), "straße");
}

TEST(AddressFolding, SplitsWordsAtPunctuationAndBetweenLettersAndDigits) {
    const std::string folded = fold_address_text("28. října, Frýdek-Místek, Praha2");
    const auto words = split_words(folded);
    EXPECT_EQ(Words(words.begin(), words.end()),
              (Words{"28", "rijna", "frydek", "mistek", "praha", "2"}));
}

TEST(AddressQuery, WordsAreFoldedAndKeepTheirOrder) {
    const auto query = parse_address_query("  Míru  VINOH ");
    EXPECT_EQ(texts(query), (Words{"miru", "vinoh"}));
    EXPECT_FALSE(query.words[0].last);
    EXPECT_TRUE(query.words[1].last);
    EXPECT_FALSE(query.number);
    EXPECT_FALSE(query.postcode);
}

TEST(AddressQuery, PlainNumbersStayWordsBecauseTheyMayBeNames) {
    const auto query = parse_address_query("praha 2 nám. míru 9");
    EXPECT_EQ(texts(query), (Words{"praha", "2", "nam", "miru", "9"}));
    EXPECT_TRUE(query.words[1].numeric);
    EXPECT_EQ(query.words[1].value, 2);
    EXPECT_EQ(query.words[2].alias, "namesti");
    EXPECT_TRUE(query.words[4].last);
    EXPECT_FALSE(query.number);
}

TEST(AddressQuery, AbbreviationsKnowTheirFullWord) {
    EXPECT_EQ(parse_address_query("tř. Svobody").words[0].alias, "trida");
    EXPECT_EQ(parse_address_query("ul. Svahová").words.size(), 1U);  // "ul." says nothing
    EXPECT_EQ(parse_address_query("nábř. Kapitána").words[0].alias, "nabrezi");
}

struct NumberCase {
    std::string text;
    std::int32_t house;
    bool evidence;
    std::int32_t orientation;
    char letter;
    bool open_end;
    Words words;
};

// The text names the case (CTest shows it in the test's name).
void PrintTo(const NumberCase& c, std::ostream* out) {
    *out << c.text;
}

class HouseNumberForms : public ::testing::TestWithParam<NumberCase> {};

TEST_P(HouseNumberForms, AreRead) {
    const NumberCase& c = GetParam();
    const auto query = parse_address_query(c.text);
    ASSERT_TRUE(query.number) << c.text;
    EXPECT_EQ(query.number->house, c.house) << c.text;
    EXPECT_EQ(query.number->evidence, c.evidence) << c.text;
    EXPECT_EQ(query.number->orientation, c.orientation) << c.text;
    EXPECT_EQ(query.number->letter, c.letter) << c.text;
    EXPECT_EQ(query.number->open_end, c.open_end) << c.text;
    EXPECT_EQ(texts(query), c.words) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    AddressQuery, HouseNumberForms,
    ::testing::Values(
        NumberCase{"náměstí Míru 1903/14a", 1903, false, 14, 'a', false, {"namesti", "miru"}},
        NumberCase{"1903/14 Míru", 1903, false, 14, 0, false, {"miru"}},
        NumberCase{"Míru 1903/14", 1903, false, 14, 0, true, {"miru"}},
        NumberCase{"Míru 1903/", 1903, false, 0, 0, false, {"miru"}},
        NumberCase{"Míru 14a", 0, false, 14, 'a', false, {"miru"}},
        NumberCase{"Míru 14A", 0, false, 14, 'a', false, {"miru"}},
        NumberCase{"Luční č.ev. 177", 177, true, 0, 0, true, {"lucni"}},
        NumberCase{"Luční č. ev. 177", 177, true, 0, 0, true, {"lucni"}},
        NumberCase{"Luční ev. 177", 177, true, 0, 0, true, {"lucni"}},
        NumberCase{"Luční ev.č. 177 Božkov", 177, true, 0, 0, false, {"lucni", "bozkov"}},
        NumberCase{"Luční čev177", 177, true, 0, 0, true, {"lucni"}},
        NumberCase{"Míru č.p. 1903", 1903, false, 0, 0, true, {"miru"}},
        NumberCase{"Míru č. p. 1903", 1903, false, 0, 0, true, {"miru"}},
        NumberCase{"Míru čp1903", 1903, false, 0, 0, true, {"miru"}},
        NumberCase{"čp. 1903/14 Míru", 1903, false, 14, 0, false, {"miru"}},
        NumberCase{"Míru č.o. 14", 0, false, 14, 0, true, {"miru"}},
        NumberCase{"Míru čo 14b", 0, false, 14, 'b', false, {"miru"}},
        NumberCase{"č.p. 1903 č.o. 14", 1903, false, 14, 0, true, {}}));

TEST(AddressQuery, AMarkerWithoutItsNumberYetIsDroppedAndShortOnesMayBeNames) {
    EXPECT_EQ(texts(parse_address_query("Svahová č.p.")), (Words{"svahova"}));
    EXPECT_EQ(texts(parse_address_query("Svahová čp")), (Words{"svahova"}));
    EXPECT_EQ(texts(parse_address_query("Svahová ev")), (Words{"svahova", "ev"}));
    EXPECT_EQ(texts(parse_address_query("co Praha")), (Words{"co", "praha"}));
    EXPECT_FALSE(parse_address_query("Svahová č.p.").number);
}

TEST(AddressQuery, PostcodesWithAndWithoutTheSpace) {
    const std::vector<std::pair<std::string, std::size_t>> cases{
        {"Korunní 12000", 1}, {"Korunní 120 00", 2}, {"120 00 Korunní", 2}};
    for (const auto& [text, word_count] : cases) {
        const auto query = parse_address_query(text);
        ASSERT_TRUE(query.postcode) << text;
        EXPECT_EQ(query.postcode->postcode, 12000) << text;
        EXPECT_EQ(query.words[query.postcode->first_word].text.substr(0, 3), "120") << text;
        EXPECT_EQ(query.postcode->word_count, word_count) << text;
    }
    EXPECT_FALSE(parse_address_query("Korunní 120").postcode);
    EXPECT_FALSE(parse_address_query("Korunní 02000").postcode);
    EXPECT_FALSE(parse_address_query("Korunní 120/00").postcode);
}

TEST(AddressQuery, TooManyWordsAreRefusedNamingTheParameter) {
    std::string text;
    for (std::size_t i = 0; i <= max_query_words; ++i) text += "slovo ";
    try {
        parse_address_query(text);
        FAIL() << "no error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
        EXPECT_EQ(error.field(), "q");
    }
    EXPECT_EQ(parse_address_query(text.substr(0, 6 * max_query_words)).words.size(),
              max_query_words);
}

TEST(AddressQuery, LongDigitRunsAreNotNumbers) {
    const auto query = parse_address_query("Míru 12345678901");
    ASSERT_EQ(query.words.size(), 2U);
    EXPECT_FALSE(query.words[1].numeric);
    EXPECT_FALSE(query.number);
}

}  // namespace
}  // namespace okrsek::service
