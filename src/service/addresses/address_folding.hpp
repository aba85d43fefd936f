#pragma once

// Text folding and word splitting shared by the address index and the query parser, so that
// both see the same words.

#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service {

/// Lower case without Latin diacritics ("Náměstí Míru" → "namesti miru"), as UTF-8; reuses
/// security::fold_for_comparison. Text that is not valid UTF-8 only has its ASCII letters
/// lowered.
std::string fold_address_text(std::string_view text);

/// True for bytes that belong to a word: ASCII letters and digits, and every byte of a non-ASCII
/// character (letters outside Latin Extended-A stay whole words).
inline bool is_word_byte(char byte) noexcept {
    const auto b = static_cast<unsigned char>(byte);
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
}

inline bool is_digit(char byte) noexcept {
    return byte >= '0' && byte <= '9';
}

/// The words of folded text: runs of word bytes, split where letters meet digits
/// ("28. října" → "28", "rijna"; "Praha 2" → "praha", "2"; "frydek-mistek" → two words).
std::vector<std::string_view> split_words(std::string_view folded);

}  // namespace okrsek::service
