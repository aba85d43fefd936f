#include "io/ruian_fields.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <utility>

#include "core/error.hpp"

namespace okrsek::io {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::pair<std::string_view, RuianField>, 15> known_columns{{
    {"kod adm", RuianField::address_code},
    {"kod adresniho mista", RuianField::address_code},
    {"kod obce", RuianField::municipality_code},
    {"nazev obce", RuianField::municipality_name},
    {"kod momc", RuianField::city_part_code},
    {"nazev momc", RuianField::city_part_name},
    {"nazev casti obce", RuianField::part_name},
    {"nazev ulice", RuianField::street},
    {"typ so", RuianField::building_type},
    {"cislo domovni", RuianField::house_number},
    {"cislo orientacni", RuianField::orientation_number},
    {"znak cisla orientacniho", RuianField::orientation_letter},
    {"psc", RuianField::postcode},
    {"souradnice y", RuianField::coordinate_1},
    {"souradnice x", RuianField::coordinate_2},
}};

constexpr std::array<std::pair<RuianField, std::string_view>, 5> required_columns{{
    {RuianField::address_code, "Kód ADM"},
    {RuianField::municipality_code, "Kód obce"},
    {RuianField::municipality_name, "Název obce"},
    {RuianField::building_type, "Typ SO"},
    {RuianField::house_number, "Číslo domovní"},
}};

// RÚIAN codes have 8 digits today; 2^31 - 1 bounds the importer's set of seen codes.
constexpr std::int64_t max_address_code = 2'147'483'647;
constexpr std::int64_t max_municipality_code = 999'999'999;
constexpr std::int64_t max_building_number = 99'999;

// Czech letters with diacritics (all two bytes in UTF-8) and their ASCII base letters.
constexpr std::u32string_view accented = U"áÁčČďĎéÉěĚíÍňŇóÓřŘšŠťŤúÚůŮýÝžŽ";
constexpr std::string_view unaccented = "aaccddeeeeiinnoorrssttuuuuyyzz";
static_assert(accented.size() == unaccented.size());

char base_letter(char32_t code_point) {
    const auto found = accented.find(code_point);
    return found == std::u32string_view::npos ? '\0' : unaccented[found];
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// A value quoted in a message: at most 40 bytes, cut at a character boundary.
std::string shown(std::string_view value) {
    std::size_t end = value.size();
    if (end > 40) {
        end = 40;
        while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    }
    std::string text = "'";
    text.append(value.substr(0, end));
    text.append(end < value.size() ? "…'" : "'");
    return text;
}

// Digits, optionally followed by ",0" or ".0" (VDP reports write whole numbers so).
std::optional<std::int64_t> whole_number(std::string_view text, std::int64_t max) {
    if (text.ends_with(",0") || text.ends_with(".0")) text.remove_suffix(2);
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0 || value > max) {
        return std::nullopt;
    }
    return value;
}

class FieldReader {
public:
    FieldReader(const RuianFieldView& fields, std::string& reason)
        : m_fields(fields), m_reason(reason) {}

    // A whole number in [min, max]; `required` makes an empty value an error, else it is 0.
    bool number(RuianField field, std::int64_t min, std::int64_t max, bool required,
                std::int64_t& out) {
        const std::string_view text = m_fields.get(field);
        if (text.empty()) {
            out = 0;
            return !required || fail(field, "is empty");
        }
        const auto value = whole_number(text, max);
        if (!value || *value < min) return fail(field, "is not a number in range: " + shown(text));
        out = *value;
        return true;
    }

    bool name(RuianField field, bool required, std::string& out) {
        const std::string_view text = m_fields.get(field);
        if (required && text.empty()) return fail(field, "is empty");
        if (text.size() > max_ruian_name_bytes) {
            return fail(field, "is longer than " + std::to_string(max_ruian_name_bytes) + " bytes");
        }
        out.assign(text);
        return true;
    }

    bool building_type(bool& evidence_number) {
        const std::string_view text = m_fields.get(RuianField::building_type);
        std::string compact;
        for (char c : folded_name(text)) {
            if (c != ' ' && c != '.') compact.push_back(c);
        }
        if (compact == "cp" || compact == "cev") {
            evidence_number = compact == "cev";
            return true;
        }
        if (text.empty()) return fail(RuianField::building_type, "is empty");
        return fail(RuianField::building_type, "must be č.p. or č.ev.: " + shown(text));
    }

    bool letter(bool has_orientation_number, std::string& out) {
        const std::string_view text = m_fields.get(RuianField::orientation_letter);
        out.clear();
        if (text.empty()) return true;
        if (text.size() > 2) return fail(RuianField::orientation_letter, "is " + shown(text));
        for (char c : text) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return fail(RuianField::orientation_letter, "is not a letter: " + shown(text));
            }
            out.push_back(static_cast<char>(c | 0x20));
        }
        if (!has_orientation_number) {
            return fail(RuianField::orientation_letter, "is given without a Číslo orientační");
        }
        return true;
    }

    // "25164" or "251 64"; empty: 0.
    bool postcode(std::int32_t& out) {
        std::string_view text = m_fields.get(RuianField::postcode);
        out = 0;
        if (text.empty()) return true;
        std::string digits(text);
        if (digits.size() == 6 && digits[3] == ' ') digits.erase(3, 1);
        const auto value = digits.size() == 5 ? whole_number(digits, 99999) : std::nullopt;
        if (!value || *value < 10000) {
            return fail(RuianField::postcode, "is not a postcode: " + shown(text));
        }
        out = static_cast<std::int32_t>(*value);
        return true;
    }

    bool fail(RuianField field, const std::string& what) {
        m_reason = "column '" + m_fields.name(field) + "' " + what;
        return false;
    }

private:
    const RuianFieldView& m_fields;
    std::string& m_reason;
};

Error header_error(const std::string& file_name, std::string_view before, const std::string& column,
                   std::string_view after) {
    std::string message = file_name;
    message.append(before).append(column).append(after);
    return Error(ErrorCode::invalid_input, std::move(message), "file");
}

std::optional<double> decimal(std::string_view text) {
    if (text.size() > 32) return std::nullopt;
    char buffer[32];
    std::size_t length = 0;
    for (char c : text) buffer[length++] = c == ',' ? '.' : c;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(buffer, buffer + length, value);
    if (ec != std::errc{} || end != buffer + length || !std::isfinite(value)) return std::nullopt;
    return std::fabs(value);
}

}  // namespace

std::string folded_name(std::string_view text) {
    std::string folded;
    folded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        char c = static_cast<char>(byte);
        if (byte >= 0xC2 && byte <= 0xDF && i + 1 < text.size()) {
            const char32_t code_point = (static_cast<char32_t>(byte & 0x1F) << 6) |
                                        (static_cast<unsigned char>(text[i + 1]) & 0x3F);
            if (const char base = base_letter(code_point)) {
                c = base;
                ++i;
            }
        } else if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c | 0x20);
        } else if (c == '\t') {
            c = ' ';
        }
        if (c == ' ' && (folded.empty() || folded.back() == ' ')) continue;
        folded.push_back(c);
    }
    if (!folded.empty() && folded.back() == ' ') folded.pop_back();
    return folded;
}

bool has_control_character(std::string_view line) noexcept {
    for (char c : line) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') return true;
    }
    return false;
}

bool split_fields(std::string_view line, std::vector<std::string_view>& fields,
                  std::string& storage) {
    fields.clear();
    if (line.find('"') == std::string_view::npos) {
        std::size_t start = 0;
        for (;;) {
            const std::size_t end = line.find(';', start);
            fields.push_back(line.substr(start, end - start));
            if (end == std::string_view::npos) return true;
            start = end + 1;
        }
    }
    // Views into `storage` stay valid: it never grows past its reserved size.
    storage.clear();
    storage.reserve(line.size());
    std::size_t i = 0;
    for (;;) {
        const std::size_t field_start = storage.size();
        if (i < line.size() && line[i] == '"') {
            for (++i;; ++i) {
                if (i >= line.size()) return false;
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        storage.push_back('"');
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                storage.push_back(line[i]);
            }
        }
        while (i < line.size() && line[i] != ';') storage.push_back(line[i++]);
        fields.emplace_back(storage.data() + field_start, storage.size() - field_start);
        if (i >= line.size()) return true;
        ++i;
    }
}

std::string_view RuianFieldView::get(RuianField field) const {
    const int column = columns[static_cast<int>(field)];
    return column < 0 ? std::string_view() : trimmed(fields[static_cast<std::size_t>(column)]);
}

const std::string& RuianFieldView::name(RuianField field) const {
    static const std::string unknown = "?";
    const int column = columns[static_cast<int>(field)];
    return column < 0 ? unknown : names[static_cast<std::size_t>(column)];
}

RuianHeader parse_ruian_header(std::string_view line, const std::string& file_name) {
    RuianHeader header;
    header.columns.assign(ruian_field_count, -1);
    std::vector<std::string_view> fields;
    std::string storage;
    if (!split_fields(line, fields, storage)) {
        throw Error(ErrorCode::invalid_input, file_name + " line 1: unbalanced quotes", "file");
    }
    bool prague_districts = false;
    bool mop_codes = false;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string name(trimmed(fields[i]));
        const std::string folded = folded_name(name);
        header.names.push_back(name);
        if (folded == "plati do") {
            throw header_error(file_name, ": a list of cancelled address points (column '", name,
                               "'), not of current ones");
        }
        prague_districts |= folded == "kod obvodu prahy" || folded == "nazev obvodu prahy";
        mop_codes |= folded == "kod mop";
        for (const auto& [known, field] : known_columns) {
            if (folded != known) continue;
            int& column = header.columns[static_cast<int>(field)];
            if (column >= 0) {
                throw header_error(file_name, " line 1: column '", name, "' appears twice");
            }
            column = static_cast<int>(i);
        }
    }
    std::string missing;
    for (const auto& [field, name] : required_columns) {
        if (header.columns[static_cast<int>(field)] < 0) {
            missing += (missing.empty() ? "'" : ", '") + std::string(name) + "'";
        }
    }
    if (!missing.empty()) {
        throw Error(ErrorCode::invalid_input,
                    file_name + " line 1: not a RÚIAN address point header, missing " + missing +
                        (fields.size() < 2 ? " (columns are separated by ';')" : ""),
                    "file");
    }
    if ((header.columns[static_cast<int>(RuianField::coordinate_1)] < 0) !=
        (header.columns[static_cast<int>(RuianField::coordinate_2)] < 0)) {
        throw Error(ErrorCode::invalid_input,
                    file_name + " line 1: 'Souřadnice Y' and 'Souřadnice X' come together", "file");
    }
    header.generation = prague_districts ? RuianHeaderGeneration::prague_districts_2020
                        : mop_codes      ? RuianHeaderGeneration::mop_2018
                                         : RuianHeaderGeneration::names_only;
    return header;
}

bool read_address_fields(const RuianFieldView& fields, core::AddressPoint& point,
                         std::string& reason) {
    FieldReader read(fields, reason);
    std::int64_t city_part_code = 0;
    std::int64_t house_number = 0;
    std::int64_t orientation_number = 0;
    if (!read.number(RuianField::address_code, 1, max_address_code, true, point.code) ||
        !read.number(RuianField::municipality_code, 1, max_municipality_code, true,
                     point.municipality_code) ||
        !read.name(RuianField::municipality_name, true, point.municipality_name) ||
        !read.number(RuianField::city_part_code, 1, max_municipality_code, false, city_part_code) ||
        !read.name(RuianField::city_part_name, false, point.city_part_name) ||
        !read.name(RuianField::part_name, false, point.part_name) ||
        !read.name(RuianField::street, false, point.street) ||
        !read.building_type(point.evidence_number) ||
        !read.number(RuianField::house_number, 1, max_building_number, true, house_number) ||
        !read.number(RuianField::orientation_number, 1, max_building_number, false,
                     orientation_number) ||
        !read.letter(orientation_number > 0, point.orientation_letter) ||
        !read.postcode(point.postcode)) {
        return false;
    }
    point.city_part_code = city_part_code;
    point.house_number = static_cast<std::int32_t>(house_number);
    point.orientation_number = static_cast<std::int32_t>(orientation_number);
    return true;
}

bool read_coordinates(const RuianFieldView& fields, std::optional<double>& first,
                      std::optional<double>& second, std::string& reason) {
    first.reset();
    second.reset();
    if (!fields.has(RuianField::coordinate_1)) return true;
    const std::string_view a = fields.get(RuianField::coordinate_1);
    const std::string_view b = fields.get(RuianField::coordinate_2);
    if (a.empty() && b.empty()) return true;
    for (const auto& [text, field] :
         {std::pair{a, RuianField::coordinate_1}, std::pair{b, RuianField::coordinate_2}}) {
        if (text.empty()) {
            reason =
                "column '" + fields.name(field) + "' is empty while the other coordinate is given";
            return false;
        }
        if (!decimal(text)) {
            reason = "column '" + fields.name(field) + "' is not a number: " + shown(text);
            return false;
        }
    }
    first = decimal(a);
    second = decimal(b);
    return true;
}

}  // namespace okrsek::io
