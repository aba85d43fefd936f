// The search index's lifecycle on the test's engine: built from the store on first use, rebuilt
// at once after an import by this process, in the background for a large index (the old one
// answering meanwhile), after an import by another process once the version check notices, and
// only its areas when the area catalog changes.
#include "service/addresses/address_index_holder.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "service/addresses/address_book.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::service {
namespace {

using namespace std::chrono_literals;

const auto mnichovice_file = test::support_file("ruian-addresses/20181031_OB_538493_ADR.utf8.csv");
const auto lomnice_file = test::support_file("ruian-addresses/20181031_OB_577308_ADR.utf8.csv");

std::shared_ptr<const AreaCatalog> catalog_with_district(double west, double east) {
    store::AreaRow row;
    row.info.id = 7;
    row.info.layer = "districts";
    row.info.code = "M";
    row.info.name = "Mnichovice";
    geo::Polygon polygon;
    polygon.outer = {{west, 49.8}, {east, 49.8}, {east, 50.0}, {west, 50.0}, {west, 49.8}};
    row.geometry = {polygon};
    return std::make_shared<const AreaCatalog>(
        std::vector<core::LayerInfo>{{"districts", 1, 1, ""}}, std::vector<store::AreaRow>{row}, 1);
}

class AddressIndexHolderTest : public ::testing::Test {
protected:
    AddressIndexHolderTest()
        : store(store::open_store(database.setting())),
          clock(std::chrono::sys_days{std::chrono::year{2026} / 3 / 1}),
          book(*store, clock, [this] { return catalog(); }) {
        store->migrate();
    }

    std::shared_ptr<const AreaCatalog> catalog() {
        std::lock_guard lock(mutex);
        return current_catalog;
    }

    // Imports through `book`, as another process would: the holders under test never hear of
    // it but through the store's address version.
    void import(const std::filesystem::path& file) {
        AddressImportRequest request;
        request.files = {file};
        request.actor = Principal::cli();
        book.import_files(request);
    }

    std::unique_ptr<AddressIndexHolder> holder(AddressIndexSettings settings = {}) {
        return std::make_unique<AddressIndexHolder>(
            *store, [this] { return catalog(); }, local_changes, settings);
    }

    static std::size_t found(const AddressSearchSnapshot& snapshot, const std::string& text) {
        return snapshot.index->find(parse_address_query(text), 10, std::nullopt).size();
    }

    // The snapshot `holder` serves once `ready` holds, polling for up to 10 s.
    template <typename Ready>
    static std::shared_ptr<const AddressSearchSnapshot> wait_for(AddressIndexHolder& holder,
                                                                 Ready ready) {
        const auto start = std::chrono::steady_clock::now();
        auto snapshot = holder.current();
        while (!ready(*snapshot) && std::chrono::steady_clock::now() - start < 10s) {
            std::this_thread::sleep_for(20ms);
            snapshot = holder.current();
        }
        return snapshot;
    }

    test::TempDir dir;
    test::TestDatabase database{dir.path(), "holder.db"};
    std::unique_ptr<store::Store> store;
    security::ManualClock clock;
    std::mutex mutex;
    std::shared_ptr<const AreaCatalog> current_catalog;
    AddressBook book;
    std::atomic<std::uint64_t> local_changes{0};
};

TEST_F(AddressIndexHolderTest, BuildsOnFirstUseFromTheStore) {
    import(mnichovice_file);
    const auto h = holder();
    const auto snapshot = h->current();
    EXPECT_EQ(snapshot->index->address_count(), 2183U);
    EXPECT_EQ(snapshot->address_version, store->address_version());
    const auto svahova = snapshot->index->find(parse_address_query("svahova 1"), 1, {});
    ASSERT_EQ(svahova.size(), 1U);
    EXPECT_EQ(snapshot->index->address(svahova[0]).code, 21297258);
    EXPECT_EQ(h->current(), snapshot);  // nothing changed: the same snapshot
}

TEST_F(AddressIndexHolderTest, AnEmptyStoreGivesAnEmptyIndex) {
    const auto snapshot = holder()->current();
    EXPECT_EQ(snapshot->index->address_count(), 0U);
    EXPECT_EQ(found(*snapshot, "svahova 1"), 0U);
}

TEST_F(AddressIndexHolderTest, AnImportOfThisProcessIsSearchedAtOnce) {
    import(mnichovice_file);
    const auto h = holder();
    ASSERT_EQ(found(*h->current(), "zelechovska 121"), 0U);
    import(lomnice_file);
    ++local_changes;  // what AddressBook::import_files does
    const auto snapshot = h->current();
    EXPECT_EQ(snapshot->index->address_count(), 2183U + 1765U);
    EXPECT_EQ(found(*snapshot, "zelechovska 121"), 1U);
}

TEST_F(AddressIndexHolderTest, AnImportElsewhereIsNoticedByTheVersionCheck) {
    import(mnichovice_file);
    AddressIndexSettings settings;
    settings.version_check_interval = 50ms;
    const auto h = holder(settings);
    ASSERT_EQ(h->current()->index->address_count(), 2183U);
    import(lomnice_file);
    const auto snapshot =
        wait_for(*h, [](const auto& s) { return s.index->address_count() > 2183; });
    EXPECT_EQ(snapshot->index->address_count(), 2183U + 1765U);
    EXPECT_EQ(snapshot->address_version, store->address_version());
}

TEST_F(AddressIndexHolderTest, ALargeIndexIsRebuiltInTheBackgroundWhileTheOldOneAnswers) {
    import(mnichovice_file);
    AddressIndexSettings settings;
    settings.inline_rebuild_max = 0;  // every index counts as large
    const auto h = holder(settings);
    const auto old = h->current();
    import(lomnice_file);
    ++local_changes;
    // The search that notices the change is not kept waiting: it gets the old index.
    EXPECT_EQ(h->current(), old);
    const auto snapshot =
        wait_for(*h, [&](const auto& s) { return s.index->address_count() > 2183; });
    EXPECT_NE(snapshot, old);
    EXPECT_EQ(found(*snapshot, "zelechovska 121"), 1U);
}

TEST_F(AddressIndexHolderTest, ANewCatalogRecomputesTheAreasOnly) {
    import(mnichovice_file);
    const auto h = holder();
    const auto before = h->current();
    const auto svahova = before->index->find(parse_address_query("svahova 1"), 1, std::nullopt);
    ASSERT_EQ(svahova.size(), 1U);
    EXPECT_FALSE(before->areas->district(svahova[0]));
    {
        std::lock_guard lock(mutex);
        current_catalog = catalog_with_district(14.6, 14.8);
    }
    const auto after = h->current();
    EXPECT_EQ(after->index, before->index);  // the same index, new areas
    ASSERT_TRUE(after->areas->district(svahova[0]));
    EXPECT_EQ(after->areas->district(svahova[0])->info().code, "M");
    {
        std::lock_guard lock(mutex);
        current_catalog = catalog_with_district(14.0, 14.1);  // elsewhere now
    }
    EXPECT_FALSE(h->current()->areas->district(svahova[0]));
}

TEST_F(AddressIndexHolderTest, WarmUpBuildsInTheBackgroundAndDestructionStopsIt) {
    import(mnichovice_file);
    {
        const auto h = holder();
        h->warm_up();
        EXPECT_EQ(h->current()->index->address_count(), 2183U);  // waits for the warm-up
    }
    const auto h = holder();
    h->warm_up();  // destroyed at once: the build stops or finishes, nothing hangs
}

}  // namespace
}  // namespace okrsek::service
