#pragma once

// Looking words up in the index's sorted dictionary of folded words: prefixes, whole words and
// words one typo away (used by AddressIndex::find).

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "service/addresses/address_index_data.hpp"
#include "service/addresses/address_query.hpp"

namespace okrsek::service {

inline constexpr std::uint32_t no_word = std::numeric_limits<std::uint32_t>::max();

/// One typo is allowed in words of five letters or more: typed, that is four letters or more
/// (a word of five typed with one letter missing), and with four only a missing letter.
inline constexpr std::size_t min_typo_letters = 5;

/// Word ids [begin, end) of the dictionary.
struct WordRange {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool empty() const { return begin >= end; }
};

/// Every word of the dictionary (id 0, the empty string, excluded).
WordRange all_words(const StringPool& words);

/// The words in `within` that start with `prefix` (the dictionary is sorted, so they are a
/// range).
WordRange prefix_range(const StringPool& words, std::string_view prefix, WordRange within);

/// The id of the word equal to `text`; no_word when there is none.
std::uint32_t exact_word(const StringPool& words, std::string_view text);

/// Whether a query word may carry a typo: letters a–z only, at least min_typo_letters - 1.
bool typo_eligible(const QueryWord& word);

/// Sorted, disjoint ranges of the words that start with something one edit (substitution,
/// deletion, insertion or transposition of neighbours) away from `w`; for a word shorter than
/// min_typo_letters, only with a letter inserted.
std::vector<WordRange> typo_ranges(const StringPool& words, const std::string& w);

}  // namespace okrsek::service
