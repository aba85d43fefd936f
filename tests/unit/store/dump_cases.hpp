#pragma once

// Store::dump / restore / migrate_to on every engine. A test file instantiates these cases with
// a Backend type that owns fresh empty databases and opens stores on them:
//   struct Backend {
//       static constexpr std::string_view engine = "…";
//       std::unique_ptr<Store> open();            // the source database
//       std::unique_ptr<Store> open_target();     // a second, separate database
//       std::unique_ptr<Store> open_spare();      // a third one, left unmigrated
//       std::vector<std::string> tables();        // every table of the source database
//   };

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/dump.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace okrsek::store::dump_cases {

/// A whole dump in memory.
struct CapturedTable {
    TableHeader header;
    std::vector<std::vector<Value>> rows;
    friend bool operator==(const CapturedTable&, const CapturedTable&) = default;
};
using Captured = std::vector<CapturedTable>;

class CaptureSink final : public RowSink {
public:
    void table(const TableHeader& header) override { tables.push_back({header, {}}); }
    void row(std::span<const Value> values) override {
        tables.back().rows.emplace_back(values.begin(), values.end());
    }
    Captured tables;
};

/// Replays a captured dump; `before_row(table, index)` may throw to simulate bad input.
class ReplaySource final : public RowSource {
public:
    explicit ReplaySource(Captured tables) : m_tables(std::move(tables)) {}
    std::function<void(const std::string&, std::size_t)> before_row;

    std::optional<TableHeader> next_table() override {
        if (m_table == m_tables.size()) return std::nullopt;
        ++m_table;
        m_row = 0;
        return m_tables[m_table - 1].header;
    }
    bool next_row(std::vector<Value>& values) override {
        const auto& table = m_tables[m_table - 1];
        if (m_row >= table.rows.size()) return false;
        if (before_row) before_row(table.header.name, m_row);
        values = table.rows[m_row++];
        return true;
    }

private:
    Captured m_tables;
    std::size_t m_table = 0;  ///< tables handed out so far; the current one is m_table - 1
    std::size_t m_row = 0;
};

inline Captured dump_of(Store& store) {
    CaptureSink sink;
    store.dump(sink);
    return sink.tables;
}

inline std::int64_t row_count(const Captured& dump) {
    std::int64_t rows = 0;
    for (const auto& table : dump) rows += static_cast<std::int64_t>(table.rows.size());
    return rows;
}

template <typename Dump>
auto& table_of(Dump& dump, std::string_view name) {
    const auto found = std::find_if(dump.begin(), dump.end(),
                                    [&](const auto& table) { return table.header.name == name; });
    if (found == dump.end()) throw std::runtime_error("no table " + std::string(name));
    return *found;
}

inline const Value& column_of(const CapturedTable& table, std::size_t row, std::string_view name) {
    const auto& columns = table.header.columns;
    const auto index = std::find(columns.begin(), columns.end(), name) - columns.begin();
    return table.rows.at(row).at(static_cast<std::size_t>(index));
}

inline geo::MultiPolygon square(double lon, double lat, double size) {
    return {geo::Polygon{
        {{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}},
        {}}};
}

// Values that break lossy copies: doubles that need 17 digits, a tiny and a huge one,
// multi-byte UTF-8 with quotes, backslashes and control characters, NULLs (the whole-layer
// import of `municipalities` has no municipality code).
inline void populate(Store& store) {
    const std::vector<core::Municipality> towns{{999999, "Testov \"Nové\" Město"},
                                                {554782, "Praha 🏰"}};
    std::vector<NewArea> districts{
        {999999, "W", "Západ\\Sever\n\ttab", R"({"x":"ž"})", square(0.1 + 0.2, 50.0, 0.1)},
        {999999, "E", "Východ", "{}", square(14.123456789012345, 1e-300, 1e-10)},
        {554782, "P1", "Praha 1", "{}", square(-179.99999999999997, -89.5, 1e150)},
        {554782, "Z", "Zmizí", "{}", square(15, 50, 0.1)}};
    store.replace_areas({"districts", std::nullopt}, districts, towns, "fingerprint-1");
    store.replace_areas({"municipalities", std::nullopt},
                        std::vector{NewArea{999999, "999999", "Testov", "{}", square(14, 50, 0.2)}},
                        {}, "fingerprint-2");
    // A re-import that removes an area leaves a gap in the ids, which must survive too.
    districts.pop_back();
    store.replace_areas({"districts", std::nullopt}, districts, {}, "fingerprint-3");
}

template <typename Action>
core::Error error_of(Action&& action) {
    try {
        action();
    } catch (const core::Error& error) {
        return error;
    }
    ADD_FAILURE() << "expected a core::Error";
    return core::Error(core::ErrorCode::internal, "no error");
}

template <typename Backend>
class DumpContract : public ::testing::Test {
protected:
    DumpContract() : m_source(m_backend.open()), m_target(m_backend.open_target()) {
        m_source->migrate();
        m_target->migrate();
    }
    Backend m_backend;
    std::unique_ptr<Store> m_source;
    std::unique_ptr<Store> m_target;
};

TYPED_TEST_SUITE_P(DumpContract);

TYPED_TEST_P(DumpContract, PortableTablesNameEveryTableOfTheSchemaButMigrations) {
    std::set<std::string> expected{"schema_migrations"};
    for (const auto table : portable_tables()) expected.insert(std::string(table));
    const auto tables = this->m_backend.tables();
    EXPECT_EQ(std::set<std::string>(tables.begin(), tables.end()), expected)
        << "a migration added a table: add it to portable_tables() in foreign-key order";
}

TYPED_TEST_P(DumpContract, DumpsEveryPortableTableInOrderAndRowsByKey) {
    populate(*this->m_source);
    const Captured dump = dump_of(*this->m_source);
    ASSERT_EQ(dump.size(), portable_tables().size());
    for (std::size_t i = 0; i < dump.size(); ++i) {
        EXPECT_EQ(dump[i].header.name, portable_tables()[i]);
    }
    const auto& areas = table_of(dump, "areas");
    ASSERT_EQ(areas.rows.size(), 4u);
    for (std::size_t row = 1; row < areas.rows.size(); ++row) {
        EXPECT_LT(std::get<std::int64_t>(column_of(areas, row - 1, "id")),
                  std::get<std::int64_t>(column_of(areas, row, "id")));
    }
    EXPECT_TRUE(std::holds_alternative<Blob>(column_of(areas, 0, "geometry")));
    EXPECT_TRUE(std::holds_alternative<double>(column_of(areas, 0, "min_lon")));
    const auto& imports = table_of(dump, "layer_imports");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(column_of(imports, 0, "municipality_code")));
}

TYPED_TEST_P(DumpContract, RestoreReproducesEveryValueAndId) {
    populate(*this->m_source);
    const Captured original = dump_of(*this->m_source);
    ReplaySource source(original);
    const auto counts = this->m_target->restore(source);
    ASSERT_EQ(counts.size(), original.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        EXPECT_EQ(counts[i].table, original[i].header.name);
        EXPECT_EQ(counts[i].rows, static_cast<std::int64_t>(original[i].rows.size()));
    }
    EXPECT_EQ(dump_of(*this->m_target), original);
    // Read back through the ordinary API too: same ids, names, bytes and bits.
    const auto before = this->m_source->load_areas();
    const auto after = this->m_target->load_areas();
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        EXPECT_EQ(after[i].info.id, before[i].info.id);
        EXPECT_EQ(after[i].info.name, before[i].info.name);
        EXPECT_EQ(after[i].info.properties_json, before[i].info.properties_json);
        EXPECT_EQ(after[i].geometry[0].outer, before[i].geometry[0].outer);
    }
    EXPECT_EQ(this->m_target->municipalities().at(0).name, "Praha 🏰");
    EXPECT_EQ(this->m_target->catalog_version(), this->m_source->catalog_version());
    EXPECT_EQ(this->m_target->import_fingerprint({"districts", std::nullopt}), "fingerprint-3");
}

TYPED_TEST_P(DumpContract, DoublesKeepEveryBit) {
    populate(*this->m_source);
    const Captured dump = dump_of(*this->m_source);
    const auto& areas = table_of(dump, "areas");
    // Rows by id: W, E, P1, then the municipality (Z is gone).
    EXPECT_EQ(std::get<double>(column_of(areas, 0, "min_lon")), 0.1 + 0.2);
    EXPECT_EQ(std::get<double>(column_of(areas, 1, "min_lon")), 14.123456789012345);
    EXPECT_EQ(std::get<double>(column_of(areas, 1, "min_lat")), 1e-300);
    EXPECT_EQ(std::get<double>(column_of(areas, 2, "min_lon")), -179.99999999999997);
    EXPECT_EQ(std::get<double>(column_of(areas, 2, "max_lat")), -89.5 + 1e150);
    // And after a restore.
    ReplaySource source(dump_of(*this->m_source));
    this->m_target->restore(source);
    const Captured restored = dump_of(*this->m_target);
    EXPECT_EQ(std::get<double>(column_of(table_of(restored, "areas"), 0, "min_lon")), 0.1 + 0.2);
}

TYPED_TEST_P(DumpContract, RestoreIntoANonEmptyDatabaseIsRefusedAndChangesNothing) {
    populate(*this->m_source);
    this->m_target->replace_areas({"other", std::nullopt},
                                  std::vector{NewArea{1, "X", "X", "{}", square(1, 1, 1)}},
                                  std::vector<core::Municipality>{{1, "Jinov"}}, "f");
    const Captured before = dump_of(*this->m_target);
    ReplaySource source(dump_of(*this->m_source));
    const auto error = error_of([&] { this->m_target->restore(source); });
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    EXPECT_NE(std::string(error.what()).find("empty database"), std::string::npos) << error.what();
    EXPECT_EQ(dump_of(*this->m_target), before);
}

TYPED_TEST_P(DumpContract, ARowViolatingAForeignKeyMidwayLeavesTheTargetEmpty) {
    populate(*this->m_source);
    Captured dump = dump_of(*this->m_source);
    auto& areas = table_of(dump, "areas");
    const auto layer_column = static_cast<std::size_t>(
        std::find(areas.header.columns.begin(), areas.header.columns.end(), "layer_id") -
        areas.header.columns.begin());
    areas.rows.back()[layer_column] = std::int64_t{424242};  // no such layer
    ReplaySource source(dump);
    EXPECT_EQ(error_of([&] { this->m_target->restore(source); }).code(),
              core::ErrorCode::invalid_input);
    EXPECT_EQ(row_count(dump_of(*this->m_target)), 0);
    // The failed restore left nothing behind that would block a correct one.
    ReplaySource again(dump_of(*this->m_source));
    EXPECT_NO_THROW(this->m_target->restore(again));
}

TYPED_TEST_P(DumpContract, AColumnMismatchInALaterTableLeavesTheTargetEmpty) {
    populate(*this->m_source);
    Captured dump = dump_of(*this->m_source);
    auto& imports = table_of(dump, "layer_imports");
    imports.header.columns.back() = "imported_when";
    ReplaySource source(dump);
    const auto error = error_of([&] { this->m_target->restore(source); });
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
    EXPECT_NE(std::string(error.what()).find("imported_when"), std::string::npos) << error.what();
    EXPECT_EQ(row_count(dump_of(*this->m_target)), 0);
}

TYPED_TEST_P(DumpContract, ASourceFailingMidwayLeavesTheTargetEmpty) {
    populate(*this->m_source);
    ReplaySource source(dump_of(*this->m_source));
    source.before_row = [](const std::string& table, std::size_t row) {
        if (table == "areas" && row == 1) {
            throw core::Error(core::ErrorCode::invalid_input, "line 9: broken");
        }
    };
    EXPECT_EQ(std::string(error_of([&] { this->m_target->restore(source); }).what()),
              "line 9: broken");
    EXPECT_EQ(row_count(dump_of(*this->m_target)), 0);
}

TYPED_TEST_P(DumpContract, TablesOutOfOrderOrUnknownAreRejected) {
    populate(*this->m_source);
    const Captured dump = dump_of(*this->m_source);
    Captured swapped = dump;
    std::swap(swapped[0], swapped[1]);
    ReplaySource out_of_order(swapped);
    const auto order = error_of([&] { this->m_target->restore(out_of_order); });
    EXPECT_EQ(order.code(), core::ErrorCode::invalid_input);
    EXPECT_NE(std::string(order.what()).find("out of order"), std::string::npos) << order.what();

    Captured unknown = dump;
    unknown[2].header.name = "no_such_table";
    ReplaySource unknown_source(unknown);
    const auto error = error_of([&] { this->m_target->restore(unknown_source); });
    EXPECT_NE(std::string(error.what()).find("unknown table 'no_such_table'"), std::string::npos)
        << error.what();
    EXPECT_EQ(row_count(dump_of(*this->m_target)), 0);
}

TYPED_TEST_P(DumpContract, InsertsAfterARestoreGetFreshIds) {
    populate(*this->m_source);
    const Captured original = dump_of(*this->m_source);
    ReplaySource source(original);
    this->m_target->restore(source);
    std::int64_t highest_area = 0;
    for (const auto& area : this->m_source->load_areas()) {
        highest_area = std::max(highest_area, area.info.id);
    }
    // A re-import adds an area and a layer: both need ids past the restored ones.
    auto& target = *this->m_target;
    target.replace_areas({"districts", std::nullopt},
                         std::vector{NewArea{999999, "E", "Východ", "{}", square(14.1, 50, 0.1)},
                                     NewArea{554782, "P1", "Praha 1", "{}", square(14.4, 50, 0.1)},
                                     NewArea{554782, "P2", "Praha 2", "{}", square(14.5, 50, 0.1)}},
                         {}, "fingerprint-4");
    target.replace_areas({"city_parts", 554782},
                         std::vector{NewArea{554782, "1", "Praha 1", "{}", square(14.4, 50, 0.1)}},
                         {}, "fingerprint-5");
    const auto areas = target.load_areas();
    ASSERT_EQ(areas.size(), 5u);
    std::set<std::int64_t> ids;
    for (const auto& area : areas) ids.insert(area.info.id);
    EXPECT_EQ(ids.size(), 5u);
    EXPECT_EQ(*ids.rbegin(), highest_area + 2);
    EXPECT_EQ(target.layers().size(), 3u);
}

TYPED_TEST_P(DumpContract, ADumpReadsOneSnapshot) {
    populate(*this->m_source);
    const auto areas_before = this->m_source->load_areas().size();
    // An import commits while the dump is half way (after the first table).
    class ImportingSink final : public RowSink {
    public:
        explicit ImportingSink(Store& store) : m_store(store) {}
        void table(const TableHeader& header) override {
            if (header.name == "layers") {
                m_store.replace_areas(
                    {"late", std::nullopt},
                    std::vector{NewArea{999999, "L", "Late", "{}", square(14, 50, 0.1)}}, {}, "f");
            }
            m_capture.table(header);
        }
        void row(std::span<const Value> values) override { m_capture.row(values); }
        CaptureSink m_capture;

    private:
        Store& m_store;
    } sink(*this->m_source);
    this->m_source->dump(sink);
    EXPECT_EQ(table_of(sink.m_capture.tables, "areas").rows.size(), areas_before);
    EXPECT_EQ(table_of(sink.m_capture.tables, "layers").rows.size(), 2u);
    EXPECT_EQ(this->m_source->load_areas().size(), areas_before + 1);
}

TYPED_TEST_P(DumpContract, MigrateToStopsAtTheGivenVersion) {
    auto fresh = this->m_backend.open_spare();
    EXPECT_TRUE(dump_of(*fresh).empty());  // an empty schema has no tables to dump
    EXPECT_EQ(fresh->migrate_to(0), 0);
    EXPECT_EQ(fresh->schema_version(), 0);
    EXPECT_EQ(fresh->migrate_to(1), 1);
    EXPECT_EQ(fresh->schema_version(), 1);
    EXPECT_EQ(fresh->migrate(), latest_schema_version() - 1);
    EXPECT_EQ(error_of([&] { fresh->migrate_to(latest_schema_version() + 1); }).code(),
              core::ErrorCode::invalid_argument);
}

REGISTER_TYPED_TEST_SUITE_P(DumpContract, PortableTablesNameEveryTableOfTheSchemaButMigrations,
                            DumpsEveryPortableTableInOrderAndRowsByKey,
                            RestoreReproducesEveryValueAndId, DoublesKeepEveryBit,
                            RestoreIntoANonEmptyDatabaseIsRefusedAndChangesNothing,
                            ARowViolatingAForeignKeyMidwayLeavesTheTargetEmpty,
                            AColumnMismatchInALaterTableLeavesTheTargetEmpty,
                            ASourceFailingMidwayLeavesTheTargetEmpty,
                            TablesOutOfOrderOrUnknownAreRejected, InsertsAfterARestoreGetFreshIds,
                            ADumpReadsOneSnapshot, MigrateToStopsAtTheGivenVersion);

}  // namespace okrsek::store::dump_cases
