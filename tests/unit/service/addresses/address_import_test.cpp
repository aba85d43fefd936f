// AddressBook::import_files on the test's engine: the real RÚIAN samples, re-imports by town,
// atomicity, rejected rows and the audit row.
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>

#include "core/error.hpp"
#include "service/addresses/address_book.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::service {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t mnichovice_address_import = 538493;
constexpr std::int64_t lomnice_address_import = 577308;

constexpr const char* header =
    "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;"
    "Kód části obce;Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;"
    "Číslo orientační;Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od\n";

std::string row(std::int64_t code, std::int64_t town, const std::string& town_name, int number) {
    return std::to_string(code) + ";" + std::to_string(town) + ";" + town_name +
           ";;;;;1;Část;;Svahová;č.p.;" + std::to_string(number) +
           ";;;25164;724973.12;1063270.18;2013-12-04T00:00:00\n";
}

std::filesystem::path sample(const std::string& name) {
    return test::support_file("ruian-addresses/" + name);
}

const auto mnichovice_file = sample("20181031_OB_538493_ADR.utf8.csv");
const auto lomnice_windows = sample("20181031_OB_577308_ADR.cp1250.csv");
const auto lomnice_utf8 = sample("20181031_OB_577308_ADR.utf8.csv");

class AddressImportTest : public ::testing::Test {
protected:
    AddressImportTest()
        : store(store::open_store(database.setting())),
          clock(std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + 9h),
          book(*store, clock, [] { return std::shared_ptr<const AreaCatalog>(); }) {
        store->migrate();
    }

    AddressImportReport import(std::vector<std::filesystem::path> files,
                               std::uint64_t max_rejected = 1000) {
        AddressImportRequest request;
        request.files = std::move(files);
        request.actor = Principal::cli();
        request.max_rejected_rows = max_rejected;
        return book.import_files(request);
    }

    core::Error import_error(std::vector<std::filesystem::path> files,
                             std::uint64_t max_rejected = 1000) {
        try {
            import(std::move(files), max_rejected);
        } catch (const core::Error& error) {
            return error;
        }
        ADD_FAILURE() << "no error";
        return core::Error(core::ErrorCode::internal, "no error");
    }

    std::filesystem::path write(const std::string& name, const std::string& text) {
        auto path = dir.path() / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    // Every stored point as text, by code.
    std::vector<std::string> stored(std::optional<std::int64_t> town = std::nullopt) {
        std::vector<std::string> rows;
        store->for_each_address([&](const core::AddressPoint& p) {
            if (town && p.municipality_code != *town) return;
            rows.push_back(std::to_string(p.code) + "|" + p.municipality_name + "|" + p.part_name +
                           "|" + p.street + "|" + std::to_string(p.house_number) + "/" +
                           std::to_string(p.orientation_number) + p.orientation_letter + "|" +
                           (p.position ? std::to_string(p.position->lon) + "," +
                                             std::to_string(p.position->lat)
                                       : "-"));
        });
        return rows;
    }

    std::size_t audit_rows() {
        store::AuditFilter filter;
        filter.action = "addresses.import";
        return store->list_audit(filter).size();
    }

    test::TempDir dir;
    test::TestDatabase database{dir.path(), "addresses.db", test::PgStart::migrated};
    std::unique_ptr<store::Store> store;
    security::ManualClock clock;
    AddressBook book;
};

TEST_F(AddressImportTest, ImportsBothSamples) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> progress;
    std::mutex mutex;
    AddressImportRequest request;
    request.files = {mnichovice_file, lomnice_windows};
    request.actor = Principal::cli();
    request.progress = [&](std::uint64_t done, std::uint64_t total) {
        std::lock_guard lock(mutex);
        progress.emplace_back(done, total);
    };
    const auto report = book.import_files(request);

    EXPECT_EQ(report.rows_read, 3948u);
    EXPECT_EQ(report.rows_imported, 3948u);
    EXPECT_EQ(report.rows_without_position, 53u);
    EXPECT_EQ(report.rows_rejected, 0u);
    EXPECT_EQ(report.address_version, 1);
    const auto total =
        std::filesystem::file_size(mnichovice_file) + std::filesystem::file_size(lomnice_windows);
    EXPECT_EQ(report.bytes_read, total);
    ASSERT_EQ(report.files.size(), 2u);
    EXPECT_EQ(report.files[0].encoding, "UTF-8");
    EXPECT_EQ(report.files[1].encoding, "windows-1250");
    EXPECT_EQ(report.files[1].header, "2018 (Kód MOP)");
    EXPECT_EQ(report.files[1].rows_read, 1765u);
    ASSERT_EQ(report.towns.size(), 2u);
    EXPECT_EQ(report.towns[0].municipality_code, mnichovice_address_import);
    EXPECT_EQ(report.towns[0].municipality_name, "Mnichovice");
    EXPECT_EQ(report.towns[0].imported, 2183u);
    EXPECT_EQ(report.towns[0].without_position, 53u);
    EXPECT_EQ(report.towns[1].municipality_name, "Lomnice nad Popelkou");
    EXPECT_EQ(report.towns[1].imported, 1765u);

    EXPECT_EQ(store->address_count(mnichovice_address_import), 2183);
    EXPECT_EQ(store->address_count(lomnice_address_import), 1765);
    ASSERT_FALSE(progress.empty());
    for (std::size_t i = 1; i < progress.size(); ++i) {
        EXPECT_LE(progress[i - 1].first, progress[i].first);
    }
    EXPECT_EQ(progress.back(), std::make_pair(std::uint64_t{total}, std::uint64_t{total}));
}

TEST_F(AddressImportTest, BothEncodingsStoreIdenticalRows) {
    import({lomnice_windows});
    const auto from_windows = stored();
    import({lomnice_utf8});
    EXPECT_EQ(stored(), from_windows);
    ASSERT_EQ(from_windows.size(), 1765u);
    const auto records = store->address_imports(lomnice_address_import);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].town.fingerprint, records[1].town.fingerprint);
    EXPECT_EQ(records[0].replaced_count, 1765);
    EXPECT_EQ(store->address_version(), 2);
}

TEST_F(AddressImportTest, ReimportReplacesOneTownWhileAnotherStays) {
    import({mnichovice_file, lomnice_utf8});
    const auto mnichovice_before = stored(mnichovice_address_import);
    std::ifstream in(lomnice_utf8);
    std::string text, line;
    for (int i = 0; i < 101 && std::getline(in, line); ++i) text += line + "\n";
    const auto report = import({write("lomnice-100.csv", text)});
    EXPECT_EQ(report.rows_imported, 100u);
    EXPECT_EQ(report.replaced, 1765);
    EXPECT_EQ(store->address_count(lomnice_address_import), 100);
    EXPECT_EQ(stored(mnichovice_address_import), mnichovice_before);
    EXPECT_EQ(store->address_version(), 2);
}

TEST_F(AddressImportTest, FatalErrorLeavesThePreviousAddresses) {
    import({mnichovice_file, lomnice_utf8});
    const auto before = stored();
    const auto bad = write("bad.csv", "Kód ADM;Kód obce\n1;2\n");
    const auto error = import_error({lomnice_windows, bad});
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
    EXPECT_NE(std::string(error.what()).find("bad.csv line 1: not a RÚIAN address point header"),
              std::string::npos)
        << error.what();
    EXPECT_EQ(stored(), before);
    EXPECT_EQ(store->address_version(), 1);
    EXPECT_EQ(audit_rows(), 1u);
}

TEST_F(AddressImportTest, TooManyRejectedRowsImportNothing) {
    const std::string good = row(1, mnichovice_address_import, "Mnichovice", 1);
    const auto file = write("a.csv", std::string(header) + good + "x;1\n" + good + "y;2\n");
    const auto error = import_error({file}, 1);
    EXPECT_EQ(std::string(error.what()),
              "more than 1 rows rejected, nothing imported; the first: " + file.string() +
                  " line 3: expected 19 fields, found 2");
    EXPECT_EQ(store->address_count(), 0);
    EXPECT_EQ(store->address_version(), 0);
}

TEST_F(AddressImportTest, RejectedRowsAreReportedWithFileAndLine) {
    const auto a =
        write("a.csv", std::string(header) + row(1, mnichovice_address_import, "Mnichovice", 1) +
                           row(2, mnichovice_address_import, "Mnichovice", 2));
    const auto b =
        write("b.csv", std::string(header) + row(3, mnichovice_address_import, "Mnichovice", 3) +
                           row(1, mnichovice_address_import, "Mnichovice", 4) +
                           row(4, mnichovice_address_import, "Mnichovický", 5) +
                           row(5, lomnice_address_import, "Lomnice nad Popelkou", 6));
    const auto report = import({a, b});
    EXPECT_EQ(report.rows_read, 6u);
    EXPECT_EQ(report.rows_imported, 4u);
    EXPECT_EQ(report.rows_rejected, 2u);
    ASSERT_EQ(report.rejections.size(), 2u);
    EXPECT_EQ(report.rejections[0].file, b.string());
    EXPECT_EQ(report.rejections[0].line, 3u);
    EXPECT_EQ(report.rejections[0].reason, "Kód ADM 1 appears earlier in the import");
    EXPECT_EQ(report.rejections[1].line, 4u);
    EXPECT_EQ(report.rejections[1].reason,
              "Kód obce 538493 is named 'Mnichovice' elsewhere in the import");
    ASSERT_EQ(report.towns.size(), 2u);
    EXPECT_EQ(report.towns[0].imported, 3u);
    EXPECT_EQ(store->address_count(), 4);
}

TEST_F(AddressImportTest, AuditRowHasCountsButNoAddresses) {
    import({mnichovice_file});
    store::AuditFilter filter;
    filter.action = "addresses.import";
    const auto rows = store->list_audit(filter);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].actor_kind, store::ActorKind::cli);
    EXPECT_EQ(rows[0].municipality_code, mnichovice_address_import);
    EXPECT_EQ(rows[0].object_id, "538493");
    EXPECT_EQ(rows[0].details_json,
              "{\"files\":1,\"rows_read\":2183,\"imported\":2183,\"without_position\":53,"
              "\"rejected\":0,\"towns\":1}");
}

TEST_F(AddressImportTest, OnlyTheCommandLineImports) {
    AddressImportRequest request;
    request.files = {mnichovice_file};
    try {
        book.import_files(request);
        ADD_FAILURE() << "no error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::forbidden);
    }
    EXPECT_EQ(store->address_count(), 0);
}

TEST_F(AddressImportTest, NothingImportableIsAnError) {
    const auto file = write("bad-rows.csv", std::string(header) + "1;2\n");
    const auto error = import_error({file});
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
    EXPECT_EQ(std::string(error.what()), "no address point could be imported; " + file.string() +
                                             " line 2: expected 19 fields, found 2");
    EXPECT_EQ(store->address_version(), 0);
}

TEST_F(AddressImportTest, UnreadableFilesAreRefusedBeforeAnythingHappens) {
    EXPECT_EQ(import_error({dir.path() / "missing.csv"}).code(), core::ErrorCode::invalid_input);
    EXPECT_EQ(import_error({}).code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(store->address_version(), 0);
}

}  // namespace
}  // namespace okrsek::service
