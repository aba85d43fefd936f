#pragma once

// The reports' storage tests (store/report_*_test.cpp): the account fixture's two towns and
// three districts, plus a category in each town and builders of reports and changes.

#include <string>
#include <utility>

#include "account_fixture.hpp"
#include "store/reports.hpp"

namespace okrsek::store::test_accounts {

inline CategoryFields category_fields(std::int64_t town, std::string code) {
    CategoryFields fields;
    fields.municipality_code = town;
    fields.code = std::move(code);
    fields.name_cs = "Nebezpečné místo";
    fields.name_en = "Unsafe place";
    fields.owner_role_code = "state_police_officer";
    fields.extra_fields_json = R"([{"key":"time","type":"time_of_day"}])";
    return fields;
}

/// A photo of `seed`'s bytes with made-up but well-formed hashes.
inline NewReportPhoto photo(char seed, bool is_public = true) {
    NewReportPhoto entry;
    entry.photo.jpeg = std::string(100, seed);
    entry.photo.sha256 = std::string(64, 'a');
    entry.photo.sha256.back() = seed;
    entry.photo.thumb_sha256 = std::string(64, 'b');
    entry.photo.thumb_sha256.back() = seed;
    entry.photo.width = 640;
    entry.photo.height = 480;
    entry.photo.thumb_jpeg = std::string(10, seed);
    entry.photo.thumb_width = 64;
    entry.photo.thumb_height = 48;
    entry.is_public = is_public;
    return entry;
}

inline OutboxMessage mail(std::string subject) {
    OutboxMessage m;
    m.kind = "report.owner";
    m.municipality_code = testov;
    m.recipient = "strazce@example.org";
    m.subject = std::move(subject);
    m.body = "Nové hlášení.\n";
    return m;
}

class ReportStoreTest : public AccountStoreTest {
protected:
    ReportStoreTest() {
        category =
            store->create_report_category(category_fields(testov, "unsafe_place"), t0, by_cli());
        other_category =
            store->create_report_category(category_fields(testov, "lighting"), t0, by_cli());
        jinov_category =
            store->create_report_category(category_fields(jinov, "unsafe_place"), t0, by_cli());
    }

    /// A report in district `district` (an index into area_ids, -1 for none), created at
    /// `created`, due 2 and 20 days later.
    NewReport new_report(int district = 0, std::string token = {}) {
        NewReport report;
        report.routing.municipality_code = district == 2 ? jinov : testov;
        report.routing.district_id =
            district < 0 ? std::nullopt
                         : std::optional<std::int64_t>(area_ids.at(static_cast<size_t>(district)));
        report.routing.category_id = district == 2 ? jinov_category : category;
        report.routing.lon_e7 = 140'500'000;
        report.routing.lat_e7 = 500'500'000;
        report.routing.address_text = "Náměstí 1";
        report.routing.owner_role_code = "state_police_officer";
        report.status.public_description = "Nesvítí lampa u přechodu.";
        report.status.first_response_due = t0 + 48h;
        report.status.resolution_due = t0 + 480h;
        report.description = "Nesvítí lampa u přechodu.";
        report.extra_json = R"({"time":"night"})";
        report.tracking_hash = token.empty() ? "track-" + std::to_string(++m_serial) : token;
        report.submitter_key = "client-1";
        return report;
    }

    /// Submits new_report(district) at `created` with the status `adjust` sets.
    std::int64_t submit(int district, TimePoint created,
                        const std::function<void(NewReport&)>& adjust = {}) {
        NewReport report = new_report(district);
        report.status.first_response_due = created + 48h;
        report.status.resolution_due = created + 480h;
        if (adjust) adjust(report);
        return store->submit_report(report, {}, created);
    }

    std::int64_t count(const std::string& table) const {
        return scalar("SELECT COUNT(*) FROM " + table);
    }

    std::int64_t category = 0;
    std::int64_t other_category = 0;
    std::int64_t jinov_category = 0;

private:
    int m_serial = 0;
};

}  // namespace okrsek::store::test_accounts
