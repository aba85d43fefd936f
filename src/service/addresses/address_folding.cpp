#include "service/addresses/address_folding.hpp"

#include <algorithm>

#include "service/security/text_folding.hpp"

namespace okrsek::service {
namespace {

char lower_ascii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string fold_address_text(std::string_view text) {
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
        if (const auto points = security::decode_utf8(text)) {
            return security::encode_utf8(security::fold_for_comparison(*points));
        }
    }
    std::string folded(text);
    std::transform(folded.begin(), folded.end(), folded.begin(), lower_ascii);
    return folded;
}

std::vector<std::string_view> split_words(std::string_view folded) {
    std::vector<std::string_view> words;
    std::size_t at = 0;
    while (at < folded.size()) {
        if (!is_word_byte(folded[at])) {
            ++at;
            continue;
        }
        const bool digits = is_digit(folded[at]);
        std::size_t end = at + 1;
        while (end < folded.size() && is_word_byte(folded[end]) &&
               is_digit(folded[end]) == digits) {
            ++end;
        }
        words.push_back(folded.substr(at, end - at));
        at = end;
    }
    return words;
}

}  // namespace okrsek::service
