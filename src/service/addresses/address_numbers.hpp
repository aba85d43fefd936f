#pragma once

// Finding house numbers within one street of the index (used by AddressIndex::find): records
// of a group are sorted by (evidence, house number), and `by_orientation` lists them by
// orientation number, so every look-up is a binary search.

#include <cstddef>
#include <cstdint>
#include <functional>

#include "service/addresses/address_index_data.hpp"
#include "service/addresses/address_query.hpp"

namespace okrsek::service {

/// A record whose number matches. `number_class`: 0 the number typed, 1 the same number with
/// another letter (or a č.ev. for a plain number), 2 a longer number starting with the digits
/// typed.
struct NumberMatch {
    std::uint32_t record = 0;
    std::uint8_t number_class = 0;
    bool by_house_number = false;  ///< a plain number found as the č.p. or č.ev.
};

/// Takes a match; returns whether the record counts (the caller may still filter it).
using NumberSink = std::function<bool(const NumberMatch&)>;

/// The records of `group` that a plain number ("14") names: as č.o. (14, 14a…), as č.p., as
/// č.ev.; with `open_end`, also up to `longer_cap` records per length of the longer numbers
/// starting with its digits (14 → 140…149, 1400…). True when the sink took any.
bool match_plain_number(const AddressIndexData& data, const StreetGroup& group, std::uint32_t value,
                        bool open_end, std::size_t longer_cap, const NumberSink& sink);

/// The records of `group` that an explicit house number names ("1903/14a", "14a", "č.p. 1903",
/// "č.ev. 6", "č.o. 14"), with longer numbers as above when it is open-ended.
bool match_house_number(const AddressIndexData& data, const StreetGroup& group,
                        const HouseNumberQuery& number, std::size_t longer_cap,
                        const NumberSink& sink);

}  // namespace okrsek::service
