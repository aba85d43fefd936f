#include "service/security/text_folding.hpp"

#include <cstdint>

namespace okrsek::service::security {
namespace {

// U+00C0–U+017F folded: the base letter of the NFD decomposition, lower-cased (Python's
// unicodedata), with letters that have no decomposition mapped by hand to the letter they are
// typed as (ø → o, đ → d, ħ → h, ı → i, ŀ/ł → l, ŧ → t, ſ → s). Others (æ, ß, þ…) lower-cased.
constexpr std::u32string_view latin_folds =
    U"aaaaaaæceeeeiiiiðnooooo×ouuuuyþß"
    U"aaaaaaæceeeeiiiiðnooooo÷ouuuuyþy"
    U"aaaaaaccccccccddddeeeeeeeeeegggg"
    U"gggghhhhiiiiiiiiiiĳĳjjkkĸlllllll"
    U"lllnnnnnnŉŋŋooooooœœrrrrrrssssss"
    U"ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
constexpr char32_t latin_first = 0xC0;
static_assert(latin_folds.size() == 0x180 - 0xC0);

// Length of the sequence a lead byte starts, 0 for a byte that cannot start one.
int sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

}  // namespace

std::optional<std::u32string> decode_utf8(std::string_view text) {
    std::u32string points;
    points.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const int length = sequence_length(lead);
        if (length == 0 || at + static_cast<std::size_t>(length) > text.size()) return {};
        char32_t point = length == 1 ? lead : lead & (0x7F >> length);
        for (int i = 1; i < length; ++i) {
            const auto byte = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]);
            if (!is_continuation(byte)) return {};
            point = (point << 6) | (byte & 0x3FU);
        }
        // Overlong three- and four-byte forms, surrogates and points beyond Unicode. (Two-byte
        // overlongs are excluded by the lead bytes C0 and C1 being invalid.)
        if ((length == 3 && point < 0x800) || (length == 4 && point < 0x10000) ||
            (point >= 0xD800 && point <= 0xDFFF) || point > 0x10FFFF) {
            return {};
        }
        points.push_back(point);
        at += static_cast<std::size_t>(length);
    }
    return points;
}

std::string encode_utf8(std::u32string_view text) {
    std::string bytes;
    bytes.reserve(text.size());
    for (const char32_t point : text) {
        if (point < 0x80) {
            bytes.push_back(static_cast<char>(point));
        } else if (point < 0x800) {
            bytes.push_back(static_cast<char>(0xC0 | (point >> 6)));
            bytes.push_back(static_cast<char>(0x80 | (point & 0x3F)));
        } else if (point < 0x10000) {
            bytes.push_back(static_cast<char>(0xE0 | (point >> 12)));
            bytes.push_back(static_cast<char>(0x80 | ((point >> 6) & 0x3F)));
            bytes.push_back(static_cast<char>(0x80 | (point & 0x3F)));
        } else {
            bytes.push_back(static_cast<char>(0xF0 | (point >> 18)));
            bytes.push_back(static_cast<char>(0x80 | ((point >> 12) & 0x3F)));
            bytes.push_back(static_cast<char>(0x80 | ((point >> 6) & 0x3F)));
            bytes.push_back(static_cast<char>(0x80 | (point & 0x3F)));
        }
    }
    return bytes;
}

std::u32string fold_for_comparison(std::u32string_view text) {
    std::u32string folded(text);
    for (char32_t& point : folded) {
        if (point >= U'A' && point <= U'Z') {
            point += U'a' - U'A';
        } else if (point >= latin_first && point < latin_first + latin_folds.size()) {
            point = latin_folds[point - latin_first];
        }
    }
    return folded;
}

}  // namespace okrsek::service::security
