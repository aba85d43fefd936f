#pragma once

// Parsing of a typed address ("nám. Míru 820/9 Praha 2", "Svahová čp1", "12000") into the
// words matched against names, an explicit house number and a postcode.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service {

/// Most words (name words and plain numbers) one query may hold.
inline constexpr std::size_t max_query_words = 16;

/// A word matched against the words of street, part, city part and town names: letters, or a
/// plain number, which may belong to a name ("Praha 2", "28. října") or be a house number.
struct QueryWord {
    std::string text{};      ///< folded (lower case, no diacritics)
    std::string alias{};     ///< the full word of an abbreviation ("nam" → "namesti"); or empty
    bool numeric = false;    ///< digits only, at most 9 of them
    std::int32_t value = 0;  ///< numeric: the number
    bool last = false;       ///< the query's last token, perhaps still being typed
};

/// A house number written in a form that says which number it is: "1903/14a" (č.p. 1903,
/// č.o. 14a), "14a" (č.o.), "č.p. 1903", "čp1903", "č.ev. 6", "ev. 6", "č.o. 14".
struct HouseNumberQuery {
    std::int32_t house = 0;        ///< č.p., or č.ev. when `evidence`; 0: not given
    bool evidence = false;         ///< the house number is an evidence number (č.ev.)
    std::int32_t orientation = 0;  ///< č.o.; 0: not given
    char letter = 0;               ///< the č.o.'s letter ('a'…'z'); 0: none given
    /// The number ends the query, so it may be the start of a longer one ("č.p. 19" → 190):
    /// applies to the orientation number when given, else to the house number.
    bool open_end = false;
};

/// A postcode: one word of five digits ("12000") or two adjacent words of three and two
/// digits ("120 00"). The words stay in `words`, since five digits may be a house number too.
struct PostcodeQuery {
    std::int32_t postcode = 0;
    std::size_t first_word = 0;  ///< index into ParsedAddressQuery::words
    std::size_t word_count = 1;
};

struct ParsedAddressQuery {
    std::vector<QueryWord> words{};
    std::optional<HouseNumberQuery> number{};
    std::optional<PostcodeQuery> postcode{};
};

/// Parses a query. Precondition: valid UTF-8 (the caller checks). Throws core::Error
/// invalid_argument (field "q") for more than max_query_words words.
ParsedAddressQuery parse_address_query(std::string_view text);

}  // namespace okrsek::service
