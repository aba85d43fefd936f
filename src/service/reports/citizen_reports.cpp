// CitizenReports: set-up, categories, escalation levels and answer templates of a town.
#include "service/reports/citizen_reports.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "service/reports/report_defaults.hpp"
#include "service/reports/report_extra.hpp"
#include "service/reports/report_impl.hpp"
#include "service/reports/report_input.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;
namespace rep = reports;

namespace {

bool is_code(std::string_view code) {
    return !code.empty() && code.size() <= 64 &&
           code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

// The checks the store does not do (it keeps only limits): a category's role code, texts and
// extra fields.
store::CategoryFields checked_category(store::CategoryFields fields, bool creating) {
    if (creating && !is_code(fields.code)) {
        throw Error(ErrorCode::invalid_argument, "code: 1 to 64 of a-z, 0-9 and _", "code");
    }
    if (!is_code(fields.owner_role_code)) {
        throw Error(ErrorCode::invalid_argument, "owner_role_code must name a team role",
                    "owner_role_code");
    }
    rep::check_text(fields.name_cs, "name_cs", 1, 200);
    rep::check_text(fields.name_en, "name_en", 0, 200);
    for (const auto& [text, field] : {std::pair{&fields.description_cs, "description_cs"},
                                      std::pair{&fields.description_en, "description_en"},
                                      std::pair{&fields.guidance_cs, "guidance_cs"},
                                      std::pair{&fields.guidance_en, "guidance_en"}}) {
        rep::check_text(*text, field, 0, store::max_category_text_bytes);
    }
    fields.extra_fields_json = rep::validate_extra_fields(fields.extra_fields_json);
    return fields;
}

}  // namespace

CitizenReports::CitizenReports(store::Store& store, const security::Clock& clock,
                               CatalogSource catalog, AccountAdmin& accounts,
                               ReportSettings settings)
    : m_impl(std::make_unique<Impl>(store, clock, std::move(catalog), accounts,
                                    std::move(settings))) {}

CitizenReports::~CitizenReports() = default;

const ReportSettings& CitizenReports::settings() const {
    return m_impl->settings;
}

std::vector<store::ReportCategory> CitizenReports::categories(std::int64_t municipality_code) {
    m_impl->ensure_defaults(municipality_code);
    return m_impl->store.report_categories(municipality_code, false);
}

std::vector<store::ReportLevel> CitizenReports::levels(std::int64_t municipality_code) {
    m_impl->ensure_defaults(municipality_code);
    return m_impl->store.report_levels(municipality_code);
}

void CitizenReports::seed_defaults(std::int64_t municipality_code) {
    m_impl->ensure_defaults(municipality_code);
}

// -- Templates: read by anyone who handles reports in the town, written with reports_configure.

std::vector<store::AnswerTemplate> CitizenReports::templates(const Principal& principal,
                                                             std::int64_t municipality_code) {
    auto& core = *m_impl;
    // Whoever writes the templates (reports.configure) may read them too, without handling.
    store::ReportFilter probe;
    probe.municipality_code = municipality_code;
    store::ReportFilter probe_configure = probe;
    if (!core.narrow(core.scope_of(principal, sec::Action::reports_handle), probe) &&
        !core.narrow(core.scope_of(principal, sec::Action::reports_configure), probe_configure)) {
        if (principal.kind == Principal::Kind::user && principal.id == 0) {
            throw Error(ErrorCode::unauthenticated, "sign in first");
        }
        throw Error(ErrorCode::forbidden,
                    "your roles do not allow reports.handle or reports.configure here");
    }
    return core.store.answer_templates(municipality_code);
}

std::int64_t CitizenReports::create_template(const Principal& principal,
                                             std::int64_t municipality_code, std::string_view title,
                                             std::string_view body) {
    auto& core = *m_impl;
    core.accounts.require(principal, sec::Action::reports_configure,
                          sec::Target::municipality(municipality_code));
    rep::check_text(title, "title", 1, 200);
    rep::check_text(body, "body", 1, store::max_report_update_bytes);
    auto audit = principal.audit("report_template.create", "report_template", "");
    audit.municipality_code = municipality_code;
    return core.store.create_answer_template(municipality_code, title, body, core.now(), audit);
}

namespace {

store::AnswerTemplate template_of(rep::ReportCore& core, std::int64_t template_id) {
    auto found = core.store.find_answer_template(template_id);
    if (!found) {
        throw Error(ErrorCode::not_found, "no template " + std::to_string(template_id), "id");
    }
    return std::move(*found);
}

}  // namespace

void CitizenReports::update_template(const Principal& principal, std::int64_t template_id,
                                     std::string_view title, std::string_view body) {
    auto& core = *m_impl;
    const auto stored = template_of(core, template_id);
    core.accounts.require(principal, sec::Action::reports_configure,
                          sec::Target::municipality(stored.municipality_code));
    rep::check_text(title, "title", 1, 200);
    rep::check_text(body, "body", 1, store::max_report_update_bytes);
    auto audit =
        principal.audit("report_template.update", "report_template", std::to_string(template_id));
    audit.municipality_code = stored.municipality_code;
    core.store.update_answer_template(template_id, title, body, core.now(), audit);
}

void CitizenReports::delete_template(const Principal& principal, std::int64_t template_id) {
    auto& core = *m_impl;
    const auto stored = template_of(core, template_id);
    core.accounts.require(principal, sec::Action::reports_configure,
                          sec::Target::municipality(stored.municipality_code));
    auto audit =
        principal.audit("report_template.delete", "report_template", std::to_string(template_id));
    audit.municipality_code = stored.municipality_code;
    core.store.delete_answer_template(template_id, audit);
}

// -- Categories and levels (reports_configure for the town).

std::int64_t CitizenReports::create_category(const Principal& principal,
                                             const store::CategoryFields& fields) {
    auto& core = *m_impl;
    core.accounts.require(principal, sec::Action::reports_configure,
                          sec::Target::municipality(fields.municipality_code));
    const auto checked = checked_category(fields, true);
    core.ensure_defaults(fields.municipality_code);
    auto audit = principal.audit("report_category.create", "report_category", "");
    audit.municipality_code = fields.municipality_code;
    audit.details_json = nlohmann::json{{"code", checked.code}}.dump();
    return core.store.create_report_category(checked, core.now(), audit);
}

namespace {

store::ReportCategory category_of(rep::ReportCore& core, std::int64_t category_id) {
    auto found = core.store.find_report_category(category_id);
    if (!found) {
        throw Error(ErrorCode::not_found, "no category " + std::to_string(category_id), "id");
    }
    return std::move(*found);
}

}  // namespace

void CitizenReports::update_category(const Principal& principal, std::int64_t category_id,
                                     const store::CategoryFields& fields) {
    auto& core = *m_impl;
    const auto stored = category_of(core, category_id);
    core.accounts.require(principal, sec::Action::reports_configure,
                          sec::Target::municipality(stored.municipality_code));
    auto checked = checked_category(fields, false);
    checked.municipality_code = stored.municipality_code;
    checked.code = stored.code;
    auto audit =
        principal.audit("report_category.update", "report_category", std::to_string(category_id));
    audit.municipality_code = stored.municipality_code;
    audit.details_json = nlohmann::json{{"code", stored.code}}.dump();
    core.store.update_report_category(category_id, checked, core.now(), audit);
}

void CitizenReports::retire_category(const Principal& principal, std::int64_t category_id) {
    auto& core = *m_impl;
    const auto stored = category_of(core, category_id);
    core.accounts.require(principal, sec::Action::reports_configure,
                          sec::Target::municipality(stored.municipality_code));
    auto audit =
        principal.audit("report_category.retire", "report_category", std::to_string(category_id));
    audit.municipality_code = stored.municipality_code;
    audit.details_json = nlohmann::json{{"code", stored.code}}.dump();
    core.store.retire_report_category(category_id, core.now(), audit);
}

void CitizenReports::set_level(const Principal& principal, const store::ReportLevel& level) {
    auto& core = *m_impl;
    core.accounts.require(principal, sec::Action::reports_configure,
                          sec::Target::municipality(level.municipality_code));
    if (level.level < 1 || level.level > 4) {
        throw Error(ErrorCode::invalid_argument, "level must be 1 to 4", "level");
    }
    if (!is_code(level.code)) {
        throw Error(ErrorCode::invalid_argument, "code: 1 to 64 of a-z, 0-9 and _", "code");
    }
    rep::check_text(level.name_cs, "name_cs", 1, 200);
    rep::check_text(level.name_en, "name_en", 0, 200);
    if (level.contact_email && !rep::is_plain_email(*level.contact_email)) {
        throw Error(ErrorCode::invalid_argument, "contact_email must be one e-mail address",
                    "contact_email");
    }
    core.ensure_defaults(level.municipality_code);
    auto audit = principal.audit("report_level.set", "report_level", std::to_string(level.level));
    audit.municipality_code = level.municipality_code;
    core.store.set_report_level(level, core.now(), audit);
}

}  // namespace okrsek::service
