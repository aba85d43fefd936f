// CitizenReports: submission (validation, spam limits, routing, deadlines, first messages) and
// the nearby reports suggested before submitting.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "media/photo.hpp"
#include "service/reports/report_extra.hpp"
#include "service/reports/report_impl.hpp"
#include "service/reports/report_input.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace rep = reports;

namespace {

constexpr std::uint32_t thumbnail_edge = 320;

store::ReportStatus initial_status(rep::ReportLookups& lookups,
                                   const store::ReportCategory& category,
                                   const store::ReportRouting& routing,
                                   const ReportSubmission& submission, store::TimePoint now) {
    store::ReportStatus status;
    status.state = store::ReportState::new_;
    status.visibility = store::ReportVisibility::pending;
    status.public_description = submission.description;
    status.first_response_due = rep::add_working_days(now, category.first_response_days);
    status.resolution_due = rep::add_working_days(now, category.resolution_days);
    if (!routing.owner_holder_id) {
        // No district or nobody holds the role there: the police leadership owns it at once.
        status.level = 1;
        const auto* level = lookups.level(routing.municipality_code, 1);
        status.level_due = rep::add_working_days(now, level ? level->deadline_days : 10);
    }
    return status;
}

}  // namespace

std::vector<store::NewReportPhoto> rep::ReportCore::prepare_photos(
    std::span<const std::string> photos, bool is_public) const {
    if (photos.size() > store::max_report_photos) {
        throw Error(ErrorCode::invalid_argument,
                    "at most " + std::to_string(store::max_report_photos) + " photos", "photos");
    }
    media::PhotoLimits limits;
    limits.max_input_bytes = settings.max_photo_bytes;
    std::vector<store::NewReportPhoto> prepared;
    for (const auto& bytes : photos) {
        const media::Photo photo = media::normalize_photo(bytes, limits);
        const media::Photo thumbnail = media::resize_photo(photo, thumbnail_edge);
        store::NewReportPhoto stored;
        stored.is_public = is_public;
        stored.photo.jpeg = photo.jpeg;
        stored.photo.sha256 = sha256_hex(photo.jpeg);
        stored.photo.width = photo.width;
        stored.photo.height = photo.height;
        stored.photo.thumb_jpeg = thumbnail.jpeg;
        stored.photo.thumb_sha256 = sha256_hex(thumbnail.jpeg);
        stored.photo.thumb_width = thumbnail.width;
        stored.photo.thumb_height = thumbnail.height;
        prepared.push_back(std::move(stored));
    }
    return prepared;
}

SubmitResult CitizenReports::submit(const ReportSubmission& submission, const ClientInfo& client) {
    auto& core = *m_impl;
    // A bot filled the hidden field: refused like any bad input, nothing stored.
    if (!submission.honeypot.empty()) {
        throw Error(ErrorCode::invalid_argument, "this field must stay empty", "website");
    }
    const rep::CheckedSubmission checked = rep::check_submission(submission);
    if (!checked.contact.contact.empty() && !core.contact_box) {
        throw Error(ErrorCode::unavailable,
                    "reports with a contact cannot be accepted: the server has no master key",
                    "contact");
    }
    const rep::Placement placement = core.place(submission.lon, submission.lat);
    core.ensure_defaults(placement.municipality_code);
    rep::ReportLookups lookups(core);
    const auto* category = lookups.category(placement.municipality_code, submission.category_code);
    if (!category || category->retired_at) {
        throw Error(ErrorCode::not_found, "no category '" + submission.category_code + "' here",
                    "category");
    }
    if (!category->accepts_reports) {
        throw Error(ErrorCode::invalid_argument,
                    "category '" + category->code + "' is not handled here: see its guidance",
                    "category");
    }
    const std::string extra =
        rep::validate_extra_values(category->extra_fields_json, submission.extra_json);

    const store::TimePoint now = core.now();
    using std::chrono::hours;
    const std::string submitter_key = core.keyed_hash("client", client.address);
    if (core.settings.max_reports_per_ip_hour > 0 &&
        core.store.count_reports_by_submitter(submitter_key, now - hours(1)) >=
            core.settings.max_reports_per_ip_hour) {
        throw Error(ErrorCode::rate_limited, "too many reports from this address; try later",
                    "rate");
    }
    std::optional<std::string> email_hash;
    if (!checked.email.empty()) {
        email_hash = core.keyed_hash("email", checked.email);
        if (core.settings.max_reports_per_email_day > 0 &&
            core.store.count_reports_by_email_hash(*email_hash, now - hours(24)) >=
                core.settings.max_reports_per_email_day) {
            throw Error(ErrorCode::rate_limited,
                        "too many reports from this e-mail address today; try tomorrow", "rate");
        }
    }
    // Decoding comes after the limits: nobody makes the server decode images at will.
    auto photos = core.prepare_photos(submission.photos, true);

    store::NewReport report;
    report.routing = core.route(submission.lon, submission.lat, submission.address_text, *category);
    report.status = initial_status(lookups, *category, report.routing, submission, now);
    report.description = submission.description;
    report.extra_json = extra;
    const std::string tracking_token = rep::new_report_token();
    report.tracking_hash = rep::sha256_hex(tracking_token);
    std::optional<std::string> confirm_token;
    if (email_hash) {
        confirm_token = rep::new_report_token();
        report.confirm_hash = rep::sha256_hex(*confirm_token);
    }
    report.seal_contact = [&core, contact = checked.contact](std::int64_t id) {
        return core.seal_contact(id, contact);
    };
    report.contact_email_hash = email_hash;
    report.has_email = email_hash.has_value();
    report.show_name = submission.show_name && !checked.contact.contact.name.empty();
    if (report.show_name) report.public_name = checked.contact.contact.name;
    report.submitter_key = submitter_key;
    report.source = submission.source;

    store::NewReportExtras extras;
    extras.first_update.kind = "submitted";
    extras.first_update.is_public = true;
    extras.first_update.author_kind = "citizen";
    extras.first_update.to_state = std::string(store::to_string(store::ReportState::new_));
    extras.first_update.level = report.status.level;
    extras.photos = std::move(photos);

    // Everything the messages need is read now: the mailer runs inside the transaction.
    store::Report draft;
    draft.routing = report.routing;
    draft.status = report.status;
    draft.description = report.description;
    const std::vector<std::string> staff = core.responsible_addresses(draft);
    rep::MailFacts facts = lookups.facts(draft);
    const auto settings = core.settings;
    extras.mails = [=](std::int64_t report_id, std::int64_t) {
        rep::MailFacts mail_facts = facts;
        mail_facts.report_id = report_id;
        std::vector<store::OutboxMessage> mails;
        if (!checked.email.empty()) {
            std::optional<std::string_view> confirm;
            if (confirm_token) confirm = *confirm_token;
            mails.push_back(rep::submission_mail(settings, mail_facts, checked.contact.language,
                                                 checked.email, tracking_token, confirm));
        }
        for (const auto& address : staff) {
            mails.push_back(rep::owner_new_report_mail(settings, mail_facts, address, true));
        }
        return mails;
    };
    const std::int64_t id = core.store.submit_report(report, extras, now);

    SubmitResult result;
    result.report_id = id;
    result.tracking_token = tracking_token;
    result.visibility = store::ReportVisibility::pending;
    result.confirmation_sent = !checked.email.empty();
    if (!facts.owner_name.empty()) result.owner_name = facts.owner_name;
    result.district_id = report.routing.district_id;
    return result;
}

std::vector<PublicReport> CitizenReports::nearby(double lon, double lat,
                                                 std::string_view category_code) {
    auto& core = *m_impl;
    const rep::Placement placement = core.place(lon, lat);
    rep::ReportLookups lookups(core);
    const auto* category = lookups.category(placement.municipality_code, category_code);
    if (!category) {
        throw Error(ErrorCode::not_found, "no category '" + std::string(category_code) + "' here",
                    "category");
    }
    store::ReportFilter filter;
    filter.municipality_code = placement.municipality_code;
    filter.category_ids = {category->id};
    filter.visibilities = {store::ReportVisibility::public_};
    filter.states = rep::open_states();
    filter.created_from = core.now() - std::chrono::hours(24) * core.settings.duplicate_days;
    filter.box_e7 = rep::box_around(lon, lat, core.settings.duplicate_radius_m);
    filter.limit = 50;
    std::vector<PublicReport> found;
    for (const auto& report : core.store.list_reports(filter).reports) {
        if (found.size() >= 10) break;
        const double distance = rep::distance_m(lon, lat, rep::from_e7(report.routing.lon_e7),
                                                rep::from_e7(report.routing.lat_e7));
        if (distance > core.settings.duplicate_radius_m) continue;
        found.push_back(lookups.to_public(report, false));
    }
    return found;
}

}  // namespace okrsek::service
