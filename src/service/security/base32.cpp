#include "service/security/base32.hpp"

#include <cstdint>

namespace okrsek::service::security {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int symbol_value(char symbol) {
    if (symbol >= 'A' && symbol <= 'Z') return symbol - 'A';
    if (symbol >= 'a' && symbol <= 'z') return symbol - 'a';
    if (symbol >= '2' && symbol <= '7') return symbol - '2' + 26;
    return -1;
}

// A last group of 1, 3 or 6 symbols carries fewer bits than one more byte needs.
bool valid_symbol_count(std::size_t count) {
    const std::size_t rest = count % 8;
    return rest != 1 && rest != 3 && rest != 6;
}

}  // namespace

std::string base32_encode(std::span<const unsigned char> bytes) {
    std::string text;
    text.reserve((bytes.size() * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            text.push_back(alphabet[(buffer >> bits) & 31U]);
        }
    }
    if (bits > 0) text.push_back(alphabet[(buffer << (5 - bits)) & 31U]);
    return text;
}

std::optional<std::vector<unsigned char>> base32_decode(std::string_view text) {
    const auto padding_start = text.find('=');
    if (padding_start != std::string_view::npos) {
        if (text.find_first_not_of('=', padding_start) != std::string_view::npos) return {};
        // Padding fills the last group of eight, and only a group that holds something.
        if (text.size() % 8 != 0 || padding_start % 8 == 0) return {};
        text = text.substr(0, padding_start);
    }
    if (!valid_symbol_count(text.size())) return {};

    std::vector<unsigned char> bytes;
    bytes.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char symbol : text) {
        const int value = symbol_value(symbol);
        if (value < 0) return {};
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<unsigned char>(buffer >> bits));
        }
        buffer &= (1U << bits) - 1U;
    }
    // Canonical input only: the bits left over after the last byte are zero in every encoder.
    if (buffer != 0) return {};
    return bytes;
}

}  // namespace okrsek::service::security
