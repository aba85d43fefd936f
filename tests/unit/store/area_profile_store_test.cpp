// AreaProfileStore on the test's engine: partial changes, the maps as stored, limits and the
// audit row of each change (same transaction: a refused change leaves neither).
#include <gtest/gtest.h>

#include <chrono>

#include "core/error.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::store {
namespace {

using namespace std::chrono_literals;
using Counts = ProfileCounts;

const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + 9h;

AuditEntry audit_entry(std::int64_t area_id) {
    AuditEntry entry;
    entry.actor_kind = ActorKind::cli;
    entry.action = "area_profile.update";
    entry.object_type = "area";
    entry.object_id = std::to_string(area_id);
    return entry;
}

class AreaProfileStoreTest : public ::testing::Test {
protected:
    void SetUp() override { store->migrate(); }

    StoredAreaProfile change(const AreaProfileChange& c, TimePoint at = t0) {
        return store->change_area_profile(c, audit_entry(c.area_id), at);
    }

    test::TempDir dir;
    test::TestDatabase database{dir.path(), "profiles.db", test::PgStart::migrated};
    std::unique_ptr<Store> store = open_store(database.setting());
};

TEST_F(AreaProfileStoreTest, ChangesKeepWhatTheyDoNotName) {
    EXPECT_FALSE(store->area_profile(7));
    AreaProfileChange first;
    first.area_id = 7;
    first.population = std::optional<std::int64_t>(5400);
    first.amenities = Counts{{"schools", 3}, {"bars_open_late", 12}};
    const auto created = change(first);
    EXPECT_EQ(created.population, 5400);
    EXPECT_TRUE(created.prevention_workers.empty());
    EXPECT_EQ(created.updated_at, t0);
    EXPECT_FALSE(created.updated_by);

    AreaProfileChange second;
    second.area_id = 7;
    second.prevention_workers = Counts{{"social_workers", 2}};
    second.updated_by = 42;
    change(second, t0 + 1h);
    const auto stored = store->area_profile(7);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->population, 5400);
    EXPECT_EQ(stored->amenities, (Counts{{"bars_open_late", 12}, {"schools", 3}}));
    EXPECT_EQ(stored->prevention_workers, (Counts{{"social_workers", 2}}));
    EXPECT_EQ(stored->updated_at, t0 + 1h);
    EXPECT_EQ(stored->updated_by, 42);

    AreaProfileChange removal;
    removal.area_id = 7;
    removal.population = std::optional<std::int64_t>();
    removal.amenities = Counts{};
    change(removal);
    EXPECT_FALSE(store->area_profile(7)->population);
    EXPECT_TRUE(store->area_profile(7)->amenities.empty());
    EXPECT_EQ(store->area_profile(7)->prevention_workers.size(), 1u);

    AreaProfileChange other;
    other.area_id = 3;
    other.population = std::optional<std::int64_t>(0);
    change(other);
    const auto all = store->area_profiles();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].area_id, 3);
    EXPECT_EQ(all[0].population, 0);
    EXPECT_EQ(all[1].area_id, 7);
    EXPECT_EQ(store->list_audit({}).size(), 4u);
}

TEST_F(AreaProfileStoreTest, LimitsAreCheckedBeforeAnythingIsWritten) {
    const auto field_of = [&](const AreaProfileChange& c) -> std::string {
        try {
            change(c);
        } catch (const core::Error& error) {
            EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
            return error.field();
        }
        ADD_FAILURE() << "no error";
        return {};
    };
    AreaProfileChange c;
    c.area_id = 1;
    c.population = std::optional<std::int64_t>(max_area_population + 1);
    EXPECT_EQ(field_of(c), "population");
    c.population = std::optional<std::int64_t>(-1);
    EXPECT_EQ(field_of(c), "population");
    c = {};
    c.area_id = 1;
    c.amenities = Counts{{"école", 1}};
    EXPECT_EQ(field_of(c), "amenities");
    c.amenities = Counts{{"a1", 1}};
    EXPECT_EQ(field_of(c), "amenities");
    c.amenities = Counts{{"ok", max_area_profile_value + 1}};
    EXPECT_EQ(field_of(c), "amenities.ok");
    c = {};
    c.area_id = 1;
    Counts many;
    for (int i = 0; i < 31; ++i) many[std::string(1 + i / 26, static_cast<char>('a' + i % 26))] = 1;
    ASSERT_EQ(many.size(), 31u);
    c.prevention_workers = many;
    EXPECT_EQ(field_of(c), "prevention_workers");
    EXPECT_FALSE(store->area_profile(1));
    EXPECT_TRUE(store->list_audit({}).empty());

    // A bad audit entry fails the whole change.
    AreaProfileChange good;
    good.area_id = 1;
    good.population = std::optional<std::int64_t>(10);
    AuditEntry bad = audit_entry(1);
    bad.details_json = "[not an object]";
    EXPECT_THROW(store->change_area_profile(good, bad, t0), core::Error);
    EXPECT_FALSE(store->area_profile(1));
}

}  // namespace
}  // namespace okrsek::store
