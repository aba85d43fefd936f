// Open311 GeoReport v2 conformance against the real server, on both engines: every endpoint in
// XML and JSON, every error case with the standard error body, jurisdiction_id, the default
// window, paging, status filters, extended statuses of updates and POST with and without a key.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <vector>

#include "auth_town.hpp"
#include "core/prague_time.hpp"

namespace okrsek::test {
namespace {

using nlohmann::json;

// A small checker of the XML subset Open311 answers use (declaration, elements without
// attributes, text with the five entities): true when `xml` is well formed with root `root`.
class XmlChecker {
public:
    explicit XmlChecker(std::string_view xml) : m_xml(xml) {}

    bool check(std::string_view root) {
        constexpr std::string_view declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
        if (!m_xml.starts_with(declaration)) return false;
        m_at = declaration.size();
        const auto name = element();
        while (m_at < m_xml.size() && m_xml[m_at] == '\n') ++m_at;
        return name && *name == root && m_at == m_xml.size();
    }

private:
    std::optional<std::string> element() {
        if (!eat('<')) return std::nullopt;
        std::string name;
        while (m_at < m_xml.size() &&
               (std::isalnum(static_cast<unsigned char>(m_xml[m_at])) || m_xml[m_at] == '_'))
            name += m_xml[m_at++];
        if (name.empty()) return std::nullopt;
        if (eat('/')) return eat('>') ? std::optional(name) : std::nullopt;
        if (!eat('>')) return std::nullopt;
        while (m_at < m_xml.size()) {
            if (m_xml.compare(m_at, 2, "</") == 0) {
                m_at += 2;
                if (m_xml.compare(m_at, name.size() + 1, name + ">") != 0) return std::nullopt;
                m_at += name.size() + 1;
                return name;
            }
            if (m_xml[m_at] == '<') {
                if (!element()) return std::nullopt;
            } else if (m_xml[m_at] == '&') {
                const auto end = m_xml.find(';', m_at);
                const auto entity =
                    m_xml.substr(m_at, end == std::string_view::npos ? 0 : end - m_at + 1);
                if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" &&
                    entity != "&quot;" && entity != "&apos;")
                    return std::nullopt;
                m_at = end + 1;
            } else if (m_xml[m_at] == '>') {
                return std::nullopt;
            } else {
                ++m_at;
            }
        }
        return std::nullopt;
    }

    bool eat(char c) {
        if (m_at >= m_xml.size() || m_xml[m_at] != c) return false;
        ++m_at;
        return true;
    }

    std::string_view m_xml;
    std::size_t m_at = 0;
};

bool well_formed(const std::string& xml, std::string_view root) {
    return XmlChecker(xml).check(root);
}

class Open311Test : public ::testing::Test {
protected:
    void SetUp() override {
        auto& reports = town.platform().reports();
        reports.seed_defaults(AuthTown::testov);
        reports.seed_defaults(AuthTown::jinov);
        open_w = public_report(14.05, 50.05, "vandalism", "Posprejovaná zeď <u> & \"školy\"");
        fixed_w = public_report(14.06, 50.06, "vandalism", "Rozbitá lavička v parku");
        act(fixed_w, "acknowledge", "Prověříme.");
        act(fixed_w, "resolve", "Lavička opravena.");
        jinov = public_report(15.1, 50.05, "vandalism", "Poškozený plot na hřišti");
        const auto cli = service::Principal::cli();
        key = town.platform()
                  .accounts()
                  .create_token(cli, {.name = "app", .scope = "open311"})
                  .secret;
        import_key = town.platform()
                         .accounts()
                         .create_token(cli, {.name = "imports", .scope = "import"})
                         .secret;
    }

    std::int64_t public_report(double lon, double lat, const std::string& category,
                               const std::string& description) {
        service::ReportSubmission submission;
        submission.lon = lon;
        submission.lat = lat;
        submission.category_code = category;
        submission.description = description;
        submission.address_text = "Náměstí 1";
        const auto id =
            town.platform().reports().submit(submission, {"192.0.2.7", "test"}).report_id;
        act(id, "approve", "");
        return id;
    }

    void act(std::int64_t id, const std::string& action, const std::string& text) {
        auto& reports = town.platform().reports();
        const auto cli = service::Principal::cli();
        service::ReportAction change;
        change.report_id = id;
        change.expected_version = reports.staff_report(cli, id).report.version;
        change.action = action;
        change.text = text;
        reports.act(cli, change);
    }

    HttpResult get(const std::string& target) { return HttpClient(town.port()).get(target); }

    HttpResult post(const std::string& target, const std::string& form) {
        return HttpClient(town.port())
            .request("POST", target, form, {{"Content-Type", "application/x-www-form-urlencoded"}});
    }

    static std::vector<std::string> ids(const HttpResult& result) {
        std::vector<std::string> found;
        for (const auto& request : result.json()) found.push_back(request["service_request_id"]);
        return found;
    }

    static void expect_json_error(const HttpResult& result, unsigned status) {
        EXPECT_EQ(result.status, status) << result.body;
        EXPECT_EQ(result.headers.at("content-type"), "application/json");
        const auto body = json::parse(result.body, nullptr, false);
        ASSERT_TRUE(body.is_array() && body.size() == 1u) << result.body;
        EXPECT_EQ(body[0]["code"], status);
        EXPECT_TRUE(body[0]["description"].is_string());
    }

    static void expect_xml_error(const HttpResult& result, unsigned status) {
        EXPECT_EQ(result.status, status) << result.body;
        EXPECT_EQ(result.headers.at("content-type"), "text/xml; charset=utf-8");
        EXPECT_TRUE(well_formed(result.body, "errors")) << result.body;
        EXPECT_NE(result.body.find("<errors><error><code>" + std::to_string(status) +
                                   "</code><description>"),
                  std::string::npos)
            << result.body;
    }

    AuthTown town;
    std::int64_t open_w = 0, fixed_w = 0, jinov = 0;
    std::string key, import_key;
};

const std::string testov = "jurisdiction_id=999999";

TEST_F(Open311Test, DiscoveryInBothFormats) {
    const auto xml = get("/open311/v2/discovery.xml");
    ASSERT_EQ(xml.status, 200u);
    EXPECT_EQ(xml.headers.at("content-type"), "text/xml; charset=utf-8");
    EXPECT_TRUE(well_formed(xml.body, "discovery")) << xml.body;
    EXPECT_NE(xml.body.find("<formats><format>text/xml</format><format>application/json</format>"),
              std::string::npos);
    const auto json_answer = get("/open311/v2/discovery.json");
    ASSERT_EQ(json_answer.status, 200u);
    EXPECT_EQ(json_answer.json()["endpoints"][0]["specification"],
              "http://wiki.open311.org/GeoReport_v2");
    EXPECT_EQ(json_answer.json()["endpoints"][0]["url"], "/open311/v2");
}

TEST_F(Open311Test, ServicesAndDefinitionsNeedAKnownJurisdiction) {
    const auto services = get("/open311/v2/services.json?" + testov);
    ASSERT_EQ(services.status, 200u) << services.body;
    bool vandalism = false;
    for (const auto& service : services.json()) {
        vandalism = vandalism || service["service_code"] == "vandalism";
        EXPECT_EQ(service["type"], "realtime");
    }
    EXPECT_TRUE(vandalism) << services.body;
    const auto xml = get("/open311/v2/services.xml?" + testov + "&lang=en");
    ASSERT_EQ(xml.status, 200u);
    EXPECT_TRUE(well_formed(xml.body, "services")) << xml.body;
    EXPECT_NE(xml.body.find("<service><service_code>"), std::string::npos);
    EXPECT_NE(xml.body.find("<service_name>Vandalism</service_name>"), std::string::npos);

    // Two towns on this server: the jurisdiction must be named, and known.
    expect_xml_error(get("/open311/v2/services.xml"), 400);
    expect_json_error(get("/open311/v2/services.json?jurisdiction_id=123"), 404);
    expect_json_error(get("/open311/v2/services.json?jurisdiction_id=abc"), 400);

    const auto definition = get("/open311/v2/services/unsafe_place.json?" + testov);
    ASSERT_EQ(definition.status, 200u) << definition.body;
    EXPECT_EQ(definition.json()["service_code"], "unsafe_place");
    const json definition_body = definition.json();
    const json& attribute = definition_body["attributes"][0];
    EXPECT_EQ(attribute["code"], "time_of_day");
    EXPECT_EQ(attribute["datatype"], "singlevaluelist");
    EXPECT_EQ(attribute["values"].size(), 5u);
    const auto definition_xml = get("/open311/v2/services/unsafe_place.xml?" + testov);
    EXPECT_TRUE(well_formed(definition_xml.body, "service_definition")) << definition_xml.body;
    EXPECT_NE(definition_xml.body.find("<attributes><attribute><variable>true</variable>"),
              std::string::npos);
    expect_json_error(get("/open311/v2/services/no_such.json?" + testov), 404);
    expect_xml_error(get("/open311/v2/services/no_such.xml?" + testov), 404);
}

TEST_F(Open311Test, RequestsFilterByStatusIdsDatesAndPages) {
    const auto all = get("/open311/v2/requests.json?" + testov);
    ASSERT_EQ(all.status, 200u) << all.body;
    // Newest first, Jinov's report is not in Testov's jurisdiction.
    EXPECT_EQ(ids(all),
              (std::vector<std::string>{std::to_string(fixed_w), std::to_string(open_w)}));
    const json all_body = all.json();
    const json& fixed = all_body[0];
    EXPECT_EQ(fixed["status"], "closed");
    EXPECT_EQ(fixed["expected_datetime"], nullptr);
    EXPECT_EQ(fixed["service_code"], "vandalism");
    const std::string requested = fixed["requested_datetime"];
    EXPECT_NO_THROW(core::parse_prague_time(requested, "requested_datetime"));
    EXPECT_TRUE(requested.ends_with("+01:00") || requested.ends_with("+02:00")) << requested;

    EXPECT_EQ(ids(get("/open311/v2/requests.json?" + testov + "&status=open")),
              (std::vector<std::string>{std::to_string(open_w)}));
    EXPECT_EQ(ids(get("/open311/v2/requests.json?" + testov + "&status=closed")),
              (std::vector<std::string>{std::to_string(fixed_w)}));
    EXPECT_EQ(ids(get("/open311/v2/requests.json?" + testov + "&status=open,closed")).size(), 2u);
    EXPECT_EQ(ids(get("/open311/v2/requests.json?" + testov +
                      "&service_request_id=" + std::to_string(open_w))),
              (std::vector<std::string>{std::to_string(open_w)}));
    EXPECT_TRUE(ids(get("/open311/v2/requests.json?" + testov + "&service_code=syringes")).empty());

    // Paging (the extension): one per page.
    EXPECT_EQ(ids(get("/open311/v2/requests.json?" + testov + "&page_size=1&page=2")),
              (std::vector<std::string>{std::to_string(open_w)}));
    EXPECT_TRUE(ids(get("/open311/v2/requests.json?" + testov + "&page_size=1&page=3")).empty());

    // The window: the default (last 90 days) holds today's reports; an old window none.
    EXPECT_TRUE(ids(get("/open311/v2/requests.json?" + testov +
                        "&start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00%2B01:00"))
                    .empty());

    const auto xml = get("/open311/v2/requests.xml?" + testov + "&status=open");
    ASSERT_EQ(xml.status, 200u);
    EXPECT_TRUE(well_formed(xml.body, "service_requests")) << xml.body;
    EXPECT_NE(xml.body.find("<request><service_request_id>" + std::to_string(open_w) +
                            "</service_request_id><status>open</status>"),
              std::string::npos)
        << xml.body;
    EXPECT_NE(xml.body.find("Posprejovaná zeď &lt;u&gt; &amp; &quot;školy&quot;"),
              std::string::npos);

    expect_json_error(get("/open311/v2/requests.json?" + testov + "&status=waiting"), 400);
    expect_xml_error(get("/open311/v2/requests.xml?" + testov + "&start_date=soon"), 400);
    expect_json_error(get("/open311/v2/requests.json?" + testov +
                          "&start_date=2026-01-01T00:00Z&end_date=2026-06-01T00:00Z"),
                      400);
    expect_json_error(get("/open311/v2/requests.json?" + testov + "&page_size=5000"), 400);
    expect_xml_error(get("/open311/v2/requests.html?" + testov), 404);
}

TEST_F(Open311Test, OneRequestAndTokens) {
    const auto one = get("/open311/v2/requests/" + std::to_string(fixed_w) + ".xml");
    ASSERT_EQ(one.status, 200u) << one.body;
    EXPECT_TRUE(well_formed(one.body, "service_requests")) << one.body;
    EXPECT_NE(one.body.find("<status>closed</status>"), std::string::npos);
    const auto json_one = get("/open311/v2/requests/" + std::to_string(open_w) + ".json");
    ASSERT_EQ(json_one.status, 200u);
    EXPECT_EQ(ids(json_one), (std::vector<std::string>{std::to_string(open_w)}));
    expect_json_error(get("/open311/v2/requests/" + std::to_string(jinov) + ".json?" + testov),
                      404);
    expect_json_error(get("/open311/v2/requests/987654.json"), 404);
    expect_xml_error(get("/open311/v2/requests/abc.xml"), 400);
    expect_json_error(get("/open311/v2/tokens/abc.json"), 404);
    expect_xml_error(get("/open311/v2/tokens/abc.xml"), 404);
    expect_xml_error(get("/open311/v2/nothing.xml"), 404);
}

TEST_F(Open311Test, UpdatesCarryExtendedStatuses) {
    const auto updates = get("/open311/v2/servicerequestupdates.json?" + testov);
    ASSERT_EQ(updates.status, 200u) << updates.body;
    std::vector<std::string> statuses;
    for (const auto& update : updates.json()) {
        if (update["service_request_id"] == std::to_string(fixed_w))
            statuses.push_back(update["status"]);
        EXPECT_NE(update["service_request_id"], std::to_string(jinov));
    }
    ASSERT_FALSE(statuses.empty()) << updates.body;
    EXPECT_EQ(statuses.back(), "FIXED") << updates.body;
    EXPECT_NE(std::find(statuses.begin(), statuses.end(), "INVESTIGATING"), statuses.end());
    const auto xml = get("/open311/v2/servicerequestupdates.xml?" + testov);
    EXPECT_TRUE(well_formed(xml.body, "service_request_updates")) << xml.body;
    EXPECT_NE(xml.body.find("<request_update><update_id>"), std::string::npos);
    EXPECT_NE(xml.body.find("<status>FIXED</status>"), std::string::npos);
    EXPECT_TRUE(get("/open311/v2/servicerequestupdates.json?" + testov +
                    "&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")
                    .json()
                    .empty());
    expect_json_error(
        get("/open311/v2/servicerequestupdates.json?" + testov + "&end_date=yesterday"), 400);
}

TEST_F(Open311Test, PostingNeedsAnOpen311Key) {
    const std::string form =
        "service_code=vandalism&lat=50.05&long=14.07&address_string=N%C3%A1m%C4%9Bst%C3%AD+2"
        "&description=Rozbit%C3%A9+sklo+na+zast%C3%A1vce&first_name=Jana&last_name=Nov%C3%A1"
        "&" +
        testov;
    expect_json_error(post("/open311/v2/requests.json", form), 403);
    expect_xml_error(post("/open311/v2/requests.xml", form + "&api_key=okt_wrong"), 403);
    expect_json_error(post("/open311/v2/requests.json", form + "&api_key=" + import_key), 403);
    expect_json_error(post("/open311/v2/servicerequestupdates.json",
                           "service_request_id=" + std::to_string(open_w) + "&status=FIXED"),
                      403);
    expect_json_error(
        post("/open311/v2/requests.json",
             "lat=50.05&long=14.07&description=Rozbit%C3%A9+sklo&" + testov + "&api_key=" + key),
        400);
    expect_json_error(post("/open311/v2/requests.json",
                           "service_code=vandalism&address_string=Main&description=Rozbit%C3%A9+"
                           "sklo+na+zast%C3%A1vce&" +
                               testov + "&api_key=" + key),
                      400);

    const auto created = post("/open311/v2/requests.json", form + "&api_key=" + key);
    ASSERT_EQ(created.status, 200u) << created.body;
    const std::string id = created.json()[0]["service_request_id"];
    EXPECT_FALSE(created.json()[0]["service_notice"].get<std::string>().empty());
    const auto stored =
        town.platform().reports().staff_report(service::Principal::cli(), std::stoll(id));
    EXPECT_EQ(stored.report.source, store::ReportSource::open311);
    EXPECT_EQ(stored.report.description, "Rozbité sklo na zastávce");
    EXPECT_EQ(stored.report.routing.district_id, town.area("W"));

    const auto xml = post("/open311/v2/requests.xml", form + "&api_key=" + key);
    ASSERT_EQ(xml.status, 200u) << xml.body;
    EXPECT_TRUE(well_formed(xml.body, "service_requests")) << xml.body;
    EXPECT_NE(xml.body.find("<request><service_request_id>"), std::string::npos);
    EXPECT_NE(xml.body.find("<account_id/>"), std::string::npos);
}

// FixMyStreet's POST servicerequestupdates: an open311 key of the report's town answers and moves
// the state (public update, extended status back on GET); another town's key, an import key and
// a status needing a person's judgement are refused.
TEST_F(Open311Test, PostingAnUpdateWithATownKeyAnswersAndMovesTheState) {
    const auto cli = service::Principal::cli();
    auto& accounts = town.platform().accounts();
    const auto testov_key =
        accounts
            .create_token(
                cli, {.name = "crm", .scope = "open311", .municipality_code = AuthTown::testov})
            .secret;
    const auto jinov_key =
        accounts
            .create_token(
                cli, {.name = "other", .scope = "open311", .municipality_code = AuthTown::jinov})
            .secret;
    const std::string request = "service_request_id=" + std::to_string(open_w);
    expect_json_error(post("/open311/v2/servicerequestupdates.json",
                           request + "&status=FIXED&description=Hotovo&api_key=" + jinov_key),
                      403);
    expect_json_error(post("/open311/v2/servicerequestupdates.json",
                           request + "&status=FIXED&description=Hotovo&api_key=" + import_key),
                      403);
    expect_xml_error(
        post("/open311/v2/servicerequestupdates.xml",
             request + "&status=DUPLICATE&description=Viz+jin%C3%A9&api_key=" + testov_key),
        400);
    const auto answered =
        post("/open311/v2/servicerequestupdates.json",
             request + "&status=FIXED&description=Zed+natrena&api_key=" + testov_key);
    ASSERT_EQ(answered.status, 200u) << answered.body;
    EXPECT_FALSE(answered.json()[0]["update_id"].is_null());
    const auto stored = town.platform().reports().staff_report(cli, open_w);
    EXPECT_EQ(stored.report.status.state, store::ReportState::resolved);
    const auto updates = get("/open311/v2/servicerequestupdates.json?" + testov);
    bool seen = false;
    for (const auto& update : updates.json()) {
        if (update["service_request_id"] == std::to_string(open_w) &&
            update["description"] == "Zed natrena") {
            seen = true;
            EXPECT_EQ(update["status"], "FIXED");
        }
    }
    EXPECT_TRUE(seen) << updates.body;
    const auto xml =
        post("/open311/v2/servicerequestupdates.xml",
             request + "&status=OPEN&description=Znovu+posprejov%C3%A1no&api_key=" + testov_key);
    ASSERT_EQ(xml.status, 200u) << xml.body;
    EXPECT_TRUE(well_formed(xml.body, "service_request_updates")) << xml.body;
    EXPECT_EQ(town.platform().reports().staff_report(cli, open_w).report.status.state,
              store::ReportState::reopened);
}

}  // namespace
}  // namespace okrsek::test
