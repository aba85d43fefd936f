// DirectoryStore: place kinds per town, places by hand and by import (idempotent by code,
// atomic, places made by hand left alone), bounding boxes; on both engines.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unit/store/account_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

using core::ErrorCode;

class DirectoryPlacesTest : public AccountStoreTest {
protected:
    DirectoryPlacesTest() {
        const NewPlaceKind kinds[] = {{0, "police_station", "Služebna", "Station", true},
                                      {0, "info_box", "Info-schránka", "Info box", false}};
        store->seed_place_kinds(testov, kinds, t0, by_cli());
        stations = store->place_kinds(testov).at(0).id;
        boxes = store->place_kinds(testov).at(1).id;
    }

    static PlaceFields at(const std::string& name, double lon, double lat) {
        PlaceFields fields;
        fields.name = name;
        fields.address = "Hlavní 1";
        fields.position = {lon, lat};
        return fields;
    }

    static ImportedPlace imported(const std::string& code, const std::string& name, double lon,
                                  double lat) {
        return {code, at(name, lon, lat)};
    }

    std::vector<Place> kind_places(std::int64_t kind) {
        PlaceFilter filter;
        filter.municipality_code = testov;
        filter.kind_id = kind;
        return store->places(filter);
    }

    std::int64_t stations = 0;
    std::int64_t boxes = 0;
};

TEST_F(DirectoryPlacesTest, KindsAreSeededAndConfigurable) {
    const auto kinds = store->place_kinds(testov);
    ASSERT_EQ(kinds.size(), 2u);
    EXPECT_TRUE(kinds[0].station);
    EXPECT_FALSE(kinds[1].station);
    const auto id =
        store->add_place_kind({testov, "defibrillator", "AED", "AED", false}, t0, by_user(1));
    EXPECT_EQ(last_audit().action, "place.kind.create");
    EXPECT_EQ(store->find_place_kind(id)->sort_order, 3);
    EXPECT_EQ(error_of([&] {
                  store->add_place_kind({testov, "info_box", "X", "X", false}, t0, by_cli());
              }).field(),
              "code");
    store->update_place_kind(id, "Defibrilátor", "Defibrillator", false, t0, by_cli());
    EXPECT_EQ(store->find_place_kind(id)->name_cs, "Defibrilátor");
    EXPECT_EQ(last_audit().action, "place.kind.update");
}

TEST_F(DirectoryPlacesTest, PlacesByHandAreStoredAtSevenDecimals) {
    auto fields = at("Služebna Západ", 14.012345678, 50.087654321);
    fields.opening_hours = "Po–Pá 8–16\nSo zavřeno";
    fields.district_id = area_ids.at(0);
    const auto id = store->create_place(stations, fields, t0, by_user(1));
    EXPECT_EQ(last_audit().action, "place.create");
    EXPECT_EQ(last_audit().object_id, std::to_string(id));
    const auto place = store->find_place(id);
    ASSERT_TRUE(place);
    EXPECT_EQ(place->fields.position.lon, 14.0123457);
    EXPECT_EQ(place->fields.position.lat, 50.0876543);
    EXPECT_EQ(place->fields.opening_hours, "Po–Pá 8–16\nSo zavřeno");
    EXPECT_EQ(place->fields.district_id, area_ids.at(0));
    EXPECT_FALSE(place->code);

    fields.name = "Služebna Západ (nová)";
    fields.district_id.reset();
    store->update_place(id, fields, t0, by_cli());
    EXPECT_EQ(store->find_place(id)->fields.name, "Služebna Západ (nová)");
    EXPECT_FALSE(store->find_place(id)->fields.district_id);
    store->delete_place(id, t0, by_cli());
    EXPECT_FALSE(store->find_place(id));
    EXPECT_EQ(last_audit().action, "place.delete");
    EXPECT_EQ(error_of([&] { store->delete_place(id, t0, by_cli()); }).code(),
              ErrorCode::not_found);

    EXPECT_EQ(
        error_of([&] { store->create_place(stations, at("", 14.0, 50.0), t0, by_cli()); }).field(),
        "name");
    EXPECT_EQ(
        error_of([&] { store->create_place(stations, at("X", 14.0, 95.0), t0, by_cli()); }).field(),
        "position");
    auto long_note = at("X", 14.0, 50.0);
    long_note.note = std::string(1001, 'n');
    EXPECT_EQ(error_of([&] { store->create_place(stations, long_note, t0, by_cli()); }).field(),
              "note");
    EXPECT_EQ(
        error_of([&] { store->create_place(987654, at("X", 14.0, 50.0), t0, by_cli()); }).field(),
        "kind");
}

TEST_F(DirectoryPlacesTest, ReimportUpdatesKeepsIdsAndRemovesWhatIsGone) {
    const auto manual = store->create_place(stations, at("Ruční", 14.05, 50.05), t0, by_cli());
    const std::vector<ImportedPlace> first = {imported("1", "Jedna", 14.01, 50.01),
                                              imported("2", "Dvě", 14.02, 50.02),
                                              imported("3", "Tři", 14.03, 50.03)};
    auto counts = store->replace_imported_places(stations, first, t0, by_cli());
    EXPECT_EQ(counts.inserted, 3u);
    EXPECT_EQ(counts.kept_manual, 1u);
    EXPECT_EQ(last_audit().action, "place.import");
    EXPECT_EQ(nlohmann::json::parse(last_audit().details_json)["inserted"], 3);
    std::map<std::string, std::int64_t> ids;
    for (const auto& place : kind_places(stations)) {
        if (place.code) ids[*place.code] = place.id;
    }
    ASSERT_EQ(ids.size(), 3u);

    // The same file again: nothing changes, not even the audit log.
    const auto rows = audit_rows();
    counts = store->replace_imported_places(stations, first, t0, by_cli());
    EXPECT_EQ(counts.unchanged, 3u);
    EXPECT_EQ(counts.inserted + counts.updated + counts.deleted, 0u);
    EXPECT_EQ(audit_rows(), rows);

    const std::vector<ImportedPlace> second = {imported("1", "Jedna", 14.01, 50.01),
                                               imported("2", "Dvě (přestěhováno)", 14.021, 50.02),
                                               imported("4", "Čtyři", 14.04, 50.04)};
    counts = store->replace_imported_places(stations, second, t0, by_cli());
    EXPECT_EQ(counts.unchanged, 1u);
    EXPECT_EQ(counts.updated, 1u);
    EXPECT_EQ(counts.inserted, 1u);
    EXPECT_EQ(counts.deleted, 1u);
    const auto after = kind_places(stations);
    ASSERT_EQ(after.size(), 4u);  // three imported, one by hand
    EXPECT_EQ(store->find_place(ids["2"])->fields.name, "Dvě (přestěhováno)");
    EXPECT_EQ(store->find_place(ids["2"])->fields.position.lon, 14.021);
    EXPECT_FALSE(store->find_place(ids["3"]));
    EXPECT_TRUE(store->find_place(manual));
    // Another kind's places are another import's.
    EXPECT_TRUE(kind_places(boxes).empty());
}

TEST_F(DirectoryPlacesTest, ABadImportChangesNothing) {
    store->replace_imported_places(stations, std::vector{imported("1", "Jedna", 14.01, 50.01)}, t0,
                                   by_cli());
    const auto rows = audit_rows();
    const std::vector<ImportedPlace> repeated = {imported("1", "Jedna", 14.01, 50.01),
                                                 imported("2", "Dvě", 14.02, 50.02),
                                                 imported("2", "Znovu", 14.03, 50.03)};
    const auto error =
        error_of([&] { store->replace_imported_places(stations, repeated, t0, by_cli()); });
    EXPECT_EQ(error.code(), ErrorCode::invalid_input);
    EXPECT_EQ(error.field(), "places[2].code");
    const std::vector<ImportedPlace> nameless = {imported("5", "", 14.01, 50.01)};
    EXPECT_EQ(
        error_of([&] { store->replace_imported_places(stations, nameless, t0, by_cli()); }).field(),
        "places[0].name");
    EXPECT_EQ(kind_places(stations).size(), 1u);
    EXPECT_EQ(audit_rows(), rows);
}

TEST_F(DirectoryPlacesTest, ABoundingBoxSelectsPlaces) {
    store->replace_imported_places(
        stations,
        std::vector{imported("1", "Západ", 14.01, 50.01), imported("2", "Východ", 14.15, 50.05),
                    imported("3", "Daleko", 16.0, 49.0)},
        t0, by_cli());
    PlaceFilter filter;
    filter.municipality_code = testov;
    filter.bbox = std::array<double, 4>{14.0, 50.0, 14.2, 50.1};
    const auto inside = store->places(filter);
    ASSERT_EQ(inside.size(), 2u);
    EXPECT_EQ(inside[0].fields.name, "Západ");
    filter.bbox = std::array<double, 4>{14.1, 50.0, 14.2, 50.1};
    ASSERT_EQ(store->places(filter).size(), 1u);
    filter.bbox.reset();
    filter.limit = 2;
    EXPECT_EQ(store->places(filter).size(), 2u);
    filter.municipality_code = jinov;
    EXPECT_TRUE(store->places(filter).empty());
}

}  // namespace
}  // namespace okrsek::store::test_accounts
