// The public side (service/reports/report_public.cpp) on both engines: only public reports,
// no contact, district names, the overdue flag, filters and limits, photos of public reports
// only, and responsiveness figures per district and town.
#include "media/image.hpp"
#include "media/jpeg_codec.hpp"
#include "report_bg_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

const std::string public_description = "Na dětském hřišti se povalují střepy z lahví.";

std::string test_jpeg() {
    media::Image image;
    image.width = 64;
    image.height = 48;
    image.channels = 3;
    image.pixels.resize(64 * 48 * 3);
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
        image.pixels[i] = static_cast<std::uint8_t>(i * 7 % 251);
    return media::encode_jpeg(image, 90);
}

using ReportPublic = ReportsBgTest;

TEST_F(ReportPublic, OnlyPublicReportsAreShownWithoutContact) {
    ReportSubmission pending;
    pending.lon = 14.05;
    pending.lat = 50.05;
    pending.category_code = "vandalism";
    pending.description = public_description;
    pending.contact.email = "neovereny@example.org";
    const auto hidden_id = reports().submit(pending, next_client()).report_id;
    const auto id = public_report_in_w(public_description);

    const auto page = reports().public_reports({.municipality_code = testov});
    ASSERT_EQ(page.total, 1);
    ASSERT_EQ(page.reports.size(), 1u);
    const auto& listed = page.reports.front();
    EXPECT_EQ(listed.id, id);
    EXPECT_EQ(listed.district_id, w);
    EXPECT_EQ(listed.district_name, "Západ");
    EXPECT_EQ(listed.category_code, "unsafe_place");
    EXPECT_EQ(listed.description, public_description);
    EXPECT_EQ(listed.reporter_name, std::nullopt);  // the reporter did not ask to be named
    EXPECT_FALSE(listed.overdue);
    EXPECT_TRUE(listed.updates.empty());  // lists come without history

    const auto error = error_of([&] { reports().public_report(hidden_id); });
    EXPECT_EQ(error.code(), core::ErrorCode::not_found);
    EXPECT_EQ(error.field(), "id");
    const auto one = reports().public_report(id);
    EXPECT_EQ(one.id, id);
    for (const auto& update : one.updates) EXPECT_TRUE(update.is_public) << update.kind;

    act(id, "hide", "Obsahuje osobní údaje.");
    EXPECT_EQ(reports().public_reports({.municipality_code = testov}).total, 0);
    EXPECT_EQ(error_of([&] { reports().public_report(id); }).code(), core::ErrorCode::not_found);
}

TEST_F(ReportPublic, OverdueFlagFollowsTheClock) {
    const auto id = public_report_in_w(public_description);
    EXPECT_FALSE(reports().public_report(id).overdue);
    clock->set(stored(id).status.first_response_due + 1s);
    EXPECT_TRUE(reports().public_report(id).overdue);
    act(id, "acknowledge", "Díky, prověříme.");
    EXPECT_FALSE(reports().public_report(id).overdue);
}

TEST_F(ReportPublic, FiltersByDistrictCategoryBoxAndPages) {
    const auto west = public_report_in_w(public_description);
    const auto east =
        public_report_in_w(public_description, "obcan2@example.org", "vandalism", 14.15);
    const auto in = [](const PublicReportPage& page, std::int64_t id) {
        return std::any_of(page.reports.begin(), page.reports.end(),
                           [id](const auto& r) { return r.id == id; });
    };
    const auto by_district = reports().public_reports({.district_id = e});
    EXPECT_EQ(by_district.total, 1);
    EXPECT_TRUE(in(by_district, east));
    const auto by_category =
        reports().public_reports({.municipality_code = testov, .category_codes = {"unsafe_place"}});
    EXPECT_EQ(by_category.total, 1);
    EXPECT_TRUE(in(by_category, west));
    EXPECT_EQ(reports()
                  .public_reports({.municipality_code = testov, .category_codes = {"no_such"}})
                  .total,
              0);
    const auto boxed = reports().public_reports({.bbox = std::array{14.0, 50.0, 14.1, 50.1}});
    EXPECT_EQ(boxed.total, 1);
    EXPECT_TRUE(in(boxed, west));
    const auto paged = reports().public_reports({.municipality_code = testov, .limit = 1});
    EXPECT_EQ(paged.total, 2);
    EXPECT_EQ(paged.reports.size(), 1u);
    EXPECT_EQ(paged.reports.front().id, east);  // newest first

    EXPECT_EQ(error_of([&] { reports().public_reports({.limit = 0}); }).field(), "limit");
    EXPECT_EQ(error_of([&] {
                  reports().public_reports({.bbox = std::array{14.2, 50.0, 14.1, 50.1}});
              }).field(),
              "bbox");
    EXPECT_EQ(
        error_of([&] { reports().public_reports({.category_codes = {"vandalism"}}); }).field(),
        "town");
}

TEST_F(ReportPublic, PhotosOfPublicReportsOnly) {
    ReportSubmission submission;
    submission.lon = 14.05;
    submission.lat = 50.05;
    submission.category_code = "vandalism";
    submission.description = public_description;
    submission.contact.email = "foto@example.org";
    submission.photos = {test_jpeg()};
    const auto id = reports().submit(submission, next_client()).report_id;
    const auto photos = peek->report_photos(id);
    ASSERT_EQ(photos.size(), 1u);
    const auto& photo = photos.front();
    // Pending: nobody sees the photo yet.
    EXPECT_EQ(reports().public_photo(photo.id, photo.sha256), std::nullopt);

    reports().confirm(confirm_token_of(id));
    const auto view = reports().public_report(id);
    ASSERT_EQ(view.photos.size(), 1u);
    const auto bytes = reports().public_photo(photo.id, photo.sha256);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(bytes->substr(0, 2), std::string("\xFF\xD8"));  // a JPEG
    EXPECT_TRUE(reports().public_photo(photo.id, photo.thumb_sha256));
    EXPECT_EQ(reports().public_photo(photo.id, std::string(64, '0')), std::nullopt);
    EXPECT_EQ(reports().public_photo(photo.id + 1000, photo.sha256), std::nullopt);
    EXPECT_EQ(reports().public_photo(photo.id, "short"), std::nullopt);

    act(id, "hide", "Na fotografii je vidět obličej.");
    EXPECT_EQ(reports().public_photo(photo.id, photo.sha256), std::nullopt);
}

TEST_F(ReportPublic, ResponsivenessPerDistrictAndTown) {
    // Ten reports in W answered after a day; two in E never answered.
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 10; ++i)
        ids.push_back(
            public_report_in_w(public_description, "w" + std::to_string(i) + "@example.org"));
    for (int i = 0; i < 2; ++i)
        public_report_in_w(public_description, "e" + std::to_string(i) + "@example.org",
                           "vandalism", 14.15);
    clock->advance(24h);
    for (const auto id : ids) act(id, "acknowledge", "Prověříme to.");
    clock->advance(24h * 60);

    const auto from = t0 - 24h;
    const auto to = t0 + 24h;
    const auto figures = reports().responsiveness(testov, from, to);
    ASSERT_GE(figures.size(), 3u);
    const auto& town = figures.front();
    EXPECT_EQ(town.district_id, std::nullopt);
    EXPECT_EQ(town.report_count, 12);
    EXPECT_DOUBLE_EQ(*town.median_first_response_days, 1.0);
    EXPECT_DOUBLE_EQ(*town.share_first_response_on_time, 10.0 / 12.0);
    const auto district = [&](std::int64_t id) {
        for (const auto& r : figures)
            if (r.district_id == id) return r;
        throw std::runtime_error("no figures of a district");
    };
    EXPECT_EQ(district(w).report_count, 10);
    EXPECT_DOUBLE_EQ(*district(w).median_first_response_days, 1.0);
    EXPECT_DOUBLE_EQ(*district(w).share_first_response_on_time, 1.0);
    EXPECT_EQ(district(e).report_count, 2);
    EXPECT_EQ(district(e).median_first_response_days, std::nullopt);  // below 10 reports
    // Jinov's district is not Testov's.
    EXPECT_TRUE(std::none_of(figures.begin(), figures.end(),
                             [&](const auto& r) { return r.district_id == j; }));

    EXPECT_EQ(reports().responsiveness(testov, to + 24h, to + 48h).front().report_count, 0);
    EXPECT_EQ(error_of([&] { reports().responsiveness(testov, to, from); }).field(), "to");
}

}  // namespace
}  // namespace okrsek::service::test_auth
