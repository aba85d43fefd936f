#include "service/addresses/address_index.hpp"

#include "service/addresses/address_index_data.hpp"

namespace okrsek::service {
namespace {

template <typename T>
std::size_t bytes_of_address_index(const std::vector<T>& values) {
    return values.capacity() * sizeof(T);
}

void append_postcode(std::string& out, std::uint32_t postcode) {
    // Czech postcodes are written "120 00".
    const std::string digits = std::to_string(postcode);
    if (digits.size() != 5) {
        out += digits;
        return;
    }
    out.append(digits, 0, 3);
    out += ' ';
    out.append(digits, 3, 2);
}

}  // namespace

AddressIndex::AddressIndex(std::unique_ptr<AddressIndexData> data) : m_data(std::move(data)) {}
AddressIndex::~AddressIndex() = default;

std::size_t AddressIndex::address_count() const noexcept {
    return m_data->records.size();
}

std::size_t AddressIndex::group_count() const noexcept {
    return m_data->groups.size();
}

std::size_t AddressIndex::word_count() const noexcept {
    return m_data->words.size() - 1;
}

std::size_t AddressIndex::memory_bytes() const noexcept {
    const auto& d = *m_data;
    std::size_t bytes =
        sizeof(AddressIndexData) + bytes_of_address_index(d.records) +
        bytes_of_address_index(d.by_orientation) + bytes_of_address_index(d.groups) +
        bytes_of_address_index(d.display_orders) + bytes_of_address_index(d.street_word_counts) +
        bytes_of_address_index(d.towns) + bytes_of_address_index(d.town_groups) +
        bytes_of_address_index(d.city_parts) + d.names.memory_bytes() +
        bytes_of_address_index(d.odd_letters) + d.words.memory_bytes() +
        bytes_of_address_index(d.posting_offsets) + bytes_of_address_index(d.postings) +
        bytes_of_address_index(d.postings_by_rank) + bytes_of_address_index(d.group_tokens) +
        bytes_of_address_index(d.postcode_groups);
    for (const auto& letter : d.odd_letters) bytes += letter.capacity();
    return bytes;
}

core::AddressPoint AddressIndex::address(std::uint32_t record) const {
    const auto& d = *m_data;
    const AddressRecord& r = d.records[record];
    const StreetGroup& group = d.groups[r.group];
    core::AddressPoint point;
    point.code = r.code;
    point.municipality_code = d.towns[group.town].code;
    point.municipality_name = std::string(d.names.get(d.towns[group.town].name));
    point.city_part_code = d.city_parts[group.city_part].code;
    point.city_part_name = std::string(d.names.get(d.city_parts[group.city_part].name));
    point.part_name = std::string(d.names.get(group.part));
    point.street = std::string(d.names.get(group.street));
    point.evidence_number = r.evidence != 0;
    point.house_number = static_cast<std::int32_t>(r.house_number);
    point.orientation_number = static_cast<std::int32_t>(r.orientation_number);
    if (r.odd_letter) {
        point.orientation_letter = d.odd_letters[r.letter];
    } else if (r.letter != 0) {
        point.orientation_letter = std::string(1, static_cast<char>(r.letter));
    }
    point.postcode = static_cast<std::int32_t>(r.postcode);
    point.position = position(record);
    return point;
}

std::optional<core::LonLat> AddressIndex::position(std::uint32_t record) const {
    const AddressRecord& r = m_data->records[record];
    if (r.lon_e7 == no_position) return std::nullopt;
    return core::LonLat{r.lon_e7 / 1e7, r.lat_e7 / 1e7};
}

std::string AddressIndex::label(std::uint32_t record) const {
    const core::AddressPoint point = address(record);
    std::string out = point.street.empty() ? point.part_name : point.street;
    out += point.evidence_number ? " č.ev. " : " ";
    out += std::to_string(point.house_number);
    if (point.orientation_number > 0) {
        out += '/';
        out += std::to_string(point.orientation_number);
        out += point.orientation_letter;
    }
    // The part when it says more than the street and the town do ("Vinohrady"), then the
    // city part ("Praha 2", which names the town) or the town.
    if (!point.street.empty() && point.part_name != point.municipality_name &&
        !point.part_name.empty()) {
        out += ", " + point.part_name;
    }
    if (!point.city_part_name.empty()) {
        out += ", " + point.city_part_name;
        if (point.city_part_name.find(point.municipality_name) == std::string::npos)
            out += ", " + point.municipality_name;
    } else if (!point.street.empty() || point.part_name != point.municipality_name) {
        out += ", " + point.municipality_name;
    }
    if (point.postcode > 0) {
        out += ", ";
        append_postcode(out, static_cast<std::uint32_t>(point.postcode));
    }
    return out;
}

}  // namespace okrsek::service
