// Open311 GeoReport v2: the XML/JSON writers, the status mappings and the parameter readers.
#include "http/open311_format.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "http/open311_params.hpp"

namespace okrsek::http {
namespace {

using json = nlohmann::ordered_json;
using store::ReportState;

store::TimePoint at(std::string_view text) {
    return core::parse_prague_time(text, "test");
}

Request query(std::string_view target) {
    Request request;
    parse_target(target, request);
    return request;
}

service::PublicReport sample_report() {
    service::PublicReport report;
    report.id = 42;
    report.municipality_code = 500011;
    report.category_code = "lighting";
    report.category_name_cs = "Osvětlení";
    report.lon = 14.4205;
    report.lat = 50.0875;
    report.address_text = "Náměstí <1> & \"2\"";
    report.description = "Nesvítí lampa\x01 u školy";
    report.state = ReportState::in_progress;
    report.created_at = at("2026-11-02T10:00:00Z");
    report.updated_at = at("2026-07-02T10:00:00Z");
    report.resolution_due = at("2026-11-30T22:59:59Z");
    return report;
}

TEST(Open311File, SplitsNameAndFormat) {
    const auto xml = split_open311_file("requests.xml");
    ASSERT_TRUE(xml);
    EXPECT_EQ(xml->name, "requests");
    EXPECT_EQ(xml->format, Open311Format::xml);
    const auto json_file = split_open311_file("services.json");
    ASSERT_TRUE(json_file);
    EXPECT_EQ(json_file->format, Open311Format::json);
    EXPECT_FALSE(split_open311_file("requests.html"));
    EXPECT_FALSE(split_open311_file("requests"));
    EXPECT_FALSE(split_open311_file(".xml"));
}

TEST(Open311Xml, WritesListsWithSingularElementsAndEscapes) {
    const json services = json::array(
        {{{"service_code", "a&b"}, {"metadata", true}, {"group", nullptr}, {"keywords", "<x>"}}});
    EXPECT_EQ(open311_xml("services", services),
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
              "<services><service><service_code>a&amp;b</service_code><metadata>true</metadata>"
              "<group/><keywords>&lt;x&gt;</keywords></service></services>\n");
    const json nested = {
        {"attributes", json::array({{{"values", json::array({{{"key", "1"}}})}}})}};
    EXPECT_EQ(open311_xml("service_definition", nested),
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_definition><attributes>"
              "<attribute><values><value><key>1</key></value></values></attribute></attributes>"
              "</service_definition>\n");
}

TEST(Open311Xml, ReplacesControlCharactersButKeepsUtf8) {
    const std::string xml = open311_xml("x", json("a\x01\x1f\tč'"));
    EXPECT_NE(xml.find("<x>a  \tč&apos;</x>"), std::string::npos) << xml;
}

TEST(Open311Error, HasTheStandardBodyInBothFormats) {
    const Response xml = open311_error(Open311Format::xml, 404, "no such service: x<y");
    EXPECT_EQ(xml.status, 404u);
    EXPECT_EQ(xml.content_type, "text/xml; charset=utf-8");
    EXPECT_EQ(xml.body,
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error><code>404</code>"
              "<description>no such service: x&lt;y</description></error></errors>\n");
    const Response json_error = open311_error(Open311Format::json, 400, "service_code is missing");
    EXPECT_EQ(json_error.content_type, "application/json");
    EXPECT_EQ(json::parse(json_error.body),
              json::parse(R"([{"code":400,"description":"service_code is missing"}])"));
}

TEST(Open311Status, MapsEveryStateToPlainAndExtendedStatus) {
    EXPECT_EQ(open311_status(ReportState::new_), "open");
    EXPECT_EQ(open311_status(ReportState::reopened), "open");
    EXPECT_EQ(open311_status(ReportState::resolved), "closed");
    EXPECT_EQ(open311_status(ReportState::closed_duplicate), "closed");
    EXPECT_EQ(open311_extended_status(ReportState::new_), "OPEN");
    EXPECT_EQ(open311_extended_status(ReportState::acknowledged), "INVESTIGATING");
    EXPECT_EQ(open311_extended_status(ReportState::in_progress), "IN_PROGRESS");
    EXPECT_EQ(open311_extended_status(ReportState::resolved), "FIXED");
    EXPECT_EQ(open311_extended_status(ReportState::closed_not_competent),
              "NOT_COUNCILS_RESPONSIBILITY");
    EXPECT_EQ(open311_extended_status(ReportState::closed_duplicate), "DUPLICATE");
    EXPECT_EQ(open311_extended_status(ReportState::closed_no_action), "NO_FURTHER_ACTION");
    EXPECT_EQ(open311_extended_status(ReportState::reopened), "OPEN");
    EXPECT_EQ(state_of_open311_status("fixed"), ReportState::resolved);
    EXPECT_EQ(state_of_open311_status("Not councils responsibility"),
              ReportState::closed_not_competent);
    EXPECT_EQ(state_of_open311_status("closed"), ReportState::closed_no_action);
    EXPECT_FALSE(state_of_open311_status("DONE"));
}

TEST(Open311Request, HasTheSpecificationsFieldsWithPragueTimes) {
    service::PublicReport report = sample_report();
    report.photos.push_back({.id = 7, .sha256 = std::string(64, 'a')});
    const json request = open311_request_json(report, "https://okrsek.example");
    EXPECT_EQ(request["service_request_id"], "42");
    EXPECT_EQ(request["status"], "open");
    EXPECT_EQ(request["service_code"], "lighting");
    EXPECT_EQ(request["service_name"], "Osvětlení");
    EXPECT_EQ(request["requested_datetime"], "2026-11-02T11:00:00+01:00");
    EXPECT_EQ(request["updated_datetime"], "2026-07-02T12:00:00+02:00");
    EXPECT_EQ(request["expected_datetime"], "2026-11-30T23:59:59+01:00");
    EXPECT_DOUBLE_EQ(request["lat"].get<double>(), 50.0875);
    EXPECT_DOUBLE_EQ(request["long"].get<double>(), 14.4205);
    EXPECT_EQ(request["media_url"],
              "https://okrsek.example/api/v1/report-photos/7/" + std::string(64, 'a') + ".jpg");
    const std::string xml = open311_xml("service_requests", json::array({request}));
    EXPECT_NE(xml.find("<request><service_request_id>42</service_request_id><status>open"),
              std::string::npos);
    EXPECT_NE(xml.find("<address>Náměstí &lt;1&gt; &amp; &quot;2&quot;</address>"),
              std::string::npos);
    EXPECT_NE(xml.find("<description>Nesvítí lampa  u školy</description>"), std::string::npos);
    EXPECT_NE(xml.find("<lat>50.0875</lat><long>14.4205</long>"), std::string::npos) << xml;

    report.state = ReportState::resolved;
    EXPECT_EQ(open311_request_json(report, "")["expected_datetime"], nullptr);
    EXPECT_EQ(open311_request_json(report, "")["status"], "closed");
}

TEST(Open311Updates, CarryTheStateEachUpdateLeftTheReportIn) {
    service::PublicReport report = sample_report();
    report.updates.push_back(
        {.id = 1, .created_at = at("2026-11-02T10:00:00Z"), .kind = "submitted"});
    report.updates.push_back({.id = 2,
                              .created_at = at("2026-11-03T10:00:00Z"),
                              .kind = "state",
                              .to_state = "acknowledged",
                              .body = "Díváme se na to"});
    report.updates.push_back({.id = 3, .created_at = at("2026-11-04T10:00:00Z"), .kind = "answer"});
    report.updates.push_back({.id = 4, .kind = "state", .to_state = "closed_not_competent"});
    const auto updates = open311_updates_json(report);
    ASSERT_EQ(updates.size(), 4u);
    EXPECT_EQ(updates[0]["status"], "OPEN");
    EXPECT_EQ(updates[1]["status"], "INVESTIGATING");
    EXPECT_EQ(updates[1]["description"], "Díváme se na to");
    EXPECT_EQ(updates[1]["update_id"], "2");
    EXPECT_EQ(updates[1]["service_request_id"], "42");
    EXPECT_EQ(updates[1]["updated_datetime"], "2026-11-03T11:00:00+01:00");
    EXPECT_EQ(updates[2]["status"], "INVESTIGATING");
    EXPECT_EQ(updates[3]["status"], "NOT_COUNCILS_RESPONSIBILITY");
}

TEST(Open311Services, DefinitionListsExtraFieldsAsAttributes) {
    store::ReportCategory category;
    category.code = "noise";
    category.name_cs = "Hluk";
    category.name_en = "Noise";
    category.extra_fields_json = R"([
        {"key":"source","type":"select","label_cs":"Zdroj","label_en":"Source","required":true,
         "options":[{"value":"bar","label_cs":"Bar","label_en":"Bar"},
                    {"value":"street","label_cs":"Ulice","label_en":"Street"}]},
        {"key":"when","type":"time_of_day","label_cs":"Kdy","label_en":"When"},
        {"key":"note","type":"text","label_cs":"Poznámka","max_length":200}])";
    const json service = open311_service_json(category, "en");
    EXPECT_EQ(service["service_name"], "Noise");
    EXPECT_EQ(service["metadata"], true);
    EXPECT_EQ(service["type"], "realtime");
    const json definition = open311_definition_json(category, "cs");
    ASSERT_EQ(definition["attributes"].size(), 3u);
    const json& source = definition["attributes"][0];
    EXPECT_EQ(source["code"], "source");
    EXPECT_EQ(source["datatype"], "singlevaluelist");
    EXPECT_EQ(source["required"], true);
    EXPECT_EQ(source["order"], 1);
    EXPECT_EQ(source["description"], "Zdroj");
    EXPECT_EQ(source["values"][1], json::parse(R"({"key":"street","name":"Ulice"})"));
    EXPECT_EQ(definition["attributes"][1]["values"].size(), 5u);
    EXPECT_EQ(definition["attributes"][2]["datatype"], "string");
    EXPECT_EQ(definition["attributes"][2]["required"], false);
    EXPECT_EQ(definition["attributes"][2]["order"], 3);

    category.extra_fields_json = "[]";
    EXPECT_EQ(open311_service_json(category, "cs")["metadata"], false);
    EXPECT_EQ(open311_service_json(category, "cs")["service_name"], "Hluk");
}

TEST(Open311Params, DefaultWindowIsTheLast90DaysAndAtMost1000) {
    const auto now = at("2026-11-23T12:00:00Z");
    const auto q = open311_request_query(query("/r"), 500011, now);
    EXPECT_EQ(q.municipality_code, 500011);
    ASSERT_TRUE(q.created_from && q.created_to);
    EXPECT_EQ(*q.created_to, now + std::chrono::seconds(1));  // to the end of now's second
    EXPECT_EQ(*q.created_to - *q.created_from, std::chrono::days(90));
    EXPECT_EQ(q.limit, 1000u);
    EXPECT_EQ(q.offset, 0u);
}

TEST(Open311Params, ReadsDatesStatusCodesAndPaging) {
    const auto now = at("2026-11-23T12:00:00Z");
    const auto q = open311_request_query(
        query("/r?start_date=2026-10-01T00:00:00%2B02:00&end_date=2026-11-01T00:00:00Z"
              "&status=closed&service_code=noise,lighting&page=3&page_size=20"),
        1, now);
    EXPECT_EQ(*q.created_from, at("2026-09-30T22:00:00Z"));
    EXPECT_EQ(*q.created_to, at("2026-11-01T00:00:00Z"));
    EXPECT_EQ(q.states.size(), 4u);
    EXPECT_EQ(q.category_codes, (std::vector<std::string>{"noise", "lighting"}));
    EXPECT_EQ(q.limit, 20u);
    EXPECT_EQ(q.offset, 40u);
    const auto both = open311_request_query(query("/r?status=open,closed"), 1, now);
    EXPECT_EQ(both.states.size(), 8u);
    const auto only_start = open311_request_query(query("/r?start_date=2026-01-01T00:00Z"), 1, now);
    EXPECT_EQ(*only_start.created_to - *only_start.created_from, std::chrono::days(90));
}

TEST(Open311Params, IdsOverrideTheOtherFilters) {
    const auto q = open311_request_query(query("/r?service_request_id=4,5&status=bogus"), 1,
                                         at("2026-11-23T12:00:00Z"));
    EXPECT_EQ(q.ids, (std::vector<std::int64_t>{4, 5}));
    EXPECT_TRUE(q.states.empty());
    EXPECT_FALSE(q.created_from);
}

void expect_bad(std::string_view target, std::string_view field) {
    try {
        open311_request_query(query(target), 1, at("2026-11-23T12:00:00Z"));
        ADD_FAILURE() << target << " was accepted";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument) << target;
        EXPECT_EQ(error.field(), field) << target;
    }
}

TEST(Open311Params, RefusesBadParametersNamingThem) {
    expect_bad("/r?status=pending", "status");
    expect_bad("/r?service_request_id=1,x", "service_request_id");
    expect_bad("/r?service_request_id=0", "service_request_id");
    expect_bad("/r?start_date=yesterday", "start_date");
    expect_bad("/r?start_date=2026-01-01T00:00Z&end_date=2026-06-01T00:00Z", "end_date");
    expect_bad("/r?start_date=2026-02-01T00:00Z&end_date=2026-01-01T00:00Z", "end_date");
    expect_bad("/r?page_size=1001", "page_size");
    expect_bad("/r?page=0", "page");
}

TEST(Open311Post, ReadsTheFormIntoASubmission) {
    const auto fields = parse_form(
        "api_key=okt_x&service_code=noise&lat=50.08&long=14.42&address_string=N%C3%A1m%C4%9Bst%C3%"
        "AD"
        "&description=Hlasit%C3%A1+hudba+po+p%C5%AFlnoci&email=a%40b.cz&first_name=Jana"
        "&last_name=Nov%C3%A1&phone=%2B420+777&attribute%5Bsource%5D=bar&media_url=http://x");
    const auto post = open311_post(fields);
    EXPECT_EQ(post.api_key, "okt_x");
    const auto& s = post.submission;
    EXPECT_EQ(s.category_code, "noise");
    EXPECT_DOUBLE_EQ(s.lat, 50.08);
    EXPECT_DOUBLE_EQ(s.lon, 14.42);
    EXPECT_EQ(s.address_text, "Náměstí");
    EXPECT_EQ(s.description, "Hlasitá hudba po půlnoci");
    EXPECT_EQ(s.contact.name, "Jana Nová");
    EXPECT_EQ(s.contact.email, "a@b.cz");
    EXPECT_EQ(s.contact.phone, "+420 777");
    EXPECT_EQ(json::parse(s.extra_json), json::parse(R"({"source":"bar"})"));
    EXPECT_EQ(s.source, store::ReportSource::open311);
    EXPECT_TRUE(s.photos.empty());
}

TEST(Open311Post, RefusesMissingFieldsNamingThem) {
    const auto field_of = [](std::string_view body) {
        try {
            open311_post(parse_form(body));
        } catch (const core::Error& error) {
            return error.field();
        }
        return std::string("accepted");
    };
    EXPECT_EQ(field_of("lat=50&long=14&description=abcdefghijk"), "service_code");
    EXPECT_EQ(field_of("service_code=x&address_string=Main+St&description=abcdefghijk"), "lat");
    EXPECT_EQ(field_of("service_code=x&lat=50&long=east&description=abcdefghijk"), "long");
    EXPECT_EQ(field_of("service_code=x&lat=50&long=14"), "description");
    EXPECT_EQ(field_of("service_code=x&service_code=y&lat=50&long=14&description=a"),
              "service_code");
    EXPECT_THROW(parse_form("a=%zz"), core::Error);
    EXPECT_THROW(parse_form(std::string(open311_max_form_bytes + 1, 'a')), core::Error);
}

TEST(Open311UpdatePost, ReadsIdStatusAndText) {
    const auto post = open311_update_post(
        parse_form("api_key=k&service_request_id=9&status=FIXED&description=Hotovo"));
    EXPECT_EQ(post.report_id, 9);
    EXPECT_EQ(post.state, ReportState::resolved);
    EXPECT_EQ(post.description, "Hotovo");
    EXPECT_THROW(open311_update_post(parse_form("service_request_id=9")), core::Error);
    EXPECT_THROW(open311_update_post(parse_form("service_request_id=9&status=DONE")), core::Error);
    EXPECT_THROW(open311_update_post(parse_form("description=x")), core::Error);
}

}  // namespace
}  // namespace okrsek::http
