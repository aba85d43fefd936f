// DistrictDirectory: editing the teams (contacts, holders) and the towns' team roles, and the
// staff's view of a team's history.
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "service/directory/district_directory.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;

namespace {

store::AuditEntry with_details(store::AuditEntry entry, const nlohmann::json& details) {
    entry.details_json = details.dump();
    return entry;
}

}  // namespace

std::vector<TeamSeatHistory> DistrictDirectory::team_history(const Principal& principal,
                                                             std::int64_t district_id) {
    const auto snapshot = catalog();
    const std::int64_t town = district(*snapshot, district_id, "id").info().municipality_code;
    m_accounts.require(principal, sec::Action::district_team_read, district_target(district_id));
    ensure_defaults(town);
    std::map<std::int64_t, TeamSeatHistory> by_role;
    for (const auto& position : m_store.district_positions(district_id)) {
        by_role[position.role_id].position = position;
    }
    for (auto& holder : m_store.district_holders(district_id, true)) {
        by_role[holder.role_id].holders.push_back(std::move(holder));
    }
    std::vector<TeamSeatHistory> result;
    for (const auto& role : m_store.team_roles(town, true)) {
        auto found = by_role.find(role.id);
        if (role.retired_at && found == by_role.end()) continue;
        TeamSeatHistory seat =
            found == by_role.end() ? TeamSeatHistory{} : std::move(found->second);
        seat.role = role;
        result.push_back(std::move(seat));
    }
    return result;
}

store::TeamPosition DistrictDirectory::set_contact(const Principal& principal,
                                                   std::int64_t district_id, std::int64_t role_id,
                                                   const store::Contact& contact) {
    const auto snapshot = catalog();
    const std::int64_t town = district(*snapshot, district_id, "id").info().municipality_code;
    m_accounts.require(principal, sec::Action::district_team_edit, district_target(district_id));
    ensure_defaults(town);
    return m_store.set_position_contact(
        town, district_id, role_id, contact, now(),
        with_details(principal.audit("team.contact.update", "team_position", ""),
                     {{"district", district_id}, {"role", role_id}}));
}

store::TeamHolder DistrictDirectory::start_holder(const Principal& principal,
                                                  std::int64_t district_id, std::int64_t role_id,
                                                  const store::HolderProfile& profile,
                                                  std::string_view from_date) {
    const auto snapshot = catalog();
    const std::int64_t town = district(*snapshot, district_id, "id").info().municipality_code;
    m_accounts.require(principal, sec::Action::district_team_edit, district_target(district_id));
    ensure_defaults(town);
    const std::int64_t id = m_store.start_holder(
        town, district_id, role_id, profile, from_date, now(),
        with_details(principal.audit("team.holder.start", "team_holder", ""),
                     {{"district", district_id}, {"role", role_id}, {"from", from_date}}));
    return *m_store.find_holder(id);
}

store::TeamHolder DistrictDirectory::update_holder(const Principal& principal,
                                                   std::int64_t holder_id,
                                                   store::HolderProfile profile,
                                                   bool keep_account) {
    const auto before = m_store.find_holder(holder_id);
    if (!before) throw Error(ErrorCode::not_found, "no holder " + std::to_string(holder_id), "id");
    m_accounts.require(principal, sec::Action::district_card_edit,
                       district_target(before->district_id));
    if (keep_account) profile.user_id = before->profile.user_id;
    // The linked account receives the holder's reports: linking is an appointment decision.
    if (profile.user_id != before->profile.user_id) {
        m_accounts.require(principal, sec::Action::district_team_edit,
                           district_target(before->district_id));
    }
    m_store.update_holder(holder_id, profile, now(),
                          with_details(principal.audit("team.holder.update", "team_holder", ""),
                                       {{"district", before->district_id}}));
    return *m_store.find_holder(holder_id);
}

store::TeamHolder DistrictDirectory::end_holder(const Principal& principal, std::int64_t holder_id,
                                                std::string_view to_date) {
    const auto holder = m_store.find_holder(holder_id);
    if (!holder) throw Error(ErrorCode::not_found, "no holder " + std::to_string(holder_id), "id");
    m_accounts.require(principal, sec::Action::district_team_edit,
                       district_target(holder->district_id));
    m_store.end_holder(holder_id, to_date, now(),
                       with_details(principal.audit("team.holder.end", "team_holder", ""),
                                    {{"district", holder->district_id}, {"to", to_date}}));
    return *m_store.find_holder(holder_id);
}

store::TeamRole DistrictDirectory::add_team_role(const Principal& principal,
                                                 const store::NewTeamRole& role) {
    require_town(role.municipality_code);
    m_accounts.require(principal, sec::Action::district_team_edit,
                       sec::Target::municipality(role.municipality_code));
    ensure_defaults(role.municipality_code);
    const std::int64_t id = m_store.add_team_role(
        role, now(),
        with_details(principal.audit("team.role.create", "team_role", ""), {{"code", role.code}}));
    return *m_store.find_team_role(id);
}

store::TeamRole DistrictDirectory::update_team_role(const Principal& principal,
                                                    std::int64_t role_id, std::string_view name_cs,
                                                    std::string_view name_en, bool retired) {
    const auto role = m_store.find_team_role(role_id);
    if (!role) throw Error(ErrorCode::not_found, "no team role " + std::to_string(role_id), "id");
    m_accounts.require(principal, sec::Action::district_team_edit,
                       sec::Target::municipality(role->municipality_code));
    const char* action = retired && !role->retired_at   ? "team.role.retire"
                         : !retired && role->retired_at ? "team.role.restore"
                                                        : "team.role.update";
    m_store.update_team_role(
        role_id, name_cs, name_en, retired, now(),
        with_details(principal.audit(action, "team_role", ""), {{"code", role->code}}));
    return *m_store.find_team_role(role_id);
}

std::vector<store::TeamRole> DistrictDirectory::order_team_roles(
    const Principal& principal, std::int64_t municipality_code,
    std::span<const std::int64_t> role_ids) {
    require_town(municipality_code);
    m_accounts.require(principal, sec::Action::district_team_edit,
                       sec::Target::municipality(municipality_code));
    ensure_defaults(municipality_code);
    m_store.order_team_roles(
        municipality_code, role_ids, now(),
        with_details(principal.audit("team.role.order", "municipality", ""),
                     {{"roles", std::vector<std::int64_t>(role_ids.begin(), role_ids.end())}}));
    return m_store.team_roles(municipality_code, true);
}

}  // namespace okrsek::service
