#include "service/security/secret_token.hpp"

#include <sodium.h>

#include <algorithm>

#include "service/security/random.hpp"

namespace okrsek::service::security {
namespace {

constexpr int base64_variant_secret_token = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
static_assert(sodium_base64_ENCODED_LEN(token_random_bytes, base64_variant_secret_token) ==
              token_text_length + 1);  // the encoded length counts the terminating NUL

bool is_url_safe_base64(char symbol) {
    return (symbol >= 'A' && symbol <= 'Z') || (symbol >= 'a' && symbol <= 'z') ||
           (symbol >= '0' && symbol <= '9') || symbol == '-' || symbol == '_';
}

}  // namespace

std::string new_secret_token(std::string_view prefix) {
    const auto bytes = random_bytes(token_random_bytes);
    char text[token_text_length + 1];
    sodium_bin2base64(text, sizeof text, bytes.data(), bytes.size(), base64_variant_secret_token);
    std::string token(prefix);
    token.append(text, token_text_length);
    return token;
}

std::string new_api_token() {
    return new_secret_token(api_token_prefix);
}

bool is_well_formed_token(std::string_view token, std::string_view prefix) {
    if (token.size() != prefix.size() + token_text_length) return false;
    if (token.substr(0, prefix.size()) != prefix) return false;
    const auto random_part = token.substr(prefix.size());
    if (!std::all_of(random_part.begin(), random_part.end(), is_url_safe_base64)) return false;
    // 43 symbols carry 258 bits; the last symbol's two spare bits are zero in every encoding.
    const char last = random_part.back();
    return std::string_view("AEIMQUYcgkosw048").find(last) != std::string_view::npos;
}

std::string token_hash(std::string_view token) {
    ensure_sodium();
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[2 * sizeof hash + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return std::string(hex, 2 * sizeof hash);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    ensure_sodium();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace okrsek::service::security
