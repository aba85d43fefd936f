// The demo's station addresses (service/demo_addresses.cpp): imported once; a re-run on the same
// database finds them stored and writes nothing; changed stations are imported again.
#include "service/demo_addresses.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "service/demo_town.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::service {
namespace {

constexpr const char* stations_file = "praha-sluzebny-mestske-policie-100.geojson";
// One of the 100 stations has house number 0, which the import rejects.
constexpr std::int64_t demo_points = 99;

class DemoAddressesTest : public ::testing::Test {
protected:
    DemoAddressesTest()
        : platform(store::open_store(database.setting())),
          peek(store::open_store(database.setting())) {}

    std::size_t import_audit_rows() {
        store::AuditFilter filter;
        filter.action = "addresses.import";
        filter.limit = 100;
        return peek->list_audit(filter).size();
    }

    const std::filesystem::path data = test::source_dir() / "data" / "demo";
    test::TempDir dir;
    test::TestDatabase database{dir.path(), "demo.db"};
    Platform platform;
    std::unique_ptr<store::Store> peek;
};

TEST_F(DemoAddressesTest, SecondDemoRunDoesNoAddressWork) {
    build_demo_town(platform, data);
    const auto first = peek->address_imports(demo_town_code);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].town.address_count, demo_points);
    EXPECT_EQ(peek->address_count(demo_town_code), demo_points);
    EXPECT_EQ(import_audit_rows(), 1u);
    const std::int64_t version = peek->address_version();

    build_demo_town(platform, data);
    const auto second = peek->address_imports(demo_town_code);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].version, first[0].version);
    EXPECT_EQ(second[0].town.fingerprint, first[0].town.fingerprint);
    EXPECT_EQ(second[0].imported_at, first[0].imported_at);
    EXPECT_EQ(peek->address_version(), version);
    EXPECT_EQ(import_audit_rows(), 1u);
    EXPECT_FALSE(import_demo_addresses(platform, data));
    EXPECT_EQ(import_audit_rows(), 1u);
}

TEST_F(DemoAddressesTest, ChangedStationsAreImportedAgain) {
    build_demo_town(platform, data);
    std::ifstream in(data / stations_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string geojson = text.str();
    // One station's cadastral area renamed: one point of the town differs.
    const auto at = geojson.find("\"NKU\"");
    ASSERT_NE(at, std::string::npos);
    const auto value = geojson.find('"', geojson.find(':', at)) + 1;
    geojson.insert(value, "Nové ");
    const auto changed = dir.path() / "changed";
    std::filesystem::create_directories(changed);
    std::ofstream(changed / stations_file, std::ios::binary) << geojson;

    const auto report = import_demo_addresses(platform, changed);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->rows_imported, static_cast<std::uint64_t>(demo_points));
    EXPECT_EQ(report->replaced, demo_points);
    const auto records = peek->address_imports(demo_town_code);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_NE(records[0].town.fingerprint, records[1].town.fingerprint);
    EXPECT_EQ(import_audit_rows(), 2u);
    // Back to the real stations: the stored points differ from them, so they are imported.
    EXPECT_TRUE(import_demo_addresses(platform, data));
    EXPECT_EQ(peek->address_imports(demo_town_code).size(), 3u);
    EXPECT_FALSE(import_demo_addresses(platform, data));
    EXPECT_EQ(import_audit_rows(), 3u);
}

}  // namespace
}  // namespace okrsek::service
