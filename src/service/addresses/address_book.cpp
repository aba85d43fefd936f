#include "service/addresses/address_book.hpp"

#include "core/error.hpp"
#include "service/addresses/address_index_holder.hpp"
#include "service/addresses/address_query.hpp"
#include "service/security/text_folding.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

void check_query(const AddressQuery& query) {
    if (query.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw Error(ErrorCode::invalid_argument, "parameter 'q' is missing or empty", "q");
    }
    if (query.text.size() > max_address_query_bytes) {
        throw Error(
            ErrorCode::invalid_argument,
            "parameter 'q' is longer than " + std::to_string(max_address_query_bytes) + " bytes",
            "q");
    }
    if (!security::decode_utf8(query.text)) {
        throw Error(ErrorCode::invalid_argument, "parameter 'q' is not valid UTF-8", "q");
    }
    if (query.limit < 1 || query.limit > max_address_matches) {
        throw Error(ErrorCode::invalid_argument,
                    "parameter 'limit' must be 1 to " + std::to_string(max_address_matches),
                    "limit");
    }
    if (query.municipality_code && *query.municipality_code < 1) {
        throw Error(ErrorCode::invalid_argument, "parameter 'town' must be a RÚIAN town code",
                    "town");
    }
}

std::optional<AddressArea> area_of(const std::optional<AreaRef>& ref) {
    if (!ref) return std::nullopt;
    const auto& info = ref->info();
    return AddressArea{info.id, info.code, info.name};
}

}  // namespace

AddressBook::AddressBook(store::Store& store, const security::Clock& clock, CatalogSource catalog)
    : m_store(store),
      m_clock(clock),
      m_catalog(std::move(catalog)),
      m_index(std::make_unique<AddressIndexHolder>(m_store, m_catalog, m_local_changes)) {}

AddressBook::~AddressBook() = default;

AddressSearchResult AddressBook::search(const AddressQuery& query) const {
    check_query(query);
    const ParsedAddressQuery parsed = parse_address_query(query.text);
    const auto snapshot = m_index->current();
    AddressSearchResult result;
    for (const std::uint32_t record :
         snapshot->index->find(parsed, query.limit, query.municipality_code)) {
        AddressMatch match;
        match.address = snapshot->index->address(record);
        match.label = snapshot->index->label(record);
        match.district = area_of(snapshot->areas->district(record));
        match.city_part_area = area_of(snapshot->areas->city_part(record));
        result.matches.push_back(std::move(match));
    }
    return result;
}

void AddressBook::warm_up() {
    m_index->warm_up();
}

}  // namespace okrsek::service
