#pragma once

// The Store contract, run on every engine: a test file instantiates these cases with a
// Backend type that owns a fresh empty database and opens stores on it:
//   struct Backend { static constexpr std::string_view engine = "…";
//                    std::unique_ptr<Store> open(); };

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace okrsek::store::cases {

inline geo::MultiPolygon square(double lon, double lat, double size) {
    return {geo::Polygon{
        {{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}},
        {}}};
}

inline NewArea area(std::string code, double lon) {
    return NewArea{999999, std::move(code), "Area", R"({"a":1})", square(lon, 50.0, 0.1)};
}

template <typename Action>
core::ErrorCode error_code_of(Action&& action) {
    try {
        action();
    } catch (const core::Error& error) {
        return error.code();
    }
    ADD_FAILURE() << "expected a core::Error";
    return core::ErrorCode::internal;
}

template <typename Backend>
class StoreContract : public ::testing::Test {
protected:
    StoreContract() : m_store(m_backend.open()) { m_store->migrate(); }
    Backend m_backend;
    std::unique_ptr<Store> m_store;
    const std::vector<core::Municipality> m_towns{{999999, "Testov"}};
};

TYPED_TEST_SUITE_P(StoreContract);

TYPED_TEST_P(StoreContract, MigratesOnceAndReportsTheVersion) {
    auto& store = *this->m_store;
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
    EXPECT_EQ(store.migrate(), 0);
    EXPECT_EQ(store.engine(), TypeParam::engine);
    EXPECT_NO_THROW(store.ping());
}

TYPED_TEST_P(StoreContract, ReplaceInsertsAndRoundTripsGeometry) {
    auto& store = *this->m_store;
    const std::vector<NewArea> areas{area("A", 14.0), area("B", 14.1)};
    const auto result = store.replace_areas({"districts", 999999}, areas, this->m_towns, "f1");
    EXPECT_EQ(result.inserted, 2u);
    EXPECT_EQ(result.layer_version, 1);
    const auto rows = store.load_areas("districts");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].info.code, "A");
    EXPECT_EQ(rows[0].info.layer, "districts");
    EXPECT_EQ(rows[0].info.municipality_code, 999999);
    EXPECT_EQ(rows[0].info.properties_json, R"({"a":1})");
    ASSERT_EQ(rows[1].geometry.size(), 1u);
    EXPECT_EQ(rows[1].geometry[0].outer, areas[1].geometry[0].outer);
    const auto found = store.find_area(rows[1].info.id);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->info.code, "B");
    EXPECT_EQ(found->geometry[0].outer, areas[1].geometry[0].outer);
    EXPECT_EQ(store.load_areas().size(), 2u);
    EXPECT_EQ(store.municipalities().at(0).name, "Testov");
    EXPECT_EQ(store.import_fingerprint({"districts", 999999}), "f1");
    EXPECT_EQ(store.import_fingerprint({"districts", std::nullopt}), std::nullopt);
}

TYPED_TEST_P(StoreContract, ReimportKeepsIdsOfKnownCodesAndRemovesMissingOnes) {
    auto& store = *this->m_store;
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0), area("B", 14.1)},
                        this->m_towns, "f1");
    const auto before = store.load_areas("districts");
    const auto result = store.replace_areas(
        {"districts", 999999}, std::vector{area("B", 14.2), area("C", 14.3)}, this->m_towns, "f2");
    EXPECT_EQ(result.inserted, 1u);
    EXPECT_EQ(result.updated, 1u);
    EXPECT_EQ(result.deleted, 1u);
    EXPECT_EQ(result.layer_version, 2);
    const auto after = store.load_areas("districts");
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after[0].info.code, "B");
    EXPECT_EQ(after[0].info.id, before[1].info.id);
    EXPECT_DOUBLE_EQ(after[0].geometry[0].outer[0].lon, 14.2);
    EXPECT_EQ(store.find_area(before[0].info.id), std::nullopt);
}

TYPED_TEST_P(StoreContract, ReplacingOneTownLeavesOtherTownsOfTheLayer) {
    auto& store = *this->m_store;
    const std::vector<core::Municipality> two{{999999, "Testov"}, {888888, "Jinov"}};
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0)}, two, "f1");
    NewArea other = area("A", 15.0);
    other.municipality_code = 888888;
    store.replace_areas({"districts", 888888}, std::vector{other}, {}, "f2");
    store.replace_areas({"districts", 999999}, std::vector{area("Z", 14.0)}, {}, "f3");
    const auto rows = store.load_areas("districts");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].info.municipality_code, 888888);
    EXPECT_EQ(rows[1].info.code, "Z");
    EXPECT_EQ(store.import_fingerprint({"districts", 888888}), "f2");
}

TYPED_TEST_P(StoreContract, FailedReplaceChangesNothing) {
    auto& store = *this->m_store;
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0)}, this->m_towns, "f1");
    const auto version = store.catalog_version();
    // Two areas with the same code violate the unique constraint half way through.
    EXPECT_EQ(error_code_of([&] {
                  store.replace_areas({"districts", 999999},
                                      std::vector{area("N", 14.0), area("N", 14.1)}, this->m_towns,
                                      "f2");
              }),
              core::ErrorCode::invalid_input);
    const auto rows = store.load_areas("districts");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].info.code, "A");
    EXPECT_EQ(store.catalog_version(), version);
    EXPECT_EQ(store.import_fingerprint({"districts", 999999}), "f1");
    // The store stays usable after the failure.
    EXPECT_EQ(
        store
            .replace_areas({"districts", 999999}, std::vector{area("B", 14.0)}, this->m_towns, "f3")
            .layer_version,
        2);
}

TYPED_TEST_P(StoreContract, UnknownTownViolatesForeignKey) {
    auto& store = *this->m_store;
    NewArea orphan = area("A", 14.0);
    orphan.municipality_code = 123;
    EXPECT_EQ(error_code_of([&] {
                  store.replace_areas({"districts", 123}, std::vector{orphan}, {}, "f");
              }),
              core::ErrorCode::invalid_input);
    EXPECT_TRUE(store.layers().empty());
}

TYPED_TEST_P(StoreContract, LayersCountTheirAreas) {
    auto& store = *this->m_store;
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0), area("B", 14.1)},
                        this->m_towns, "f1");
    const auto layers = store.layers();
    ASSERT_EQ(layers.size(), 1u);
    EXPECT_EQ(layers[0].name, "districts");
    EXPECT_EQ(layers[0].version, 1);
    EXPECT_EQ(layers[0].area_count, 2);
    EXPECT_EQ(layers[0].updated_at_utc.size(), 20u);
}

TYPED_TEST_P(StoreContract, ASecondStoreOnTheSameDatabaseSeesImports) {
    auto other = this->m_backend.open();
    EXPECT_EQ(other->migrate(), 0);
    const auto version = other->catalog_version();
    this->m_store->replace_areas({"districts", 999999}, std::vector{area("A", 14.0)}, this->m_towns,
                                 "f1");
    EXPECT_GT(other->catalog_version(), version);
    const auto rows = other->load_areas("districts");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].info.code, "A");
}

REGISTER_TYPED_TEST_SUITE_P(StoreContract, MigratesOnceAndReportsTheVersion,
                            ReplaceInsertsAndRoundTripsGeometry,
                            ReimportKeepsIdsOfKnownCodesAndRemovesMissingOnes,
                            ReplacingOneTownLeavesOtherTownsOfTheLayer, FailedReplaceChangesNothing,
                            UnknownTownViolatesForeignKey, LayersCountTheirAreas,
                            ASecondStoreOnTheSameDatabaseSeesImports);

}  // namespace okrsek::store::cases
