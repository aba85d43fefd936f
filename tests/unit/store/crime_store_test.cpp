// CrimeStore on the test's engine (SQLite or PostgreSQL): code lists, incident writes with
// update in place and repeats, atomicity, paged reading, re-assignment, audit rows.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "core/error.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::store {
namespace {

using namespace std::chrono_literals;

const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + 9h;

AuditEntry cli_entry(std::string action) {
    AuditEntry entry;
    entry.actor_kind = ActorKind::cli;
    entry.action = std::move(action);
    entry.object_type = "crime_source";
    entry.object_id = "test";
    return entry;
}

NewIncident incident(std::string id, std::vector<std::int64_t> types, std::int64_t state = 1) {
    NewIncident n;
    n.external_id = std::move(id);
    n.occurred_at = "2020-11-02T15:58:00Z";
    n.local_offset_min = 60;
    n.lon_e7 = 144329700;
    n.lat_e7 = 500607460;
    n.state = state;
    n.relevance = 2;
    n.municipality_code = 554782;
    n.types = std::move(types);
    return n;
}

// Hands out `incidents` in batches of `batch_size`; throws before batch `fail_at` if set.
class VectorFeed final : public IncidentFeed {
public:
    explicit VectorFeed(std::vector<NewIncident> incidents, std::size_t batch_size = 2)
        : m_incidents(std::move(incidents)), m_batch_size(batch_size) {}

    bool next_batch(std::vector<NewIncident>& batch) override {
        batch.clear();
        if (fail_at && m_batches == *fail_at) {
            throw core::Error(core::ErrorCode::invalid_input, "feed failed");
        }
        ++m_batches;
        for (; m_next < m_incidents.size() && batch.size() < m_batch_size; ++m_next) {
            batch.push_back(m_incidents[m_next]);
        }
        return !batch.empty();
    }
    AuditEntry audit_entry() override { return cli_entry("incidents.import"); }

    std::optional<std::size_t> fail_at;

private:
    std::vector<NewIncident> m_incidents;
    std::size_t m_batch_size;
    std::size_t m_next = 0;
    std::size_t m_batches = 0;
};

class CrimeStoreTest : public ::testing::Test {
protected:
    void SetUp() override { store->migrate(); }

    IncidentWriteResult write(std::vector<NewIncident> incidents, std::string_view source = "s1") {
        VectorFeed feed(std::move(incidents));
        return store->write_incidents(source, feed, t0);
    }

    test::TempDir dir;
    test::TestDatabase database{dir.path(), "crime.db", test::PgStart::migrated};
    std::unique_ptr<Store> store = open_store(database.setting());
};

TEST_F(CrimeStoreTest, CodeListsAreReplacedWithHierarchyAndSensitiveMarks) {
    std::vector<CrimeCode> types{{1, std::nullopt, 1, "NÁSILNÁ TRESTNÁ ČINNOST", "", false},
                                 {2, 1, 2, "vražda", "", false},
                                 {3, 2, 3, "znásilnění", "x", true}};
    auto result = store->replace_crime_codes("policie-cz", CrimeCodeList::types, types,
                                             cli_entry("crime_codes.import"), t0);
    EXPECT_EQ(result.inserted, 3);
    auto stored = store->crime_codes("policie-cz", CrimeCodeList::types);
    ASSERT_EQ(stored.size(), 3u);
    EXPECT_EQ(stored[2].parent_code, 2);
    EXPECT_EQ(stored[2].level, 3);
    EXPECT_TRUE(stored[2].sensitive);
    EXPECT_FALSE(stored[0].parent_code.has_value());

    types[1].name = "vražda (úmyslná)";
    types.pop_back();
    result = store->replace_crime_codes("policie-cz", CrimeCodeList::types, types,
                                        cli_entry("crime_codes.import"), t0);
    EXPECT_EQ(result.inserted, 0);
    EXPECT_EQ(result.updated, 1);
    EXPECT_EQ(result.removed, 1);
    EXPECT_EQ(store->crime_codes("policie-cz", CrimeCodeList::types)[1].name, "vražda (úmyslná)");
    // Lists of another kind and source are apart.
    EXPECT_TRUE(store->crime_codes("policie-cz", CrimeCodeList::states).empty());
    EXPECT_TRUE(store->crime_codes("other", CrimeCodeList::types).empty());

    store->set_crime_type_sensitive("policie-cz", 1, true, cli_entry("crime_type.mark"), t0);
    EXPECT_TRUE(store->crime_codes("policie-cz", CrimeCodeList::types)[0].sensitive);
    EXPECT_EQ(store->list_audit({}).size(), 3u);
    try {
        store->set_crime_type_sensitive("policie-cz", 99, true, cli_entry("x"), t0);
        ADD_FAILURE() << "no error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::not_found);
    }
    EXPECT_THROW(
        store->replace_crime_codes("Bad Name", CrimeCodeList::states, {}, cli_entry("x"), t0),
        core::Error);
    const std::vector<CrimeCode> twice{{5, std::nullopt, 1, "a", "", false},
                                       {5, std::nullopt, 1, "b", "", false}};
    EXPECT_THROW(
        store->replace_crime_codes("policie-cz", CrimeCodeList::states, twice, cli_entry("x"), t0),
        core::Error);
}

TEST_F(CrimeStoreTest, ReWritingUpdatesInPlaceAndReplacesTypes) {
    auto first = write({incident("10", {1, 5}), incident("11", {97}), incident("12", {35, 48})});
    EXPECT_EQ(first.inserted, 3);
    EXPECT_EQ(first.updated, 0);
    EXPECT_EQ(store->incident_count(), 3);
    EXPECT_EQ(store->incident_type_count(), 5);
    const auto before = store->find_incident("s1", "10");
    ASSERT_TRUE(before);

    auto second = write({incident("10", {1, 6}, 3), incident("13", {97})});
    EXPECT_EQ(second.inserted, 1);
    EXPECT_EQ(second.updated, 1);
    EXPECT_GT(second.version, first.version);
    EXPECT_EQ(store->incident_count(), 4);
    const auto after = store->find_incident("s1", "10");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->id, before->id);
    EXPECT_EQ(after->incident.state, 3);
    EXPECT_EQ(after->incident.types, (std::vector<std::int64_t>{1, 6}));
    EXPECT_EQ(store->incident_type_count(), 6);

    // The same id in another source is another incident.
    write({incident("10", {2})}, "s2");
    EXPECT_EQ(store->incident_count(), 5);
    EXPECT_EQ(store->incident_count("s2"), 1);
    EXPECT_EQ(store->crime_sources(), (std::vector<std::string>{"s1", "s2"}));
}

TEST_F(CrimeStoreTest, RepeatsAddTypesToTheIncidentWrittenEarlier) {
    auto repeat = incident("20", {7, 1});
    repeat.repeat = true;
    // 20 first in batch one, its repeat in batch two (batches of 2).
    write({incident("20", {1}), incident("21", {2}), repeat});
    EXPECT_EQ(store->incident_count(), 2);
    EXPECT_EQ(store->find_incident("s1", "20")->incident.types, (std::vector<std::int64_t>{1, 7}));
    // In the same batch, on a source that has incidents already.
    auto again = incident("22", {9});
    again.repeat = true;
    write({incident("22", {8}), again});
    EXPECT_EQ(store->find_incident("s1", "22")->incident.types, (std::vector<std::int64_t>{8, 9}));
}

TEST_F(CrimeStoreTest, AFailingFeedChangesNothing) {
    write({incident("1", {1})});
    const auto version = store->crime_version();
    VectorFeed feed({incident("1", {2}, 4), incident("2", {2}), incident("3", {3})});
    feed.fail_at = 1;
    EXPECT_THROW(store->write_incidents("s1", feed, t0), core::Error);
    EXPECT_EQ(store->incident_count(), 1);
    EXPECT_EQ(store->find_incident("s1", "1")->incident.state, 1);
    EXPECT_EQ(store->find_incident("s1", "1")->incident.types, (std::vector<std::int64_t>{1}));
    EXPECT_EQ(store->crime_version(), version);
    // A bad incident (no types) fails the write too.
    EXPECT_THROW(write({incident("5", {})}), core::Error);
    EXPECT_EQ(store->incident_count(), 1);
}

TEST_F(CrimeStoreTest, ReadsEveryIncidentWithItsTypesAndReassigns) {
    std::vector<NewIncident> many;
    for (int i = 0; i < 50; ++i) many.push_back(incident(std::to_string(i), {i % 3 + 1, 97}));
    write(many);
    std::map<std::string, StoredIncident> seen;
    store->for_each_incident([&](const StoredIncident& s) { seen[s.incident.external_id] = s; });
    ASSERT_EQ(seen.size(), 50u);
    EXPECT_EQ(seen["7"].incident.types, (std::vector<std::int64_t>{2, 97}));
    EXPECT_EQ(seen["7"].source, "s1");
    EXPECT_EQ(seen["7"].incident.occurred_at, "2020-11-02T15:58:00Z");
    EXPECT_EQ(seen["7"].incident.local_offset_min, 60);
    EXPECT_EQ(seen["7"].incident.municipality_code, 554782);

    // Every even id moves to district 5; the rest stay.
    const auto changed = store->reassign_incidents(
        [&](std::span<IncidentPlace> page) {
            for (auto& place : page) {
                if (place.id % 2 == 0) place.district_id = 5;
            }
        },
        cli_entry("incidents.reassign"), t0);
    EXPECT_EQ(changed, 25);
    std::size_t in_5 = 0;
    store->for_each_incident([&](const StoredIncident& s) {
        in_5 += s.incident.district_id == 5 ? 1 : 0;
        EXPECT_EQ(s.incident.municipality_code, 554782);
    });
    EXPECT_EQ(in_5, 25u);
}

}  // namespace
}  // namespace okrsek::store
