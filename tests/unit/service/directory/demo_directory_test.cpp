// The demo's district directory on the real Prague data: the 100 municipal-police stations and
// an invented team for each of the 226 districts; running it again changes nothing.
#include "service/directory/demo_directory.hpp"

#include <gtest/gtest.h>

#include "service/demo_town.hpp"
#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

TEST(DemoDirectory, PragueGetsItsStationsAndAnInventedTeamPerDistrict) {
    test::TempDir dir;
    test::TestDatabase database{dir.path(), "demo.db"};
    Platform platform(store::open_store(database.setting()));
    const auto peek = store::open_store(database.setting());
    DemoDirectoryReport report;
    build_demo_town(platform, test::source_dir() / "data" / "demo", &report);

    EXPECT_EQ(report.stations.kind, "municipal_police_station");
    EXPECT_EQ(report.stations.feature_count, 100u);
    EXPECT_EQ(report.stations.counts.inserted, 100u);
    EXPECT_EQ(report.holders_started, 226u * 3u);
    EXPECT_EQ(report.contacts_set, 226u * 3u);

    // Old Town Square lies in district 1-5 of OŘ MP Praha 1.
    const auto hit = platform.lookup({14.4213, 50.0875});
    const auto district = hit.areas.at(0).info();
    ASSERT_EQ(district.code, "1-5");
    const DistrictCard card = platform.directory().card(district.id);
    ASSERT_EQ(card.team.size(), 3u);
    for (const auto& seat : card.team) {
        ASSERT_TRUE(seat.holder) << seat.role.code;
        EXPECT_NE(seat.holder->profile.name.find(' '), std::string::npos);
        EXPECT_EQ(seat.holder->profile.office_hours.size(), 1u);
        ASSERT_TRUE(seat.contact.email);
        EXPECT_TRUE(seat.contact.email->starts_with("okrsek-1-5."));
        EXPECT_TRUE(seat.contact.email->ends_with("@demo.okrsek.example"));
        EXPECT_FALSE(seat.contact.phone);
    }
    EXPECT_EQ(*card.team[0].contact.email, "okrsek-1-5.policie@demo.okrsek.example");
    ASSERT_EQ(card.nearest_stations.size(), 3u);
    EXPECT_LT(*card.nearest_stations[2].distance_m, 1500.0);
    EXPECT_FALSE(card.nearest_stations[0].place.fields.name.empty());
    EXPECT_TRUE(card.nearest_stations[0].place.fields.address);
    ASSERT_TRUE(card.city_part);
    EXPECT_EQ(card.city_part->name, "Praha 1");

    const auto rows = [&](const std::string& action) {
        store::AuditFilter filter;
        filter.action = action;
        filter.limit = 1000;
        return peek->list_audit(filter).size();
    };
    EXPECT_EQ(rows("team.holder.start"), 226u * 3u);
    EXPECT_EQ(rows("place.import"), 1u);
    DemoDirectoryReport again;
    build_demo_town(platform, test::source_dir() / "data" / "demo", &again);
    EXPECT_EQ(again.holders_started, 0u);
    EXPECT_EQ(again.contacts_set, 0u);
    EXPECT_EQ(again.stations.counts.unchanged, 100u);
    EXPECT_EQ(rows("team.holder.start"), 226u * 3u);
    EXPECT_EQ(rows("team.contact.update"), 226u * 3u);
    EXPECT_EQ(rows("place.import"), 1u);
}

}  // namespace
}  // namespace okrsek::service::test_auth
