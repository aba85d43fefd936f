// CitizenReports::submit and nearby (service/reports/report_submit.cpp, report_routing.cpp,
// report_input.cpp, report_extra.cpp) on both engines.
#include "media/jpeg_codec.hpp"
#include "service/reports/report_impl.hpp"
#include "unit/service/reports/report_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using namespace core_reports;

std::int64_t stored_count(store::Store& store) {
    store::ReportFilter filter;
    filter.limit = 1;
    return store.list_reports(filter).total;
}

// A JPEG with an APP1 "Exif" segment holding a made-up GPS marker.
std::string jpeg_with_exif() {
    media::Image image;
    image.width = 64;
    image.height = 48;
    image.pixels.assign(64 * 48 * 3, 120);
    const std::string jpeg = media::encode_jpeg(image, 90);
    const std::string payload = std::string("Exif\0\0", 6) + "GPS-50.0500N-14.0500E";
    std::string segment = "\xFF\xE1";
    segment += static_cast<char>(((payload.size() + 2) >> 8) & 0xFF);
    segment += static_cast<char>((payload.size() + 2) & 0xFF);
    segment += payload;
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

class ReportSubmitTest : public ReportsTest {};

TEST_F(ReportSubmitTest, RoutesToTheNamedHolderAndNotifiesThemAtOnce) {
    const auto result = submit(submission("unsafe_place"));
    EXPECT_GT(result.report_id, 0);
    EXPECT_EQ(result.owner_name, "Karel Okrskář");
    EXPECT_EQ(result.district_id, w);
    EXPECT_EQ(result.visibility, store::ReportVisibility::pending);
    EXPECT_FALSE(result.confirmation_sent);
    ASSERT_EQ(result.tracking_token.size(), 32U);
    EXPECT_TRUE(reports::is_report_token(result.tracking_token));

    const auto report = stored(result.report_id);
    EXPECT_EQ(report.routing.municipality_code, testov);
    EXPECT_EQ(report.routing.district_id, w);
    EXPECT_EQ(report.routing.city_part_id, t1);
    EXPECT_EQ(report.routing.owner_user_id, officer_w_id);
    EXPECT_TRUE(report.routing.owner_holder_id);
    EXPECT_EQ(report.routing.owner_role_code, "state_police_officer");
    EXPECT_EQ(report.routing.lon_e7, 140500000);
    EXPECT_EQ(report.status.level, 0);
    EXPECT_EQ(report.status.state, store::ReportState::new_);
    EXPECT_EQ(report.tracking_hash, reports::sha256_hex(result.tracking_token));
    EXPECT_EQ(report.tracking_hash.size(), 64U);
    EXPECT_FALSE(report.contact_sealed);
    EXPECT_NE(report.submitter_key, client.address);
    EXPECT_EQ(report.submitter_key.find("198.51.100"), std::string::npos);
    // Monday 2 March 2026: unsafe_place answers within 3 working days, resolves within 30.
    EXPECT_EQ(report.status.first_response_due,
              std::chrono::sys_days{std::chrono::year{2026} / 3 / 5} + 22h + 59min + 59s);

    const auto owner_mails = messages_about("report.owner.new", result.report_id);
    ASSERT_EQ(owner_mails.size(), 1U);
    EXPECT_EQ(owner_mails[0].recipient, officer_w_email);
    EXPECT_EQ(owner_mails[0].subject.rfind(
                  "[okrsek] Hlášení č. " + std::to_string(result.report_id) + ":", 0),
              0U);
    EXPECT_NE(owner_mails[0].body->find("https://okrsek.example.org/admin/#/reports/" +
                                        std::to_string(result.report_id)),
              std::string::npos);
    EXPECT_NE(owner_mails[0].body->find("Večer tu nesvítí"), std::string::npos);
    EXPECT_TRUE(messages("report.confirmation").empty());
}

TEST_F(ReportSubmitTest, AReporterWithAnEmailGetsBothLinksAndTheContactIsSealed) {
    const auto result = submit(submission("unsafe_place", "  Jana.Obcanova@Example.org "));
    EXPECT_TRUE(result.confirmation_sent);
    const auto mails = messages_about("report.confirmation", result.report_id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, reporter_email);
    EXPECT_NE(
        mails[0].body->find("https://okrsek.example.org/report.html#t=" + result.tracking_token),
        std::string::npos);
    EXPECT_NE(mails[0].body->find("https://okrsek.example.org/report.html#confirm="),
              std::string::npos);
    EXPECT_NE(mails[0].subject.find("prosíme o potvrzení"), std::string::npos);

    const auto report = stored(result.report_id);
    ASSERT_TRUE(report.contact_sealed);
    EXPECT_EQ(report.contact_sealed->find("obcanova"), std::string::npos);
    EXPECT_EQ(report.contact_sealed->find("777"), std::string::npos);
    EXPECT_TRUE(report.has_email);
    ASSERT_TRUE(report.contact_email_hash);
    EXPECT_EQ(report.contact_email_hash->find("example"), std::string::npos);
    ASSERT_TRUE(report.confirm_hash);
    EXPECT_FALSE(report.show_name);
    EXPECT_FALSE(report.public_name);

    const auto tracked = reports().confirm(confirm_token_of(result.report_id));
    EXPECT_EQ(tracked.visibility, store::ReportVisibility::public_);
    EXPECT_FALSE(stored(result.report_id).confirm_hash);
    EXPECT_TRUE(stored(result.report_id).status.confirmed_at);
    // The link works once.
    EXPECT_EQ(error_of([&] { reports().confirm(confirm_token_of(result.report_id)); }).code(),
              core::ErrorCode::not_found);
}

TEST_F(ReportSubmitTest, EnglishMailsAndAPublicName) {
    auto s = submission("unsafe_place", reporter_email);
    s.language = "en";
    s.show_name = true;
    const auto result = submit(s);
    const auto mails = messages_about("report.confirmation", result.report_id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].subject.rfind("[okrsek] Report no. " + std::to_string(result.report_id), 0),
              0U);
    EXPECT_NE(mails[0].body->find("Thank you"), std::string::npos);
    EXPECT_EQ(stored(result.report_id).public_name, "Jana Občanová");
    EXPECT_EQ(reports().track(result.tracking_token).report.reporter_name, "Jana Občanová");
}

TEST_F(ReportSubmitTest, AnOwnerWithoutAccountIsReachedAtTheSeatAddress) {
    const auto result = submit(submission("vandalism"));
    EXPECT_EQ(result.owner_name, "Petr Strážník");
    const auto report = stored(result.report_id);
    EXPECT_FALSE(report.routing.owner_user_id);
    EXPECT_EQ(report.routing.owner_role_code, "municipal_police_officer");
    const auto mails = messages_about("report.owner.new", result.report_id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, mp_seat_w_email);
}

TEST_F(ReportSubmitTest, WithoutAHolderTheReportStartsWithThePoliceLeadership) {
    // District E has nobody in any role.
    const auto result = submit(submission("unsafe_place", {}, 14.15, 50.05));
    EXPECT_EQ(result.district_id, e);
    EXPECT_FALSE(result.owner_name);
    const auto report = stored(result.report_id);
    EXPECT_EQ(report.status.level, 1);
    ASSERT_TRUE(report.status.level_due);
    EXPECT_FALSE(report.routing.owner_holder_id);
    EXPECT_FALSE(report.routing.owner_role_code);
    const auto mails = messages_about("report.owner.new", result.report_id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, sp_lead_email);
    EXPECT_EQ(reports().track(result.tracking_token).report.level_name_cs,
              "Vedení státní a městské policie");
}

TEST_F(ReportSubmitTest, ATownWithoutCategoriesGetsTheDefaultsOnFirstUse) {
    const auto result = submit(submission("syringes", {}, 15.05, 50.05));
    EXPECT_EQ(stored(result.report_id).routing.municipality_code, jinov);
    EXPECT_EQ(result.district_id, j);
    const auto categories = reports().categories(jinov);
    EXPECT_EQ(categories.size(), 7U);
    EXPECT_EQ(reports().levels(jinov).size(), 4U);
}

TEST_F(ReportSubmitTest, APlaceOutsideEveryTownIsRefused) {
    const auto error = error_of([&] { submit(submission("unsafe_place", {}, 16.5, 50.05)); });
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(error.field(), "lon");
    EXPECT_EQ(error_of([&] { submit(submission("unsafe_place", {}, 14.05, 95.0)); }).field(),
              "lat");
    EXPECT_EQ(stored_count(*peek), 0);
}

TEST_F(ReportSubmitTest, AFilledHoneypotStoresNothing) {
    auto s = submission("unsafe_place", reporter_email);
    s.honeypot = "http://spam.example";
    const auto error = error_of([&] { submit(s); });
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(error.field(), "website");
    EXPECT_EQ(stored_count(*peek), 0);
    EXPECT_TRUE(messages("report.confirmation").empty());
    EXPECT_TRUE(messages("report.owner.new").empty());
}

TEST_F(ReportSubmitTest, BadFieldsAreNamed) {
    const auto field_of = [&](const std::function<void(ReportSubmission&)>& spoil) {
        auto s = submission("unsafe_place", reporter_email);
        spoil(s);
        return error_of([&] { submit(s); });
    };
    EXPECT_EQ(field_of([](auto& s) { s.description = "krátké"; }).field(), "description");
    EXPECT_EQ(field_of([](auto& s) { s.description = std::string(5001, 'x'); }).field(),
              "description");
    EXPECT_EQ(field_of([](auto& s) { s.description = "bez\x01řádného textu zde"; }).field(),
              "description");
    EXPECT_EQ(field_of([](auto& s) { s.address_text = std::string(301, 'a'); }).field(),
              "address_text");
    EXPECT_EQ(field_of([](auto& s) { s.contact.email = "not an address"; }).field(),
              "contact.email");
    EXPECT_EQ(field_of([](auto& s) { s.contact.phone = "call me"; }).field(), "contact.phone");
    EXPECT_EQ(field_of([](auto& s) { s.contact.name = std::string(201, 'n'); }).field(),
              "contact.name");
    EXPECT_EQ(field_of([](auto& s) { s.language = "de"; }).field(), "lang");
    const auto unknown = field_of([](auto& s) { s.category_code = "graffiti"; });
    EXPECT_EQ(unknown.code(), core::ErrorCode::not_found);
    EXPECT_EQ(unknown.field(), "category");
    const auto guidance = field_of([](auto& s) { s.category_code = "abandoned_vehicle"; });
    EXPECT_EQ(guidance.code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(guidance.field(), "category");
    EXPECT_EQ(field_of([](auto& s) { s.extra_json = R"({"colour":"red"})"; }).field(),
              "extra.colour");
    EXPECT_EQ(field_of([](auto& s) { s.extra_json = R"({"time_of_day":"noon"})"; }).field(),
              "extra.time_of_day");
    EXPECT_EQ(field_of([](auto& s) { s.extra_json = "[1,2]"; }).field(), "extra");
    EXPECT_EQ(field_of([](auto& s) { s.extra_json = "{bad"; }).field(), "extra");
    const auto many = field_of([](auto& s) { s.photos.assign(6, "x"); });
    EXPECT_EQ(many.code(), core::ErrorCode::payload_too_large);
    EXPECT_EQ(many.field(), "photos");
    const auto garbage = field_of([](auto& s) { s.photos = {"not an image at all"}; });
    EXPECT_EQ(garbage.code(), core::ErrorCode::invalid_input);
    EXPECT_EQ(garbage.field(), "photo");
    EXPECT_EQ(stored_count(*peek), 0);
}

TEST_F(ReportSubmitTest, ExtraFieldsAreKeptNormalised) {
    auto s = submission("unsafe_place");
    s.extra_json = R"({"time_of_day": "night"})";
    const auto id = submit(s).report_id;
    EXPECT_EQ(stored(id).extra_json, R"({"time_of_day":"night"})");
}

TEST_F(ReportSubmitTest, PhotosAreReEncodedWithoutMetadata) {
    auto s = submission("unsafe_place");
    s.photos = {jpeg_with_exif()};
    const auto result = submit(s);
    const auto photos = peek->report_photos(result.report_id);
    ASSERT_EQ(photos.size(), 1U);
    EXPECT_TRUE(photos[0].is_public);
    EXPECT_EQ(photos[0].width, 64);
    const auto bytes = peek->report_photo(photos[0].id, photos[0].sha256);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(bytes->jpeg.find("Exif"), std::string::npos);
    EXPECT_EQ(bytes->jpeg.find("GPS-50"), std::string::npos);
    EXPECT_EQ(reports::sha256_hex(bytes->jpeg), photos[0].sha256);
}

TEST_F(ReportSubmitTest, TenReportsPerAddressAndHour) {
    const ClientInfo same{"203.0.113.7", "Firefox/140.0"};
    for (int i = 0; i < 10; ++i) reports().submit(submission("unsafe_place"), same);
    const auto error = error_of([&] { reports().submit(submission("unsafe_place"), same); });
    EXPECT_EQ(error.code(), core::ErrorCode::rate_limited);
    EXPECT_EQ(error.field(), "rate");
    EXPECT_EQ(stored_count(*peek), 10);
    // Another address may report meanwhile; an hour later this one may again.
    reports().submit(submission("unsafe_place"), {"203.0.113.8", ""});
    clock->advance(61min);
    reports().submit(submission("unsafe_place"), same);
    EXPECT_EQ(stored_count(*peek), 12);
}

TEST_F(ReportSubmitTest, TwentyReportsPerEmailAndDay) {
    for (int i = 0; i < 20; ++i) submit(submission("unsafe_place", reporter_email));
    // The same address written differently is the same address.
    const auto error =
        error_of([&] { submit(submission("unsafe_place", "JANA.OBCANOVA@example.org")); });
    EXPECT_EQ(error.code(), core::ErrorCode::rate_limited);
    EXPECT_EQ(error.field(), "rate");
    submit(submission("unsafe_place", "someone.else@example.org"));
    clock->advance(24h + 1min);
    submit(submission("unsafe_place", reporter_email));
    EXPECT_EQ(stored_count(*peek), 22);
}

TEST_F(ReportSubmitTest, NearbySuggestsOpenPublicReportsOfTheCategory) {
    const auto near = public_report("unsafe_place", 14.0501, 50.0501).report_id;
    public_report("vandalism", 14.0501, 50.0501);              // another category
    public_report("unsafe_place", 14.09, 50.09);               // too far (> 150 m)
    submit(submission("unsafe_place", {}, 14.0502, 50.0502));  // pending: not shown
    const auto found = reports().nearby(14.05, 50.05, "unsafe_place");
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].id, near);
    EXPECT_EQ(found[0].category_code, "unsafe_place");
    EXPECT_EQ(found[0].owner_name, "Karel Okrskář");
    EXPECT_EQ(error_of([&] { reports().nearby(14.05, 50.05, "nothing"); }).field(), "category");
}

TEST_F(ReportSubmitTest, WithoutAMasterKeyContactsAreRefused) {
    PlatformOptions bare;
    bare.clock = clock;
    Platform keyless(store::open_store(database.setting()), std::move(bare));
    const auto error = error_of(
        [&] { keyless.reports().submit(submission("unsafe_place", reporter_email), client); });
    EXPECT_EQ(error.code(), core::ErrorCode::unavailable);
    EXPECT_EQ(error.field(), "contact");
    // Anonymous reports still work.
    EXPECT_GT(keyless.reports().submit(submission("unsafe_place"), client).report_id, 0);
}

}  // namespace
}  // namespace okrsek::service::test_auth
