#include "service/addresses/address_numbers.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace okrsek::service {
namespace {

using Range = std::pair<std::uint32_t, std::uint32_t>;

// Beyond any Czech house number: the longest numbers a prefix is extended to.
constexpr std::uint32_t max_house_number = 999999;

bool has_letter(const AddressRecord& record) {
    return record.letter != 0 || record.odd_letter != 0;
}

// Records [first, end) of `group` with house numbers lo…hi (č.ev. or č.p.).
Range house_range(const AddressIndexData& data, const StreetGroup& group, bool evidence,
                  std::uint32_t lo, std::uint32_t hi) {
    const auto begin = data.records.begin() + group.first_record;
    const auto end = data.records.begin() + group.end_record;
    using Key = std::pair<std::uint32_t, std::uint32_t>;
    const auto key = [](const AddressRecord& r) { return Key{r.evidence, r.house_number}; };
    const std::uint32_t ev = evidence ? 1 : 0;
    const auto first = std::partition_point(begin, end, [&](const AddressRecord& r) {
        return key(r) < Key{ev, lo};
    });
    const auto last = std::partition_point(first, end, [&](const AddressRecord& r) {
        return key(r) <= Key{ev, hi};
    });
    return {static_cast<std::uint32_t>(first - data.records.begin()),
            static_cast<std::uint32_t>(last - data.records.begin())};
}

// Positions [first, end) in by_orientation of `group`'s records with orientation numbers
// lo…hi.
Range orientation_range(const AddressIndexData& data, const StreetGroup& group, std::uint32_t lo,
                        std::uint32_t hi) {
    const auto begin = data.by_orientation.begin() + group.first_record;
    const auto end = data.by_orientation.begin() + group.end_record;
    const auto number = [&](std::uint32_t r) { return data.records[r].orientation_number; };
    const auto first =
        std::partition_point(begin, end, [&](std::uint32_t r) { return number(r) < lo; });
    const auto last =
        std::partition_point(first, end, [&](std::uint32_t r) { return number(r) <= hi; });
    return {static_cast<std::uint32_t>(first - data.by_orientation.begin()),
            static_cast<std::uint32_t>(last - data.by_orientation.begin())};
}

// Calls visit(lo, hi) for the numbers that start with the digits of `value` and are longer.
template <typename Visit>
void for_longer_numbers(std::uint32_t value, Visit visit) {
    if (value == 0) return;
    for (std::uint64_t scale = 10; value * scale <= max_house_number; scale *= 10) {
        visit(static_cast<std::uint32_t>(value * scale),
              static_cast<std::uint32_t>(value * scale + scale - 1));
    }
}

}  // namespace

bool match_plain_number(const AddressIndexData& data, const StreetGroup& group, std::uint32_t value,
                        bool open_end, std::size_t longer_cap, const NumberSink& sink) {
    bool found = false;
    auto [o_first, o_end] = orientation_range(data, group, value, value);
    for (auto i = o_first; i < o_end; ++i) {
        const std::uint32_t r = data.by_orientation[i];
        found |= sink({r, static_cast<std::uint8_t>(has_letter(data.records[r]) ? 1 : 0), false});
    }
    for (const bool evidence : {false, true}) {
        auto [h_first, h_end] = house_range(data, group, evidence, value, value);
        for (auto r = h_first; r < h_end; ++r)
            found |= sink({r, static_cast<std::uint8_t>(evidence ? 1 : 0), true});
    }
    if (!open_end) return found;
    for_longer_numbers(value, [&](std::uint32_t lo, std::uint32_t hi) {
        auto [first, end] = orientation_range(data, group, lo, hi);
        for (auto i = first; i < end && i < first + longer_cap; ++i)
            found |= sink({data.by_orientation[i], 2, false});
        auto [h_first, h_end] = house_range(data, group, false, lo, hi);
        for (auto r = h_first; r < h_end && r < h_first + longer_cap; ++r)
            found |= sink({r, 2, true});
    });
    return found;
}

bool match_house_number(const AddressIndexData& data, const StreetGroup& group,
                        const HouseNumberQuery& spec, std::size_t longer_cap,
                        const NumberSink& sink) {
    bool found = false;
    // Typed without a letter: 14a is near 14; typed with one: only that letter.
    const auto letter_class = [&](const AddressRecord& r) -> int {
        if (spec.letter == 0) return has_letter(r) ? 1 : 0;
        return !r.odd_letter && r.letter == static_cast<unsigned char>(spec.letter) ? 0 : -1;
    };
    const auto orientation = static_cast<std::uint32_t>(spec.orientation);
    if (spec.house > 0) {
        const auto house = static_cast<std::uint32_t>(spec.house);
        const auto visit_houses = [&](std::uint32_t lo, std::uint32_t hi, bool longer) {
            auto [first, end] = house_range(data, group, spec.evidence, lo, hi);
            for (auto r = first; r < end && (!longer || r < first + longer_cap); ++r) {
                const AddressRecord& record = data.records[r];
                if (spec.orientation == 0) {
                    found |= sink({r, static_cast<std::uint8_t>(longer ? 2 : 0), false});
                    continue;
                }
                if (record.orientation_number == orientation) {
                    const int c = letter_class(record);
                    if (c >= 0) found |= sink({r, static_cast<std::uint8_t>(c), false});
                } else if (spec.open_end && spec.letter == 0) {
                    const std::string typed = std::to_string(orientation);
                    const std::string have = std::to_string(record.orientation_number);
                    if (have.size() > typed.size() && have.starts_with(typed))
                        found |= sink({r, 2, false});
                }
            }
        };
        visit_houses(house, house, false);
        if (spec.open_end && spec.orientation == 0) {
            for_longer_numbers(
                house, [&](std::uint32_t lo, std::uint32_t hi) { visit_houses(lo, hi, true); });
        }
        return found;
    }
    auto [first, end] = orientation_range(data, group, orientation, orientation);
    for (auto i = first; i < end; ++i) {
        const std::uint32_t r = data.by_orientation[i];
        const int c = letter_class(data.records[r]);
        if (c >= 0) found |= sink({r, static_cast<std::uint8_t>(c), false});
    }
    if (spec.open_end && spec.letter == 0) {
        for_longer_numbers(orientation, [&](std::uint32_t lo, std::uint32_t hi) {
            auto [o_first, o_end] = orientation_range(data, group, lo, hi);
            for (auto i = o_first; i < o_end && i < o_first + longer_cap; ++i)
                found |= sink({data.by_orientation[i], 2, false});
        });
    }
    return found;
}

}  // namespace okrsek::service
