// The authorisation matrix (http_authz_matrix.hpp) for the crime statistics routes (issue 7):
// the public statistics are open to everyone; the staff table needs analytics.read for the
// town, hotspots and exact incident points crime_incidents.read (both audited, see
// http_statistics_test.cpp), each checked against the town asked for. Every request is valid
// (the points' bbox is given), so a 400 cannot hide an allow or a deny.
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

TEST_F(AuthzMatrixTest, StatisticsRoutesGetExactlyTheExpectedAnswers) {
    const std::string testov_code = std::to_string(AuthTown::testov);
    const std::string jinov_code = std::to_string(AuthTown::jinov);
    const Target testov = Target::municipality(AuthTown::testov);
    const Target jinov = Target::municipality(AuthTown::jinov);
    const auto in_town = [](const std::string& route, const std::string& code) {
        return fixed(route + "?town=" + code);
    };
    const std::vector<Case> cases = {
        {"GET", "/api/v1/statistics/meta", in_town("/api/v1/statistics/meta", testov_code), none,
         everyone},
        {"GET", "/api/v1/statistics/table", in_town("/api/v1/statistics/table", testov_code), none,
         everyone},
        {"GET", "/api/v1/statistics/areas",
         fixed("/api/v1/statistics/areas?town=" + testov_code + "&level=district"), none, everyone},
        {"GET", "/api/v1/statistics/grid", in_town("/api/v1/statistics/grid", testov_code), none,
         everyone},
        {"GET", "/api/v1/statistics/districts/{id}/summary",
         fixed("/api/v1/statistics/districts/" + id(town.area("W")) + "/summary"), none, everyone},
        {"GET", "/api/v1/statistics/profiles",
         fixed("/api/v1/statistics/profiles?town=" + testov_code + "&level=district"), none,
         everyone},
        {"GET", "/api/v1/admin/statistics/table",
         in_town("/api/v1/admin/statistics/table", testov_code), none,
         [&](const Who& who) { return may(who, Action::analytics_read, testov); }},
        {"GET", "/api/v1/admin/statistics/table",
         in_town("/api/v1/admin/statistics/table", jinov_code), none,
         [&](const Who& who) { return may(who, Action::analytics_read, jinov); }},
        {"GET", "/api/v1/admin/crime/hotspots",
         in_town("/api/v1/admin/crime/hotspots", testov_code), none,
         [&](const Who& who) { return may(who, Action::crime_incidents_read, testov); }},
        {"GET", "/api/v1/admin/crime/hotspots", in_town("/api/v1/admin/crime/hotspots", jinov_code),
         none, [&](const Who& who) { return may(who, Action::crime_incidents_read, jinov); }},
        {"GET", "/api/v1/admin/crime/incidents",
         fixed("/api/v1/admin/crime/incidents?town=" + testov_code + "&bbox=14,50,14.1,50.1"), none,
         [&](const Who& who) { return may(who, Action::crime_incidents_read, testov); }},
        {"GET", "/api/v1/admin/crime/incidents",
         fixed("/api/v1/admin/crime/incidents?town=" + jinov_code + "&bbox=14,50,14.1,50.1"), none,
         [&](const Who& who) { return may(who, Action::crime_incidents_read, jinov); }},
    };
    run_matrix("statistics", cases);
}

}  // namespace
}  // namespace okrsek::test::authz
