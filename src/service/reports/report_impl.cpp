// The shared helpers of CitizenReports: tokens, keyed hashes, contacts, permissions, scopes,
// recipients and per-call lookups.
#include "service/reports/report_impl.hpp"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/error.hpp"
#include "service/auth/area_targets.hpp"
#include "service/reports/report_defaults.hpp"
#include "service/security/random.hpp"

namespace okrsek::service::reports {

using core::Error;
using core::ErrorCode;
namespace sec = security;

namespace {

constexpr std::size_t report_token_bytes = 24;  // 192 bits
constexpr std::size_t report_token_chars = 32;

std::string hex(const unsigned char* bytes, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();
    return out;
}

std::string contact_context(std::int64_t report_id) {
    return "report-contact:" + std::to_string(report_id);
}

}  // namespace

std::pair<std::string, std::string> default_level_name(std::int64_t level) {
    switch (level) {
        case 0:
            return {"Pracovní skupina okrsku", "District working group"};
        case 1:
            return {"Vedení státní a městské policie", "Leadership of state and municipal police"};
        case 2:
            return {"Koordinační porada", "Coordination meeting"};
        case 3:
            return {"Bezpečnostní komise", "Security commission"};
        default:
            return {"Rada města", "Town council"};
    }
}

bool is_overdue(const store::Report& report, store::TimePoint now) noexcept {
    const auto& status = report.status;
    if (store::is_finished(status.state)) return false;
    if (!status.first_response_at && now > status.first_response_due) return true;
    if (now > status.resolution_due) return true;
    return status.level_due && now > *status.level_due;
}

std::string sha256_hex(std::string_view token) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return hex(digest, sizeof digest);
}

std::string new_report_token() {
    const auto bytes = sec::random_bytes(report_token_bytes);
    char text[report_token_chars + 1];
    sodium_bin2base64(text, sizeof text, bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(text, report_token_chars);
}

bool is_report_token(std::string_view token) noexcept {
    if (token.size() != report_token_chars) return false;
    return std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

ReportCore::ReportCore(store::Store& store_, const security::Clock& clock_, CatalogSource catalog_,
                       AccountAdmin& accounts_, ReportSettings settings_)
    : store(store_),
      clock(clock_),
      catalog(std::move(catalog_)),
      accounts(accounts_),
      settings(std::move(settings_)) {
    sec::ensure_sodium();
    if (settings.contact_key) contact_box.emplace(*settings.contact_key);
}

store::Report ReportCore::load(std::int64_t report_id, std::string_view field) {
    auto report = store.find_report(report_id);
    if (!report) {
        throw Error(ErrorCode::not_found, "no report " + std::to_string(report_id),
                    std::string(field));
    }
    return std::move(*report);
}

store::Report ReportCore::load_tracked(std::string_view tracking_token) {
    std::optional<store::Report> report;
    if (is_report_token(tracking_token)) {
        report = store.find_report_by_tracking_hash(sha256_hex(tracking_token));
    }
    if (!report) throw Error(ErrorCode::not_found, "unknown tracking link", "token");
    return std::move(*report);
}

std::string ReportCore::keyed_hash(std::string_view purpose, std::string_view text) const {
    const auto& key = settings.hash_key;
    const bool keyed = key.size() >= crypto_generichash_KEYBYTES_MIN &&
                       key.size() <= crypto_generichash_KEYBYTES_MAX;
    crypto_generichash_state state;
    crypto_generichash_init(&state, keyed ? key.data() : nullptr, keyed ? key.size() : 0,
                            crypto_generichash_BYTES);
    // The purpose separates the uses: an address's hash never equals an e-mail's.
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()),
                              purpose.size());
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash_final(&state, digest, sizeof digest);
    return hex(digest, sizeof digest);
}

std::optional<std::string> ReportCore::seal_contact(std::int64_t report_id,
                                                    const ReporterContact& contact) const {
    if (contact.contact.empty()) return std::nullopt;
    if (!contact_box) {
        throw Error(ErrorCode::unavailable,
                    "reports with a contact cannot be accepted: the server has no master key",
                    "contact");
    }
    const std::string json = nlohmann::json{
        {"name", contact.contact.name},
        {"email", contact.contact.email},
        {"phone", contact.contact.phone},
        {"lang",
         contact.language}}.dump();
    return contact_box->seal(
        std::span(reinterpret_cast<const unsigned char*>(json.data()), json.size()),
        contact_context(report_id));
}

std::optional<ReporterContact> ReportCore::open_contact(const store::Report& report) const {
    if (!report.contact_sealed || !contact_box) return std::nullopt;
    try {
        const auto plain = contact_box->open(*report.contact_sealed, contact_context(report.id));
        const auto json = nlohmann::json::parse(plain.begin(), plain.end());
        ReporterContact contact;
        contact.contact.name = json.value("name", "");
        contact.contact.email = json.value("email", "");
        contact.contact.phone = json.value("phone", "");
        contact.language = json.value("lang", "cs");
        return contact;
    } catch (const std::exception&) {
        // A changed key or an altered row: treated as no contact (the message says nothing
        // about the content either way).
        return std::nullopt;
    }
}

sec::Target ReportCore::target_of(const store::Report& report) const {
    const auto& routing = report.routing;
    if (routing.district_id) {
        return sec::Target::district(routing.municipality_code, routing.city_part_id,
                                     *routing.district_id);
    }
    if (routing.city_part_id) {
        return sec::Target::city_part(routing.municipality_code, *routing.city_part_id);
    }
    return sec::Target::municipality(routing.municipality_code);
}

void ReportCore::require(const Principal& principal, sec::Action action,
                         const store::Report& report) const {
    if (principal.kind == Principal::Kind::user && principal.id == 0) {
        throw Error(ErrorCode::unauthenticated, "sign in first");
    }
    accounts.require(principal, action, target_of(report));
}

bool ReportCore::allowed(const Principal& principal, sec::Action action,
                         const store::Report& report) const {
    return accounts.allowed(principal, action, target_of(report));
}

ReportScope ReportCore::scope_of(const Principal& principal, sec::Action action) const {
    ReportScope scope;
    if (accounts.allowed(principal, action, sec::Target::deployment())) {
        scope.everywhere = true;
        return scope;
    }
    if (principal.kind != Principal::Kind::user) return scope;
    const auto snapshot = catalog();
    std::set<std::int64_t> whole_towns;
    for (const auto& town : store.municipalities()) {
        if (accounts.allowed(principal, action, sec::Target::municipality(town.code))) {
            whole_towns.insert(town.code);
        }
    }
    scope.municipality_codes.assign(whole_towns.begin(), whole_towns.end());
    // Area grants name their areas; a city part's districts are found through the catalog.
    // Every candidate is checked with AccountAdmin::allowed, the one rule of who may what.
    std::set<std::int64_t> districts;
    std::set<std::int64_t> parts;
    for (const auto& grant : principal.grants) {
        const auto kind = grant.scope.kind;
        if (kind != sec::ScopeKind::district && kind != sec::ScopeKind::city_part) continue;
        const auto area = snapshot->find_area(grant.scope.id);
        if (!area || whole_towns.count(area->info().municipality_code)) continue;
        const bool is_district = kind == sec::ScopeKind::district;
        if (area->layer->info.name != (is_district ? district_layer : city_part_layer)) continue;
        const auto target = target_of_scope(*snapshot, grant.scope);
        if (!accounts.allowed(principal, action, target)) continue;
        (is_district ? districts : parts).insert(grant.scope.id);
    }
    const auto* district_areas = snapshot->find_layer(district_layer);
    if (!parts.empty() && district_areas) {
        for (const auto& area : district_areas->areas) {
            if (districts.count(area.id) || whole_towns.count(area.municipality_code)) continue;
            const auto target = target_of_scope(*snapshot, sec::Scope::district(area.id));
            if (target.city_part_id && parts.count(*target.city_part_id) &&
                accounts.allowed(principal, action, target)) {
                districts.insert(area.id);
            }
        }
    }
    scope.district_ids.assign(districts.begin(), districts.end());
    scope.city_part_ids.assign(parts.begin(), parts.end());
    return scope;
}

bool ReportCore::narrow(const ReportScope& scope, store::ReportFilter& filter) const {
    if (scope.everywhere) return true;
    const auto snapshot = catalog();
    const auto town_of = [&](std::int64_t area_id) -> std::optional<std::int64_t> {
        const auto area = snapshot->find_area(area_id);
        if (!area) return std::nullopt;
        return area->info().municipality_code;
    };
    const auto& whole = scope.municipality_codes;
    std::set<std::int64_t> towns(whole.begin(), whole.end());
    std::set<std::int64_t> partial_towns;
    std::vector<std::int64_t> districts;
    std::vector<std::int64_t> parts;
    for (const auto id : scope.district_ids) {
        const auto town = town_of(id);
        if (!town || (filter.municipality_code && *town != *filter.municipality_code)) continue;
        districts.push_back(id);
        partial_towns.insert(*town);
    }
    for (const auto id : scope.city_part_ids) {
        const auto town = town_of(id);
        if (!town || (filter.municipality_code && *town != *filter.municipality_code)) continue;
        parts.push_back(id);
        partial_towns.insert(*town);
    }
    if (filter.municipality_code) {
        if (towns.count(*filter.municipality_code)) return true;
    } else if (towns.size() == 1 && partial_towns.empty()) {
        filter.municipality_code = *towns.begin();
        return true;
    } else {
        // Whole towns among others: their areas join the lists, and reports in no area are
        // shown only when no town of the scope is partial (the filter cannot say "in no area
        // of town T").
        for (const auto& layer : snapshot->layers()) {
            const bool is_district = layer->info.name == district_layer;
            if (!is_district && layer->info.name != city_part_layer) continue;
            for (const auto& area : layer->areas) {
                if (!towns.count(area.municipality_code)) continue;
                (is_district ? districts : parts).push_back(area.id);
            }
        }
        filter.include_unassigned = !towns.empty() && partial_towns.empty();
        // Reports in no area of these towns, never of another town.
        if (filter.include_unassigned) filter.municipality_codes.assign(towns.begin(), towns.end());
    }
    if (districts.empty() && parts.empty() && !filter.include_unassigned) return false;
    filter.district_ids = std::move(districts);
    filter.city_part_ids = std::move(parts);
    return true;
}

std::optional<std::string> ReportCore::owner_address(const store::Report& report) {
    const auto& routing = report.routing;
    if (routing.owner_user_id) {
        const auto user = store.find_user(*routing.owner_user_id);
        if (user && user->active && !user->email.empty()) return user->email;
    }
    if (!routing.owner_role_code || !routing.district_id) return std::nullopt;
    std::optional<std::int64_t> role_id;
    for (const auto& role : store.team_roles(routing.municipality_code, false)) {
        if (role.code == *routing.owner_role_code) role_id = role.id;
    }
    if (!role_id) return std::nullopt;
    for (const auto& position : store.district_positions(*routing.district_id)) {
        if (position.role_id == *role_id && position.email) return position.email;
    }
    return std::nullopt;
}

std::vector<std::string> ReportCore::level_addresses(std::int64_t municipality_code,
                                                     std::int64_t level) {
    std::vector<sec::Role> roles;
    if (level == 1) {
        roles = {sec::Role::state_police_leadership, sec::Role::municipal_police_leadership};
    } else if (level == 2) {
        roles = {sec::Role::prevention_manager};
    } else if (level == 3) {
        roles = {sec::Role::security_commission_member};
    }
    std::vector<std::string> addresses;
    const auto add = [&](const std::string& address) {
        if (!address.empty() &&
            std::find(addresses.begin(), addresses.end(), address) == addresses.end()) {
            addresses.push_back(address);
        }
    };
    if (!roles.empty()) {
        for (const auto& entry : store.list_users()) {
            if (!entry.user.active) continue;
            for (const auto& grant : entry.grants) {
                const auto role = sec::role_from_code(grant.role);
                if (!role || std::find(roles.begin(), roles.end(), *role) == roles.end()) continue;
                const bool covers_town = grant.scope.kind == store::ScopeKind::global ||
                                         (grant.scope.kind == store::ScopeKind::municipality &&
                                          grant.scope.municipality_code == municipality_code);
                if (covers_town) add(entry.user.email);
            }
        }
    }
    for (const auto& row : store.report_levels(municipality_code)) {
        if (row.level == level && row.contact_email) add(*row.contact_email);
    }
    return addresses;
}

std::vector<std::string> ReportCore::responsible_addresses(const store::Report& report) {
    if (auto address = owner_address(report)) return {*address};
    return level_addresses(report.routing.municipality_code,
                           std::max<std::int64_t>(report.status.level, 1));
}

void ReportCore::ensure_defaults(std::int64_t municipality_code) {
    {
        std::lock_guard lock(m_seeded_mutex);
        if (m_seeded_towns.count(municipality_code)) return;
    }
    // A town that configured some categories (or levels) keeps its choice: only what it has
    // none of at all is seeded.
    const bool no_categories = store.report_categories(municipality_code, true).empty();
    const bool no_levels = store.report_levels(municipality_code).empty();
    if (no_categories || no_levels) {
        bool known = false;
        for (const auto& town : store.municipalities()) {
            known = known || town.code == municipality_code;
        }
        if (!known) {
            throw Error(ErrorCode::not_found,
                        "no municipality " + std::to_string(municipality_code), "municipality");
        }
        std::vector<store::CategoryFields> categories;
        std::vector<store::ReportLevel> levels;
        if (no_categories) categories = default_categories(municipality_code);
        if (no_levels) levels = default_levels(municipality_code);
        store.seed_report_defaults(municipality_code, categories, levels, now());
    }
    std::lock_guard lock(m_seeded_mutex);
    m_seeded_towns.insert(municipality_code);
}

// ---- ReportLookups --------------------------------------------------------------------------

const store::ReportCategory& ReportLookups::category(std::int64_t category_id) {
    auto found = m_categories.find(category_id);
    if (found == m_categories.end()) {
        auto category = m_core.store.find_report_category(category_id);
        if (!category) {
            throw Error(ErrorCode::not_found, "no category " + std::to_string(category_id),
                        "category");
        }
        found = m_categories.emplace(category_id, std::move(*category)).first;
    }
    return found->second;
}

const store::ReportCategory* ReportLookups::category(std::int64_t municipality_code,
                                                     std::string_view code) {
    for (const auto& [id, category] : m_categories) {
        if (category.municipality_code == municipality_code && category.code == code) {
            return &category;
        }
    }
    auto category = m_core.store.find_report_category(municipality_code, code);
    if (!category) return nullptr;
    const std::int64_t id = category->id;
    return &m_categories.emplace(id, std::move(*category)).first->second;
}

const std::vector<store::ReportLevel>& ReportLookups::levels(std::int64_t municipality_code) {
    auto found = m_levels.find(municipality_code);
    if (found == m_levels.end()) {
        found = m_levels.emplace(municipality_code, m_core.store.report_levels(municipality_code))
                    .first;
    }
    return found->second;
}

const store::ReportLevel* ReportLookups::level(std::int64_t municipality_code, std::int64_t level) {
    for (const auto& row : levels(municipality_code)) {
        if (row.level == level) return &row;
    }
    return nullptr;
}

std::pair<std::string, std::string> ReportLookups::level_name(std::int64_t municipality_code,
                                                              std::int64_t level_number) {
    if (const auto* row = level(municipality_code, level_number)) {
        return {row->name_cs, row->name_en};
    }
    return default_level_name(level_number);
}

std::optional<std::string> ReportLookups::district_name(std::optional<std::int64_t> district_id) {
    if (!district_id) return std::nullopt;
    const auto snapshot = m_core.catalog();
    const auto area = snapshot->find_area(*district_id);
    if (!area) return std::nullopt;
    return area->info().name;
}

std::optional<std::string> ReportLookups::holder_name(std::optional<std::int64_t> holder_id) {
    if (!holder_id) return std::nullopt;
    auto found = m_holders.find(*holder_id);
    if (found == m_holders.end()) {
        const auto holder = m_core.store.find_holder(*holder_id);
        std::optional<std::string> name;
        if (holder) name = holder->profile.name;
        found = m_holders.emplace(*holder_id, std::move(name)).first;
    }
    return found->second;
}

std::optional<std::string> ReportLookups::owner_name(const store::ReportRouting& routing) {
    if (auto name = holder_name(routing.owner_holder_id)) return name;
    if (!routing.owner_user_id) return std::nullopt;
    auto found = m_users.find(*routing.owner_user_id);
    if (found == m_users.end()) {
        const auto user = m_core.store.find_user(*routing.owner_user_id);
        std::optional<std::string> name;
        if (user) name = user->display_name;
        found = m_users.emplace(*routing.owner_user_id, std::move(name)).first;
    }
    return found->second;
}

PublicReport ReportLookups::to_public(const store::Report& report, bool with_history) {
    const auto& routing = report.routing;
    const auto& status = report.status;
    const auto& cat = category(routing.category_id);
    PublicReport view;
    view.id = report.id;
    view.municipality_code = routing.municipality_code;
    view.district_id = routing.district_id;
    view.district_name = district_name(routing.district_id);
    view.category_code = cat.code;
    view.category_name_cs = cat.name_cs;
    view.category_name_en = cat.name_en;
    view.lon = static_cast<double>(routing.lon_e7) / 1e7;
    view.lat = static_cast<double>(routing.lat_e7) / 1e7;
    view.address_text = routing.address_text;
    view.description = status.public_description;
    view.state = status.state;
    view.state_reason = status.state_reason;
    view.passed_to = status.passed_to;
    view.duplicate_of = status.duplicate_of;
    view.level = status.level;
    std::tie(view.level_name_cs, view.level_name_en) =
        level_name(routing.municipality_code, status.level);
    view.owner_name = owner_name(routing);
    view.owner_role_code = routing.owner_role_code;
    if (report.show_name) view.reporter_name = report.public_name;
    view.overdue = is_overdue(report, m_core.now());
    view.fixed_confirmed = status.fixed_confirmed_at.has_value();
    view.created_at = report.created_at;
    view.updated_at = report.updated_at;
    view.first_response_due = status.first_response_due;
    view.resolution_due = status.resolution_due;
    view.level_due = status.level_due;
    if (with_history) {
        view.updates = m_core.store.report_updates(report.id, false);
        for (auto& photo : m_core.store.report_photos(report.id)) {
            if (photo.is_public) view.photos.push_back(std::move(photo));
        }
    }
    return view;
}

MailFacts ReportLookups::facts(const store::Report& report) {
    const auto& cat = category(report.routing.category_id);
    MailFacts facts;
    facts.report_id = report.id;
    facts.municipality_code = report.routing.municipality_code;
    facts.category_name_cs = cat.name_cs;
    facts.category_name_en = cat.name_en;
    facts.district_name = district_name(report.routing.district_id).value_or("");
    facts.address_text = report.routing.address_text;
    facts.description = report.description;
    facts.owner_name = owner_name(report.routing).value_or("");
    return facts;
}

store::ReportStatus reopened_status(ReportCore& core, ReportLookups& lookups,
                                    const store::Report& report, std::string reason) {
    const store::TimePoint now = core.now();
    store::ReportStatus status = report.status;
    status.state = store::ReportState::reopened;
    status.state_reason = std::move(reason);
    status.passed_to.reset();
    status.duplicate_of.reset();
    status.resolved_at.reset();
    status.closed_at.reset();
    status.fixed_confirmed_at.reset();
    const auto& category = lookups.category(report.routing.category_id);
    status.resolution_due = add_working_days(now, category.resolution_days);
    if (status.level >= 1) {
        const auto* level = lookups.level(report.routing.municipality_code, status.level);
        status.level_due = add_working_days(now, level ? level->deadline_days : 10);
    }
    return status;
}

}  // namespace okrsek::service::reports
