// Area alerts, the district feed and the daily digest (service/reports/report_alerts.cpp,
// report_digest.cpp) on both engines: subscribe → confirm → one alert per new public report
// batch with the unsubscribe link, rate limits, the same answer for a known address, two
// servers alerting once, RSS that stays well-formed with hostile text, digests from 08:00
// Prague once a day.
#include <regex>
#include <thread>

#include "report_bg_fixture.hpp"
#include "xml_check.hpp"

namespace okrsek::service::test_auth {
namespace {

const std::string alert_description = "Před školou parkují auta na přechodu, děti nejsou vidět.";
const std::string subscriber = "soused@example.org";

std::string token_in(const std::string& body, const std::string& anchor) {
    std::smatch match;
    if (!std::regex_search(body, match, std::regex("#" + anchor + "=([0-9a-f]+)")))
        throw std::runtime_error("no #" + anchor + " link in the mail");
    return match[1];
}

class ReportAlerts : public ReportsBgTest {
protected:
    /// Subscribes `email` to W and confirms; returns the token.
    std::string subscribed(const std::string& email = subscriber) {
        reports().subscribe(w, email, next_client(), "cs");
        const auto mails = messages("report.subscription");
        const auto token = token_in(*mails.back().body, "subscribe");
        reports().confirm_subscription(token);
        return token;
    }
};

TEST_F(ReportAlerts, ConfirmedSubscribersGetNewPublicReportsOnce) {
    public_report_in_w(alert_description);  // before the subscription: not alerted
    reports().subscribe(w, " Soused@Example.org ", next_client(), "en");
    const auto confirmation = messages("report.subscription");
    ASSERT_EQ(confirmation.size(), 1u);
    EXPECT_EQ(confirmation.front().recipient, subscriber);
    const auto token = token_in(*confirmation.front().body, "subscribe");
    EXPECT_EQ(token.size(), 48u);
    EXPECT_EQ(token_in(*confirmation.front().body, "unsubscribe"), token);
    EXPECT_EQ(reports().send_area_alerts(), 0u);  // not confirmed yet

    reports().confirm_subscription(token);
    EXPECT_EQ(reports().send_area_alerts(), 0u);  // nothing new since
    const auto first = public_report_in_w(alert_description, "a@example.org");
    const auto second = public_report_in_w(alert_description, "b@example.org");
    public_report_in_w(alert_description, "c@example.org", "vandalism", 14.15);  // in E
    EXPECT_EQ(reports().send_area_alerts(), 1u);
    const auto alerts = messages("report.alert");
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts.front().recipient, subscriber);
    const auto& body = *alerts.front().body;
    EXPECT_NE(body.find("report.html#id=" + std::to_string(first)), std::string::npos);
    EXPECT_NE(body.find("report.html#id=" + std::to_string(second)), std::string::npos);
    EXPECT_EQ(token_in(body, "unsubscribe"), token);
    EXPECT_EQ(reports().send_area_alerts(), 0u);

    reports().unsubscribe(token);
    reports().unsubscribe(token);  // a second click is no error
    public_report_in_w(alert_description, "d@example.org");
    EXPECT_EQ(reports().send_area_alerts(), 0u);
    EXPECT_TRUE(peek->district_subscriptions(w).empty());
}

TEST_F(ReportAlerts, KnownAddressesGetTheSameAnswerAndTokensAreChecked) {
    subscribed();
    reports().subscribe(w, subscriber, next_client(), "cs");  // confirmed already: no error
    EXPECT_EQ(messages("report.subscription").size(), 1u);    // and no second mail
    EXPECT_EQ(error_of([&] { reports().confirm_subscription(std::string(48, 'a')); }).field(),
              "token");
    EXPECT_EQ(error_of([&] { reports().confirm_subscription("<script>"); }).code(),
              core::ErrorCode::not_found);
    EXPECT_EQ(
        error_of([&] { reports().subscribe(w, "not-an-address", next_client(), "cs"); }).field(),
        "email");
    EXPECT_EQ(
        error_of([&] { reports().subscribe(123456789, subscriber, next_client(), "cs"); }).field(),
        "district");
}

TEST_F(ReportAlerts, AnAddressMaySubscribeFiveTimesADay) {
    for (int i = 0; i < 5; ++i) reports().subscribe(w, "pet@example.org", next_client(), "cs");
    const auto error =
        error_of([&] { reports().subscribe(e, "pet@example.org", next_client(), "cs"); });
    EXPECT_EQ(error.code(), core::ErrorCode::rate_limited);
    EXPECT_EQ(error.field(), "rate");
    // Housekeeping (the login throttle's short window) must not forget the count.
    auth().purge_expired();
    EXPECT_EQ(
        error_of([&] { reports().subscribe(e, "pet@example.org", next_client(), "cs"); }).code(),
        core::ErrorCode::rate_limited);
    clock->advance(24h + 1s);
    reports().subscribe(e, "pet@example.org", next_client(), "cs");
}

TEST_F(ReportAlerts, TwoServersAlertOnce) {
    subscribed();
    public_report_in_w(alert_description, "a@example.org");
    Platform other_server(store::open_store(database.setting()), options(AuthSettings{}));
    std::size_t first = 0;
    std::size_t second = 0;
    std::thread a([&] { first = reports().send_area_alerts(); });
    std::thread b([&] { second = other_server.reports().send_area_alerts(); });
    a.join();
    b.join();
    EXPECT_EQ(first + second, 1u);
    EXPECT_EQ(messages("report.alert").size(), 1u);
}

TEST_F(ReportAlerts, TheDistrictFeedIsWellFormedWhateverReportsSay) {
    const auto id =
        public_report_in_w("Parta <b>výrostků</b> & spol. křičí > 100 dB ]]> celou noc");
    act(id, "acknowledge", "Hlídka MP & PČR <tam> pojede.");
    public_report_in_w(alert_description, "b@example.org", "vandalism", 14.15);  // in E
    const auto xml = reports().district_feed(w, "cs");
    const auto check = test::check_xml(xml);
    ASSERT_TRUE(check.ok) << check.problem << "\n" << xml;
    EXPECT_EQ(check.root, "rss");
    EXPECT_EQ(check.count_of("channel"), 1u);
    EXPECT_EQ(check.count_of("item"), 2u);  // the report and the public answer
    EXPECT_NE(xml.find("Parta &lt;b&gt;výrostků&lt;/b&gt; &amp; spol. křičí &gt; 100 dB ]]&gt;"),
              std::string::npos);
    EXPECT_NE(xml.find("Hlídka MP &amp; PČR &lt;tam&gt; pojede."), std::string::npos);
    EXPECT_NE(xml.find("https://okrsek.example.org/report.html#id=" + std::to_string(id)),
              std::string::npos);
    for (const auto& date : test::xml_texts(xml, "pubDate"))
        EXPECT_TRUE(std::regex_match(
            date, std::regex(R"([A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT)")))
            << date;
    EXPECT_NE(reports().district_feed(w, "en").find("<language>en</language>"), std::string::npos);
    EXPECT_EQ(error_of([&] { reports().district_feed(123456789, "cs"); }).code(),
              core::ErrorCode::not_found);
}

TEST_F(ReportAlerts, DigestsGoOutFromEightPragueOnceADay) {
    const auto id = public_report_in_w(alert_description);
    // Friday 2026-03-06, the morning after the first-response deadline; CET: 06:30 UTC is
    // 07:30 in Prague.
    const auto friday = std::chrono::sys_days{std::chrono::year{2026} / 3 / 6};
    ASSERT_LT(stored(id).status.first_response_due, friday + 6h);
    clock->set(friday + 6h + 30min);
    EXPECT_EQ(reports().send_daily_digests(), 0u);
    clock->set(friday + 7h);
    const auto sent = reports().send_daily_digests();
    const auto to = recipients("report.digest");
    EXPECT_EQ(to.size(), sent);
    // The officer of W and the leaderships read reports; the commission does not.
    EXPECT_EQ(std::count(to.begin(), to.end(), officer_w), 1);
    EXPECT_EQ(std::count(to.begin(), to.end(), sp_lead), 1);
    EXPECT_EQ(std::count(to.begin(), to.end(), commission), 0);
    std::string officer_mail;
    for (const auto& message : messages("report.digest"))
        if (message.recipient == officer_w) officer_mail = *message.body;
    EXPECT_NE(officer_mail.find("/admin/#/reports/"), std::string::npos);
    EXPECT_NE(officer_mail.find("Otevřená / open: 1"), std::string::npos);
    EXPECT_NE(officer_mail.find("Po termínu / overdue: 1"), std::string::npos);
    EXPECT_NE(officer_mail.find("/admin/#/reports/" + std::to_string(id)), std::string::npos);
    EXPECT_EQ(officer_mail.find("Jana Občanová"), std::string::npos);  // no reporter's data
    EXPECT_EQ(officer_mail.find("obcan@example.org"), std::string::npos);

    EXPECT_EQ(reports().send_daily_digests(), 0u);  // once a day
    clock->advance(24h);
    EXPECT_EQ(reports().send_daily_digests(), sent);
}

}  // namespace
}  // namespace okrsek::service::test_auth
