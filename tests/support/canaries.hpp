#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::test {

/// Values tests plant (passwords of test accounts, e-mail addresses of invented people) and
/// shapes of secrets (tokens, links, hashes, TOTP URIs) that must never reach a log: not the
/// server's, not the CLI's stderr, not the output a test run records.
inline const std::vector<std::string>& canary_strings() {
    static const std::vector<std::string> values = {
        "Modry-Kanarek-Tancuje-7",  // AuthTown::password
        "Kanarek-Zpiva-Ve-Tme-42",  // the log canary test's password
        "ptak.zpevak@example.org",  // the log canary test's account
        "Spatne-Heslo-Neni-Ono",    // wrong passwords tried by the tests
    };
    return values;
}

inline const std::vector<std::pair<std::string, std::regex>>& canary_patterns() {
    static const std::vector<std::pair<std::string, std::regex>> patterns = {
        {"machine token", std::regex("okt_[A-Za-z0-9_-]{43}")},
        {"one-time link", std::regex("#(invite|reset)=[A-Za-z0-9_-]{20,}")},
        {"password hash", std::regex("\\$argon2id\\$")},
        {"TOTP URI", std::regex("otpauth://")},
        {"session cookie", std::regex("okrsek_session=[A-Za-z0-9_-]{20,}")},
    };
    return patterns;
}

/// Every canary found in `text`, as "what (line N)"; empty when clean. Never repeats the
/// secret itself.
inline std::vector<std::string> find_canaries(std::string_view text) {
    std::vector<std::string> found;
    std::size_t line_start = 0;
    int line_number = 1;
    while (line_start <= text.size()) {
        auto end = text.find('\n', line_start);
        if (end == std::string_view::npos) end = text.size();
        const std::string line(text.substr(line_start, end - line_start));
        for (const auto& value : canary_strings()) {
            if (line.find(value) != std::string::npos) {
                found.push_back("planted value #" +
                                std::to_string(&value - canary_strings().data()) + " (line " +
                                std::to_string(line_number) + ")");
            }
        }
        for (const auto& [what, pattern] : canary_patterns()) {
            if (std::regex_search(line, pattern)) {
                found.push_back(what + " (line " + std::to_string(line_number) + ")");
            }
        }
        line_start = end + 1;
        ++line_number;
    }
    return found;
}

}  // namespace okrsek::test
