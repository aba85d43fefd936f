// Crime statistics over HTTP on a real server, both engines: every public endpoint in each of
// its formats; a property walk of many random public queries over a town with many small
// counts, asserting that no public body holds a count of 1 or 2, a sensitive category below
// town level or a point; the staff routes for every role; audit rows of every exact access.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "auth_town.hpp"
#include "store/store.hpp"

namespace okrsek::test {
namespace {

namespace sec = service::security;
using nlohmann::json;

constexpr const char* types_json = R"({"polozky":[
 {"id":1,"parent_id1":null,"nazev":{"cs":"NÁSILNÁ TRESTNÁ ČINNOST"}},
 {"id":2,"parent_id1":1,"nazev":{"cs":"loupež"}},
 {"id":3,"parent_id1":1,"nazev":{"cs":"výtržnictví"}},
 {"id":10,"parent_id1":null,"nazev":{"cs":"MAJETKOVÁ TRESTNÁ ČINNOST"}},
 {"id":11,"parent_id1":10,"nazev":{"cs":"krádež prostá"}},
 {"id":12,"parent_id1":10,"nazev":{"cs":"vloupání"}},
 {"id":20,"parent_id1":null,"nazev":{"cs":"MRAVNOSTNÍ TRESTNÁ ČINNOST"}},
 {"id":21,"parent_id1":20,"nazev":{"cs":"znásilnění"}}]})";
const std::set<int> sensitive_ids{20, 21};

// Testov (W: 14.0–14.1, E: 14.1–14.2; 50.0–50.1) and Jinov (15.0–15.2) with 600 incidents at
// random places, months of 2024–2025 and types, from a fixed seed: most cells hold 0–5.
class StatisticsHttpTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        town = new AuthTown();
        town->clear_sensitive_roles();
        const auto folder =
            std::filesystem::temp_directory_path() / ("okrsek-stats-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder);
        std::ofstream(folder / "types.json") << types_json;
        service::CodeListImportRequest list;
        list.file = folder / "types.json";
        list.actor = service::Principal::cli();
        town->platform().crime().import_code_list(list);
        std::mt19937 random(20251123);
        std::ostringstream csv;
        csv << "id,x,y,mp,date,state,relevance,types\n";
        const int types[] = {2, 3, 11, 12, 21};
        for (int i = 0; i < 600; ++i) {
            const bool jinov = i % 10 == 0;
            const double x = (jinov ? 15.0 : 14.0) +
                             0.2 * std::uniform_real_distribution<>(0.001, 0.999)(random);
            const double y = 50.0 + 0.1 * std::uniform_real_distribution<>(0.001, 0.999)(random);
            const int year = 2024 + int(random() % 2);
            const int month = 1 + int(random() % 12);
            const int type = types[random() % (i % 7 == 0 ? 5 : 4)];
            char line[160];
            std::snprintf(line, sizeof line,
                          "r%d,%.6f,%.6f,FALSE,%04d-%02d-%02dT%02d:30:00+01:00,1,4,%d\n", i, x, y,
                          year, month, 1 + int(random() % 28), int(random() % 24), type);
            csv << line;
        }
        std::ofstream(folder / "incidents.csv") << csv.str();
        service::IncidentImportRequest request;
        request.files = {folder / "incidents.csv"};
        request.actor = service::Principal::cli();
        town->platform().crime().import_incidents(request);
        std::filesystem::remove_all(folder);
    }
    static void TearDownTestSuite() {
        delete town;
        town = nullptr;
    }

    static HttpResult get(const std::string& target) {
        HttpClient client(town->port());
        return client.get(target);
    }

    static std::string testov() { return std::to_string(AuthTown::testov); }

    static AuthTown* town;
};
AuthTown* StatisticsHttpTest::town = nullptr;

// Every number under a counting key anywhere in `value`.
void collect_counts(const json& value, std::vector<std::int64_t>& counts) {
    static const std::set<std::string> keys{"count", "previous", "total", "previous_total"};
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            if (keys.contains(key) && member.is_number_integer()) {
                counts.push_back(member.get<std::int64_t>());
            }
            collect_counts(member, counts);
        }
    } else if (value.is_array()) {
        for (const auto& member : value) collect_counts(member, counts);
    }
}

bool has_point(const json& value) {
    if (value.is_object()) {
        if (value.contains("type") && value["type"] == "Point") return true;
        for (const auto& [key, member] : value.items()) {
            if (has_point(member)) return true;
        }
    } else if (value.is_array()) {
        for (const auto& member : value) {
            if (has_point(member)) return true;
        }
    }
    return false;
}

// The checks every public body passes.
void expect_safe(const std::string& target, const HttpResult& result) {
    if (result.status != 200) return;
    if (result.headers.at("content-type").starts_with("text/csv")) {
        std::istringstream lines(result.body);
        std::string line;
        std::getline(lines, line);
        while (std::getline(lines, line)) {
            EXPECT_EQ(line.find(",1,shown"), std::string::npos) << target << ": " << line;
            EXPECT_EQ(line.find(",2,shown"), std::string::npos) << target << ": " << line;
        }
        return;
    }
    const auto body = json::parse(result.body);
    std::vector<std::int64_t> counts;
    collect_counts(body, counts);
    for (const auto count : counts) {
        EXPECT_TRUE(count == 0 || count >= 3) << target << " shows " << count;
    }
    EXPECT_FALSE(has_point(body)) << target;
    if (body.contains("rows") && body.value("level", "town") != "town") {
        for (const auto& row : body["rows"]) {
            if (row["category_id"].is_number()) {
                EXPECT_FALSE(sensitive_ids.contains(row["category_id"].get<int>())) << target;
            }
        }
        for (const auto& category : body["categories"]) {
            EXPECT_FALSE(sensitive_ids.contains(category["id"].get<int>())) << target;
        }
    }
    for (const auto& category : body.value("top_categories", json::array())) {
        EXPECT_FALSE(sensitive_ids.contains(category["id"].get<int>())) << target;
    }
}

TEST_F(StatisticsHttpTest, MetaNamesTheTownPeriodsCategoriesAndRules) {
    const auto result = get("/api/v1/statistics/meta?town=" + testov());
    ASSERT_EQ(result.status, 200u) << result.body;
    EXPECT_EQ(result.headers.at("cache-control"), "public, max-age=300");
    const auto body = json::parse(result.body);
    EXPECT_EQ(body["town"]["name"], "Testov");
    EXPECT_EQ(body["periods"]["first"], "2024-01");
    EXPECT_EQ(body["periods"]["last"], "2025-12");
    EXPECT_EQ(body["default_period"]["from"], "2025-01");
    EXPECT_EQ(body["rules"]["min_count"], 3);
    EXPECT_EQ(body["categories"].size(), 8u);
    EXPECT_EQ(body["sources"][0]["name"], "policie-cz");
    // A conditional request with the ETag gets 304 and no body.
    HttpClient client(town->port());
    const auto again = client.request("GET", "/api/v1/statistics/meta?town=" + testov(), "",
                                      {{"If-None-Match", result.headers.at("etag")}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(get("/api/v1/statistics/meta?town=123").status, 404u);
    const auto bad = get("/api/v1/statistics/meta");
    EXPECT_EQ(bad.status, 400u);
    EXPECT_EQ(json::parse(bad.body)["error"]["field"], "town");
}

TEST_F(StatisticsHttpTest, EveryPublicEndpointInEveryFormat) {
    const auto t = testov();
    const auto table = get("/api/v1/statistics/table?town=" + t +
                           "&level=district&bucket=month&compare=year_earlier");
    ASSERT_EQ(table.status, 200u) << table.body;
    const auto body = json::parse(table.body);
    EXPECT_EQ(body["areas"].size(), 2u);
    EXPECT_EQ(body["buckets"].size(), 12u);
    EXPECT_EQ(body["previous_period"]["from"], "2024-01");
    EXPECT_EQ(body["dropped_sensitive_categories"], json::array({20}));
    // 2 areas + total, 2 categories + total, 12 months + total.
    EXPECT_EQ(body["rows"].size(), 3u * 3u * 13u);
    expect_safe("table", table);

    const auto csv = get("/api/v1/statistics/table?town=" + t + "&level=district&format=csv");
    ASSERT_EQ(csv.status, 200u);
    EXPECT_TRUE(csv.headers.at("content-type").starts_with("text/csv"));
    EXPECT_TRUE(
        csv.body.starts_with("area_id,area_name,category_id,category_name,bucket,count,"
                             "status,rate_per_1000,previous,previous_status\r\n"));
    expect_safe("csv", csv);

    const auto areas = get("/api/v1/statistics/areas?town=" + t + "&level=district&category=10");
    ASSERT_EQ(areas.status, 200u) << areas.body;
    const auto features = json::parse(areas.body)["features"];
    ASSERT_EQ(features.size(), 2u);
    EXPECT_EQ(features[0]["geometry"]["type"], "Polygon");
    EXPECT_TRUE(features[0]["properties"].contains("rate_per_1000"));
    expect_safe("areas", areas);
    const auto areas_csv =
        get("/api/v1/statistics/areas?town=" + t + "&level=city_part&format=csv");
    ASSERT_EQ(areas_csv.status, 200u);
    EXPECT_TRUE(areas_csv.body.starts_with("id,name,count,status,rate_per_1000,population\r\n"));
    EXPECT_EQ(get("/api/v1/statistics/areas?town=" + t + "&category=21").status, 400u);

    const auto grid = get("/api/v1/statistics/grid?town=" + t + "&cell=1000");
    ASSERT_EQ(grid.status, 200u) << grid.body;
    const auto grid_body = json::parse(grid.body);
    EXPECT_EQ(grid_body["type"], "FeatureCollection");
    EXPECT_GE(grid_body["cell_m"].get<double>(), 1000.0);
    expect_safe("grid", grid);
    const auto bad_cell = get("/api/v1/statistics/grid?town=" + t + "&cell=10");
    EXPECT_EQ(bad_cell.status, 400u);
    EXPECT_EQ(json::parse(bad_cell.body)["error"]["field"], "cell");

    const auto profiles = get("/api/v1/statistics/profiles?town=" + t + "&level=district");
    ASSERT_EQ(profiles.status, 200u) << profiles.body;
    const auto profiles_body = json::parse(profiles.body);
    EXPECT_EQ(profiles_body["areas"].size(), 2u);
    EXPECT_EQ(profiles_body["town"]["id"], AuthTown::testov);
    EXPECT_TRUE(profiles_body["areas"][0].contains("amenities"));
    expect_safe("profiles", profiles);
    const auto profiles_csv =
        get("/api/v1/statistics/profiles?town=" + t + "&level=city_part&format=csv");
    ASSERT_EQ(profiles_csv.status, 200u);
    EXPECT_TRUE(profiles_csv.body.starts_with("id,name,population,population_source,offences,"));

    const auto card =
        get("/api/v1/statistics/districts/" + std::to_string(town->area("W")) + "/summary");
    ASSERT_EQ(card.status, 200u) << card.body;
    const auto card_body = json::parse(card.body);
    EXPECT_EQ(card_body["district"]["name"], "Západ");
    EXPECT_EQ(card_body["period"]["to"], "2025-12");
    expect_safe("summary", card);
    EXPECT_EQ(
        get("/api/v1/statistics/districts/" + std::to_string(town->area("TW")) + "/summary").status,
        404u);
}

TEST_F(StatisticsHttpTest, NoRandomPublicQueryRevealsSmallCountsSensitiveCategoriesOrPoints) {
    std::mt19937 random(7);
    const char* levels[] = {"town", "city_part", "district"};
    const char* buckets[] = {"period", "month", "week", "hour", "weekday"};
    const char* categories[] = {"",
                                "&categories=1,10",
                                "&categories=2,3,11,12",
                                "&categories=20",
                                "&categories=21,11",
                                "&category_level=1"};
    int answered = 0;
    for (int i = 0; i < 120; ++i) {
        const int from_month = 1 + int(random() % 12);
        const int span = int(random() % 14);
        const int to_total = 2024 * 12 + from_month - 1 + span;
        char period[64];
        std::snprintf(period, sizeof period, "&from=2024-%02d&to=%04d-%02d", from_month,
                      to_total / 12, to_total % 12 + 1);
        std::string target;
        switch (random() % 4) {
            case 0:
            case 1:
                target = "/api/v1/statistics/table?town=" + testov() +
                         "&level=" + levels[random() % 3] + "&bucket=" + buckets[random() % 5] +
                         categories[random() % 6] + period +
                         (random() % 2 ? "&compare=year_earlier" : "") +
                         (random() % 3 == 0 ? "&format=csv" : "");
                break;
            case 2:
                target =
                    std::string("/api/v1/statistics/") + (random() % 2 ? "areas" : "profiles") +
                    "?town=" + testov() + "&level=" + levels[1 + random() % 2] +
                    (random() % 2 ? "&category=" + std::to_string(1 + 9 * (random() % 2)) : "") +
                    period;
                break;
            default:
                target = "/api/v1/statistics/grid?town=" + testov() +
                         "&cell=" + std::to_string(50 + random() % 1950) + period;
        }
        const auto result = get(target);
        ASSERT_TRUE(result.status == 200u || result.status == 400u) << target << result.body;
        if (result.status == 200u) ++answered;
        expect_safe(target, result);
    }
    EXPECT_GT(answered, 100);
}

TEST_F(StatisticsHttpTest, StaffRoutesForEveryRoleAndTheAuditOfExactAccess) {
    const auto t = testov();
    const std::string table = "/api/v1/admin/statistics/table?town=" + t + "&level=district";
    const std::string hotspots = "/api/v1/admin/crime/hotspots?town=" + t + "&method=gi&cell=500";
    const std::string points =
        "/api/v1/admin/crime/incidents?town=" + t + "&bbox=14.0,50.0,14.2,50.1&limit=50";
    EXPECT_EQ(get(table).status, 401u);
    int n = 0;
    for (const auto role : sec::all_roles) {
        const std::string email = "staff" + std::to_string(n++) + "@testov.cz";
        const bool town_wide = sec::grantable_at(role, sec::ScopeKind::municipality);
        const auto user_id = town->add_user(email, "Staff", role,
                                            town_wide ? sec::Scope::municipality(AuthTown::testov)
                                                      : sec::Scope::district(town->area("W")));
        Browser browser(town->port());
        ASSERT_EQ(browser.login(email).status, 200u) << sec::to_code(role);
        const bool analytics = town_wide && sec::role_allows(role, sec::Action::analytics_read);
        const bool exact = town_wide && sec::role_allows(role, sec::Action::crime_incidents_read);
        const auto code = std::string(sec::to_code(role));

        const auto table_answer = browser.get(table);
        EXPECT_EQ(table_answer.status, analytics ? 200u : 403u) << code << table_answer.body;
        if (table_answer.status == 200u) {
            EXPECT_EQ(table_answer.headers.at("cache-control"), "no-store");
            EXPECT_EQ(json::parse(table_answer.body)["exact"], exact) << code;
            if (!exact) expect_safe(code, table_answer);
        }
        const auto hot = browser.get(hotspots);
        EXPECT_EQ(hot.status, exact ? 200u : 403u) << code << hot.body;
        const auto found = browser.get(points);
        EXPECT_EQ(found.status, exact ? 200u : 403u) << code << found.body;
        if (found.status == 200u) {
            const auto body = json::parse(found.body);
            EXPECT_FALSE(body["features"].empty());
            EXPECT_EQ(body["features"][0]["geometry"]["type"], "Point");
            EXPECT_TRUE(body["features"][0]["properties"].contains("occurred_at"));
        }
        // Every exact access left its audit row, naming the person and never a point.
        if (exact) {
            store::AuditFilter filter;
            filter.action = "crime.";
            filter.actor_id = user_id;
            const auto rows = town->platform().accounts().audit(service::Principal::cli(), filter);
            std::set<std::string> actions;
            for (const auto& row : rows) {
                actions.insert(row.action);
                EXPECT_EQ(row.details_json.find("coordinates"), std::string::npos);
            }
            EXPECT_EQ(actions,
                      (std::set<std::string>{"crime.statistics.exact_read", "crime.hotspots.read",
                                             "crime.incidents.read"}))
                << code;
        }
    }
}

}  // namespace
}  // namespace okrsek::test
