#include "service/addresses/address_query.hpp"

#include <array>
#include <utility>

#include "core/error.hpp"
#include "service/addresses/address_folding.hpp"

namespace okrsek::service {
namespace {

enum class LexemeKind { word, number, slash, dot };

struct Lexeme {
    LexemeKind kind = LexemeKind::word;
    std::string_view text{};
    char letter = 0;  ///< number: a single letter written right after it ("14a")
};

enum class Marker { none, house, evidence, orientation };

// Abbreviations Czech people type for the first word of a street name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> abbreviations{{
    {"nam", "namesti"},
    {"tr", "trida"},
    {"nabr", "nabrezi"},
    {"sidl", "sidliste"},
}};

constexpr std::size_t max_number_digits = 9;

bool is_letter(char c) {
    return is_word_byte(c) && !is_digit(c);
}

std::vector<Lexeme> lex(std::string_view folded) {
    std::vector<Lexeme> lexemes;
    std::size_t at = 0;
    while (at < folded.size()) {
        const char c = folded[at];
        if (c == '/' || c == '.') {
            lexemes.push_back({c == '/' ? LexemeKind::slash : LexemeKind::dot, {}, 0});
            ++at;
            continue;
        }
        if (!is_word_byte(c)) {
            ++at;
            continue;
        }
        const bool digits = is_digit(c);
        std::size_t end = at + 1;
        while (end < folded.size() && is_word_byte(folded[end]) && is_digit(folded[end]) == digits)
            ++end;
        Lexeme lexeme{digits ? LexemeKind::number : LexemeKind::word, folded.substr(at, end - at),
                      0};
        // "14a": one ASCII letter glued to a number, not followed by more of a word.
        if (digits && end < folded.size() && folded[end] >= 'a' && folded[end] <= 'z' &&
            (end + 1 == folded.size() || !is_word_byte(folded[end + 1]))) {
            lexeme.letter = folded[end];
            ++end;
        }
        lexemes.push_back(lexeme);
        at = end;
    }
    return lexemes;
}

class Parser {
public:
    explicit Parser(std::vector<Lexeme> lexemes) : m_lexemes(std::move(lexemes)) {}

    ParsedAddressQuery run() {
        while (m_at < m_lexemes.size()) step();
        find_postcode();
        return std::move(m_result);
    }

private:
    void step() {
        const Lexeme& lexeme = m_lexemes[m_at];
        if (lexeme.kind == LexemeKind::dot || lexeme.kind == LexemeKind::slash) {
            ++m_at;
        } else if (try_marker()) {
            return;
        } else if (lexeme.kind == LexemeKind::number) {
            number();
        } else if (lexeme.text == "ul" && next_is(m_at + 1, LexemeKind::dot)) {
            m_at += 2;  // "ul." (ulice) says nothing
        } else {
            add_word(lexeme.text, m_at);
            ++m_at;
        }
    }

    bool next_is(std::size_t at, LexemeKind kind) const {
        return at < m_lexemes.size() && m_lexemes[at].kind == kind;
    }

    bool word_at(std::size_t at, std::string_view text) const {
        return next_is(at, LexemeKind::word) && m_lexemes[at].text == text;
    }

    std::size_t skip_dots(std::size_t at, bool& dotted) const {
        while (next_is(at, LexemeKind::dot)) {
            dotted = true;
            ++at;
        }
        return at;
    }

    // "č.p." "čp" "č. ev." "čev" "ev." "ev.č." "č.o." "čo" followed by a number. Returns the
    // index after the marker, or 0 when none starts here.
    std::size_t match_marker(Marker& marker, bool& dotted) const {
        const std::size_t at = m_at;
        if (word_at(at, "cp")) return marker = Marker::house, at + 1;
        if (word_at(at, "cev")) return marker = Marker::evidence, at + 1;
        if (word_at(at, "co")) return marker = Marker::orientation, at + 1;
        if (word_at(at, "ev") || word_at(at, "evc")) {
            marker = Marker::evidence;
            std::size_t next = skip_dots(at + 1, dotted);
            if (m_lexemes[at].text == "ev" && word_at(next, "c")) next = next + 1;
            return next;
        }
        if (word_at(at, "c")) {
            const std::size_t next = skip_dots(at + 1, dotted);
            if (word_at(next, "p")) return marker = Marker::house, next + 1;
            if (word_at(next, "ev")) return marker = Marker::evidence, next + 1;
            if (word_at(next, "o")) return marker = Marker::orientation, next + 1;
        }
        return 0;
    }

    bool try_marker() {
        Marker marker = Marker::none;
        bool dotted = false;
        const std::size_t after = match_marker(marker, dotted);
        if (after == 0) return false;
        const std::size_t number_at = skip_dots(after, dotted);
        if (next_is(number_at, LexemeKind::number)) {
            m_at = number_at;
            marked_number(marker);
            return true;
        }
        // A marker still waiting for its number ("Svahová č.p. ") means nothing yet; short
        // undotted ones ("ev", "co") may be the start of a name.
        const bool at_end = number_at >= m_lexemes.size();
        const bool compact = m_lexemes[m_at].text.size() >= 2 && m_lexemes[m_at].text != "ev" &&
                             m_lexemes[m_at].text != "co";
        if (at_end && (dotted || compact)) {
            m_at = number_at;
            return true;
        }
        return false;
    }

    void marked_number(Marker marker) {
        const Lexeme& lexeme = m_lexemes[m_at];
        const std::int32_t value = number_value(lexeme.text);
        auto& spec = spec_for_update();
        ++m_at;
        if (marker == Marker::orientation) {
            spec.orientation = value;
            spec.letter = lexeme.letter;
            spec.open_end = is_end(m_at) && lexeme.letter == 0;
            return;
        }
        spec.house = value;
        spec.evidence = marker == Marker::evidence;
        spec.open_end = is_end(m_at);
        if (marker == Marker::house) slash_orientation(spec);
    }

    void number() {
        const Lexeme& lexeme = m_lexemes[m_at];
        if (lexeme.text.size() > max_number_digits) {
            add_word(lexeme.text, m_at);
            ++m_at;
            return;
        }
        const std::int32_t value = number_value(lexeme.text);
        if (next_is(m_at + 1, LexemeKind::slash) && lexeme.letter == 0) {
            auto& spec = spec_for_update();
            spec.house = value;
            spec.evidence = false;
            spec.open_end = false;
            ++m_at;
            slash_orientation(spec);
        } else if (lexeme.letter != 0) {
            auto& spec = spec_for_update();
            spec.orientation = value;
            spec.letter = lexeme.letter;
            spec.open_end = false;
            ++m_at;
        } else {
            add_word(lexeme.text, m_at);
            ++m_at;
        }
    }

    // After "1903": "/14a" sets the orientation number; a bare "/" (still typing) nothing.
    void slash_orientation(HouseNumberQuery& spec) {
        if (!next_is(m_at, LexemeKind::slash)) return;
        ++m_at;
        if (!next_is(m_at, LexemeKind::number) || m_lexemes[m_at].text.size() > max_number_digits) {
            return;
        }
        const Lexeme& orientation = m_lexemes[m_at];
        spec.orientation = number_value(orientation.text);
        spec.letter = orientation.letter;
        ++m_at;
        spec.open_end = is_end(m_at) && orientation.letter == 0;
    }

    HouseNumberQuery& spec_for_update() {
        if (!m_result.number) m_result.number = HouseNumberQuery{};
        return *m_result.number;
    }

    bool is_end(std::size_t at) const {
        for (; at < m_lexemes.size(); ++at) {
            if (m_lexemes[at].kind == LexemeKind::word || m_lexemes[at].kind == LexemeKind::number)
                return false;
        }
        return true;
    }

    static std::int32_t number_value(std::string_view digits) {
        std::int32_t value = 0;
        for (const char c : digits.substr(0, max_number_digits)) value = value * 10 + (c - '0');
        return value;
    }

    void add_word(std::string_view text, std::size_t lexeme_at) {
        if (m_result.words.size() == max_query_words) {
            throw core::Error(
                core::ErrorCode::invalid_argument,
                "the query has more than " + std::to_string(max_query_words) + " words", "q");
        }
        QueryWord word;
        word.text = std::string(text);
        word.numeric = !text.empty() && is_digit(text.front()) &&
                       text.size() <= max_number_digits && !is_letter(text.back());
        if (word.numeric) word.value = number_value(text);
        for (const auto& [short_form, full] : abbreviations) {
            if (text == short_form) word.alias = std::string(full);
        }
        word.last = is_end(lexeme_at + 1);
        m_word_lexeme.push_back(lexeme_at);
        m_result.words.push_back(std::move(word));
    }

    void find_postcode() {
        const auto& words = m_result.words;
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (!words[i].numeric || words[i].text.front() == '0') continue;
            if (words[i].text.size() == 5) {
                m_result.postcode = PostcodeQuery{words[i].value, i, 1};
                return;
            }
            if (words[i].text.size() == 3 && i + 1 < words.size() && words[i + 1].numeric &&
                words[i + 1].text.size() == 2 && m_word_lexeme[i + 1] == m_word_lexeme[i] + 1) {
                m_result.postcode = PostcodeQuery{words[i].value * 100 + words[i + 1].value, i, 2};
                return;
            }
        }
    }

    std::vector<Lexeme> m_lexemes;
    std::size_t m_at = 0;
    ParsedAddressQuery m_result;
    std::vector<std::size_t> m_word_lexeme;  // for each word, the lexeme it came from
};

}  // namespace

ParsedAddressQuery parse_address_query(std::string_view text) {
    const std::string folded = fold_address_text(text);
    return Parser(lex(folded)).run();
}

}  // namespace okrsek::service
