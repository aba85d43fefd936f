// AddressStore on the test's engine (SQLite or PostgreSQL, see support/test_database.hpp):
// bulk replacement per town, reading back in one snapshot, versions, records and audit rows.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>

#include "core/error.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::store {
namespace {

using namespace std::chrono_literals;

const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + 9h;

core::AddressPoint point(std::int64_t code, std::int64_t town, int number) {
    core::AddressPoint p;
    p.code = code;
    p.municipality_code = town;
    p.municipality_name = town == 538493 ? "Mnichovice" : "Lomnice nad Popelkou";
    p.part_name = "Božkov";
    p.street = number % 3 == 0 ? "" : "Svahová";
    p.evidence_number = number % 5 == 0;
    p.house_number = number;
    p.orientation_number = number % 2 ? number / 2 : 0;
    p.orientation_letter = number % 7 == 0 && p.orientation_number ? "a" : "";
    p.postcode = 25164;
    if (number % 11 != 0) p.position = core::LonLat{14.7 + number * 1e-7, 49.9 + number * 2e-7};
    return p;
}

std::vector<core::AddressPoint> town_points(std::int64_t town, std::int64_t first_code, int count) {
    std::vector<core::AddressPoint> points;
    points.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) points.push_back(point(first_code + i, town, i + 1));
    return points;
}

bool same(const core::AddressPoint& a, const core::AddressPoint& b) {
    return a.code == b.code && a.municipality_code == b.municipality_code &&
           a.municipality_name == b.municipality_name && a.city_part_code == b.city_part_code &&
           a.city_part_name == b.city_part_name && a.part_name == b.part_name &&
           a.street == b.street && a.evidence_number == b.evidence_number &&
           a.house_number == b.house_number && a.orientation_number == b.orientation_number &&
           a.orientation_letter == b.orientation_letter && a.postcode == b.postcode &&
           a.position.has_value() == b.position.has_value() &&
           (!a.position || (std::abs(a.position->lon - b.position->lon) < 1e-9 &&
                            std::abs(a.position->lat - b.position->lat) < 1e-9));
}

// Hands out `points` in batches of `batch_size`; throws before batch `fail_at` if set.
class VectorFeed final : public AddressFeed {
public:
    VectorFeed(std::vector<core::AddressPoint> points, std::size_t batch_size = 1000)
        : m_points(std::move(points)), m_batch_size(batch_size) {}

    bool next_batch(std::vector<core::AddressPoint>& batch) override {
        batch.clear();
        if (fail_at && m_batches == *fail_at) {
            throw core::Error(core::ErrorCode::invalid_input, "feed failed");
        }
        ++m_batches;
        for (; m_next < m_points.size() && batch.size() < m_batch_size; ++m_next) {
            batch.push_back(m_points[m_next]);
        }
        return !batch.empty();
    }

    std::vector<AddressTownImport> towns() override {
        std::map<std::int64_t, AddressTownImport> towns;
        for (const auto& p : m_points) {
            auto& town = towns[p.municipality_code];
            town.municipality_code = p.municipality_code;
            town.municipality_name = p.municipality_name;
            town.fingerprint = "fp-" + std::to_string(p.municipality_code);
            ++town.address_count;
            town.without_position_count += p.position ? 0 : 1;
        }
        std::vector<AddressTownImport> result;
        result.reserve(towns.size());
        for (auto& [code, town] : towns) result.push_back(town);
        if (drop_a_town && !result.empty()) result.pop_back();
        return result;
    }

    AuditEntry audit_entry() override {
        AuditEntry entry;
        entry.actor_kind = ActorKind::cli;
        entry.action = "addresses.import";
        entry.object_type = "addresses";
        entry.object_id = "test";
        entry.details_json = "{\"imported\":" + std::to_string(m_points.size()) + "}";
        return entry;
    }

    std::optional<std::size_t> fail_at;
    bool drop_a_town = false;

private:
    std::vector<core::AddressPoint> m_points;
    std::size_t m_batch_size;
    std::size_t m_next = 0;
    std::size_t m_batches = 0;
};

class AddressStoreTest : public ::testing::Test {
protected:
    AddressStoreTest() : store(open_store(database.setting())) { store->migrate(); }

    AddressReplaceResult replace(std::vector<core::AddressPoint> points, TimePoint at = t0) {
        VectorFeed feed(std::move(points));
        return store->replace_addresses(feed, at);
    }

    std::vector<core::AddressPoint> stored() {
        std::vector<core::AddressPoint> points;
        store->for_each_address([&](const core::AddressPoint& p) { points.push_back(p); });
        return points;
    }

    test::TempDir dir;
    test::TestDatabase database{dir.path(), "addresses.db", test::PgStart::migrated};
    std::unique_ptr<Store> store;
};

constexpr std::int64_t mnichovice = 538493;
constexpr std::int64_t lomnice = 577308;

TEST_F(AddressStoreTest, EmptyStoreHasVersionZero) {
    EXPECT_EQ(store->address_version(), 0);
    EXPECT_EQ(store->address_count(), 0);
    EXPECT_TRUE(stored().empty());
}

TEST_F(AddressStoreTest, WritesAndReadsBackEveryFieldByCode) {
    // Codes out of order and two towns interleaved; 2500 points cross batch boundaries.
    auto points = town_points(mnichovice, 21000000, 1300);
    auto other = town_points(lomnice, 15000000, 1200);
    points.insert(points.begin() + 700, other.begin(), other.end());
    std::swap(points[0], points[1]);
    const auto result = replace(points);
    EXPECT_EQ(result.version, 1);
    EXPECT_EQ(result.replaced_count, 0);
    EXPECT_EQ(store->address_version(), 1);

    auto expected = points;
    std::sort(expected.begin(), expected.end(),
              [](const auto& a, const auto& b) { return a.code < b.code; });
    const auto read = stored();
    ASSERT_EQ(read.size(), expected.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        ASSERT_TRUE(same(read[i], expected[i])) << "code " << expected[i].code;
    }
    EXPECT_EQ(store->address_count(mnichovice), 1300);
    EXPECT_EQ(store->address_count(lomnice), 1200);
}

TEST_F(AddressStoreTest, RecordsEachTownAndAuditsTheImport) {
    replace(town_points(mnichovice, 21000000, 100), t0);
    const auto records = store->address_imports(mnichovice);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].version, 1);
    EXPECT_EQ(records[0].town.municipality_name, "Mnichovice");
    EXPECT_EQ(records[0].town.fingerprint, "fp-538493");
    EXPECT_EQ(records[0].town.address_count, 100);
    EXPECT_EQ(records[0].town.without_position_count, 9);  // numbers 11, 22, … 99
    EXPECT_EQ(records[0].replaced_count, 0);
    EXPECT_EQ(records[0].imported_at, t0);

    AuditFilter filter;
    filter.action = "addresses.import";
    const auto audit = store->list_audit(filter);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].actor_kind, ActorKind::cli);
    EXPECT_EQ(audit[0].details_json, "{\"imported\":100}");
    EXPECT_EQ(store->verify_audit_chain().problem, AuditProblem::none);
}

TEST_F(AddressStoreTest, ReimportReplacesItsTownsOnly) {
    replace(town_points(mnichovice, 21000000, 300));
    replace(town_points(lomnice, 15000000, 200));
    auto changed = town_points(mnichovice, 21000100, 50);
    for (auto& p : changed) p.street = "Nová";
    const auto result = replace(changed, t0 + 1h);
    EXPECT_EQ(result.version, 3);
    EXPECT_EQ(result.replaced_count, 300);
    EXPECT_EQ(store->address_count(mnichovice), 50);
    EXPECT_EQ(store->address_count(lomnice), 200);
    for (const auto& p : stored()) {
        if (p.municipality_code == mnichovice) {
            EXPECT_EQ(p.street, "Nová");
        }
    }
    const auto records = store->address_imports(mnichovice);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].version, 3);
    EXPECT_EQ(records[0].replaced_count, 300);
    EXPECT_EQ(records[1].version, 1);
}

// RÚIAN codes are unique nationwide: a point that now belongs to another town moves there.
TEST_F(AddressStoreTest, CodeMovesToItsNewTown) {
    replace(town_points(mnichovice, 21000000, 3));
    replace({point(21000001, lomnice, 7)});
    EXPECT_EQ(store->address_count(mnichovice), 2);
    EXPECT_EQ(store->address_count(lomnice), 1);
    const auto read = stored();
    ASSERT_EQ(read.size(), 3u);
    EXPECT_EQ(read[1].code, 21000001);
    EXPECT_EQ(read[1].municipality_code, lomnice);
    EXPECT_EQ(read[1].house_number, 7);
}

TEST_F(AddressStoreTest, FailingFeedChangesNothing) {
    replace(town_points(mnichovice, 21000000, 2500));
    // The second batch fails after the town was deleted and 1000 points written.
    VectorFeed feed(town_points(mnichovice, 21000000, 2500));
    feed.fail_at = 1;
    EXPECT_THROW(store->replace_addresses(feed, t0 + 1h), core::Error);
    EXPECT_EQ(store->address_version(), 1);
    EXPECT_EQ(store->address_count(mnichovice), 2500);
    EXPECT_EQ(store->address_imports(mnichovice).size(), 1u);
    AuditFilter filter;
    filter.action = "addresses.import";
    EXPECT_EQ(store->list_audit(filter).size(), 1u);
}

TEST_F(AddressStoreTest, TownsThatDoNotMatchThePointsRollBack) {
    VectorFeed feed(town_points(mnichovice, 21000000, 10));
    feed.drop_a_town = true;
    try {
        store->replace_addresses(feed, t0);
        ADD_FAILURE() << "no error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::internal);
    }
    EXPECT_EQ(store->address_count(), 0);
    EXPECT_EQ(store->address_version(), 0);
}

// 25000 points: more than one page of for_each_address. An import committed by another
// connection while the first page is being read must not show in the later pages.
TEST_F(AddressStoreTest, ForEachReadsOneSnapshot) {
    replace(town_points(mnichovice, 21000000, 25000));
    auto other = open_store(database.setting());
    std::size_t seen = 0;
    std::size_t new_street = 0;
    store->for_each_address([&](const core::AddressPoint& p) {
        if (seen++ == 0) {
            auto changed = town_points(mnichovice, 21000000, 25000);
            for (auto& q : changed) q.street = "Nová";
            VectorFeed feed(changed);
            other->replace_addresses(feed, t0 + 1h);
        }
        new_street += p.street == "Nová" ? 1 : 0;
    });
    EXPECT_EQ(seen, 25000u);
    EXPECT_EQ(new_street, 0u);
    EXPECT_EQ(store->address_version(), 2);
    std::size_t after = 0;
    store->for_each_address([&](const core::AddressPoint& p) { after += p.street == "Nová"; });
    EXPECT_EQ(after, 25000u);
}

}  // namespace
}  // namespace okrsek::store
