#include "service/directory/agenda_input.hpp"

#include "core/error.hpp"
#include "core/prague_time.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using namespace std::chrono;

[[noreturn]] void bad(std::string_view field, const std::string& message) {
    throw Error(ErrorCode::invalid_argument, message, std::string(field));
}

// Length of the UTF-8 sequence starting with `lead`, 0 when it cannot start one.
std::size_t sequence_length_agenda_input(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = sequence_length_agenda_input(lead);
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        if (length >= 3) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            if (lead == 0xE0 && second < 0xA0) return false;
            if (lead == 0xED && second > 0x9F) return false;
            if (lead == 0xF0 && second < 0x90) return false;
            if (lead == 0xF4 && second > 0x8F) return false;
        }
        i += length;
    }
    return true;
}

bool is_control(char c, bool multiline) {
    const auto byte = static_cast<unsigned char>(c);
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) return false;
    return byte < 0x20 || byte == 0x7f;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void check_event_time(store::TimePoint time, std::string_view field) {
    const int y = static_cast<int>(year_month_day{floor<days>(time)}.year());
    if (y < first_event_year || y > last_event_year) {
        bad(field, std::string(field) + " must lie between the years " +
                       std::to_string(first_event_year) + " and " +
                       std::to_string(last_event_year));
    }
}

}  // namespace

std::string checked_agenda_text(std::string_view value, std::size_t max_bytes,
                                std::string_view field, bool multiline, bool required) {
    while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
    while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
    const std::string name(field);
    if (required && value.empty()) bad(field, name + " is empty");
    if (value.size() > max_bytes) {
        bad(field, name + " is longer than " + std::to_string(max_bytes) + " bytes");
    }
    if (!is_utf8(value)) bad(field, name + " is not valid UTF-8");
    for (const char c : value) {
        if (is_control(c, multiline)) bad(field, name + " contains a control character");
    }
    return std::string(value);
}

std::string checked_past_date(std::string_view text, year_month_day today, std::string_view field) {
    const auto date = core::parse_date(text);
    const std::string name(field);
    if (!date) bad(field, name + " must be a date such as 2026-11-23");
    if (static_cast<int>(date->year()) < first_event_year) {
        bad(field, name + " lies before " + std::to_string(first_event_year));
    }
    if (sys_days{*date} > sys_days{today}) bad(field, name + " lies in the future");
    return core::format_date(*date);
}

store::PriorityFields merged_priority(const store::PriorityFields& current,
                                      const PriorityInput& input, bool creating,
                                      year_month_day today) {
    const auto require = [&](bool present, std::string_view field) {
        if (creating && !present) bad(field, std::string(field) + " is missing");
    };
    require(input.title.has_value(), "title");
    require(input.description.has_value(), "description");
    require(input.source.has_value(), "source");
    require(input.raised_on.has_value(), "raised_on");
    store::PriorityFields fields = current;
    if (input.title) {
        fields.title =
            checked_agenda_text(*input.title, max_agenda_title_bytes, "title", false, true);
    }
    if (input.description) {
        fields.description = checked_agenda_text(*input.description, max_priority_description_bytes,
                                                 "description", true, true);
    }
    if (input.source) fields.source = *input.source;
    if (input.raised_on) fields.raised_on = checked_past_date(*input.raised_on, today, "raised_on");
    if (input.source_event_id) fields.source_event_id = *input.source_event_id;
    if (input.action_taken) {
        fields.action_taken = checked_agenda_text(*input.action_taken, max_action_taken_bytes,
                                                  "action_taken", true, false);
    }
    return fields;
}

store::EventFields merged_event(const store::EventFields& current, const EventInput& input,
                                bool creating) {
    const auto require = [&](bool present, std::string_view field) {
        if (creating && !present) bad(field, std::string(field) + " is missing");
    };
    require(input.kind.has_value(), "kind");
    require(input.title.has_value(), "title");
    require(input.place_name.has_value(), "place_name");
    require(input.starts_at.has_value(), "starts_at");
    require(input.ends_at.has_value(), "ends_at");
    store::EventFields fields = current;
    if (input.kind) fields.kind = *input.kind;
    if (input.title) {
        fields.title =
            checked_agenda_text(*input.title, max_agenda_title_bytes, "title", false, true);
    }
    if (input.place_name) {
        fields.place_name =
            checked_agenda_text(*input.place_name, max_place_name_bytes, "place_name", false, true);
    }
    if (input.address) {
        fields.address =
            checked_agenda_text(*input.address, max_event_address_bytes, "address", false, false);
    }
    if (input.position) {
        if (*input.position && !core::is_valid_wgs84(**input.position)) {
            bad("position", "position must be WGS 84 degrees (lon -180–180, lat -90–90)");
        }
        fields.position = *input.position;
    }
    if (input.starts_at) fields.starts_at = floor<seconds>(*input.starts_at);
    if (input.ends_at) fields.ends_at = floor<seconds>(*input.ends_at);
    if (input.agenda) {
        fields.agenda =
            checked_agenda_text(*input.agenda, max_event_agenda_bytes, "agenda", true, false);
    }
    check_event_time(fields.starts_at, "starts_at");
    check_event_time(fields.ends_at, "ends_at");
    if (fields.ends_at <= fields.starts_at) bad("ends_at", "ends_at must come after starts_at");
    if (fields.ends_at - fields.starts_at > max_event_duration) {
        bad("ends_at", "an event lasts at most 14 days");
    }
    return fields;
}

}  // namespace okrsek::service
