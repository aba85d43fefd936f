// Districts and city parts of addresses, found once at their positions on an in-memory catalog
// shaped like Testov (tests/support/data/testov-*.geojson):
//
//   50.1 +-----W-----+-----E-----+
//        |  Západ    |  Východ   |     city parts TW / TE cover the same halves
//   50.0 +-----------+-----------+
//       14.0        14.1        14.2
#include "service/addresses/address_areas.hpp"

#include <gtest/gtest.h>

namespace okrsek::service {
namespace {

geo::MultiPolygon box(double west, double south, double east, double north) {
    geo::Polygon polygon;
    polygon.outer = {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
    return {polygon};
}

store::AreaRow area(std::int64_t id, const std::string& layer, const std::string& code,
                    const std::string& name, geo::MultiPolygon shape) {
    store::AreaRow row;
    row.info.id = id;
    row.info.layer = layer;
    row.info.municipality_code = 999999;
    row.info.code = code;
    row.info.name = name;
    row.geometry = std::move(shape);
    return row;
}

std::shared_ptr<const AreaCatalog> testov_catalog(bool with_city_parts) {
    std::vector<core::LayerInfo> layers{{"districts", 1, 2, ""}};
    std::vector<store::AreaRow> rows;
    rows.push_back(area(1, "districts", "W", "Západ", box(14.0, 50.0, 14.1, 50.1)));
    rows.push_back(area(2, "districts", "E", "Východ", box(14.1, 50.0, 14.2, 50.1)));
    if (with_city_parts) {
        layers.push_back({"city_parts", 1, 2, ""});
        rows.push_back(area(3, "city_parts", "TW", "Testov-Západ", box(14.0, 50.0, 14.1, 50.1)));
        rows.push_back(area(4, "city_parts", "TE", "Testov-Východ", box(14.1, 50.0, 14.2, 50.1)));
    }
    return std::make_shared<const AreaCatalog>(layers, std::move(rows), 7);
}

std::shared_ptr<const AddressIndex> testov_addresses() {
    AddressIndexBuilder builder;
    const auto add = [&](std::int64_t code, std::optional<core::LonLat> position) {
        core::AddressPoint p;
        p.code = code;
        p.municipality_code = 999999;
        p.municipality_name = "Testov";
        p.part_name = "Testov";
        p.street = "Hlavní";
        p.house_number = static_cast<std::int32_t>(code);
        p.position = position;
        builder.add(p);
    };
    add(1, core::LonLat{14.05, 50.05});  // W
    add(2, core::LonLat{14.15, 50.05});  // E
    add(3, core::LonLat{14.1, 50.05});   // on the border: the area to the east
    add(4, core::LonLat{15.0, 50.05});   // outside
    add(5, std::nullopt);                // no position
    return builder.finish();
}

std::string district_code(const AddressAreas& areas, std::uint32_t record) {
    const auto found = areas.district(record);
    return found ? found->info().code : "-";
}

TEST(AddressAreas, EachAddressGetsTheDistrictAndCityPartAtItsPosition) {
    const auto index = testov_addresses();
    const AddressAreas areas(*index, testov_catalog(true));
    ASSERT_EQ(index->address_count(), 5U);
    // Records are sorted by house number, which is the code here.
    EXPECT_EQ(district_code(areas, 0), "W");
    EXPECT_EQ(district_code(areas, 1), "E");
    EXPECT_EQ(district_code(areas, 2), "E");
    EXPECT_EQ(district_code(areas, 3), "-");
    EXPECT_EQ(district_code(areas, 4), "-");
    ASSERT_TRUE(areas.district(0));
    EXPECT_EQ(areas.district(0)->info().id, 1);
    EXPECT_EQ(areas.district(0)->info().name, "Západ");
    ASSERT_TRUE(areas.city_part(1));
    EXPECT_EQ(areas.city_part(1)->info().name, "Testov-Východ");
    EXPECT_FALSE(areas.city_part(3));
    EXPECT_EQ(areas.catalog()->version(), 7);
    EXPECT_EQ(areas.memory_bytes(), 2 * 5 * sizeof(std::uint32_t));
}

TEST(AddressAreas, ALayerTheCatalogLacksGivesNoAreas) {
    const auto index = testov_addresses();
    const AddressAreas areas(*index, testov_catalog(false));
    EXPECT_EQ(district_code(areas, 0), "W");
    EXPECT_FALSE(areas.city_part(0));
    const AddressAreas no_catalog(*index, nullptr);
    EXPECT_FALSE(no_catalog.district(0));
}

}  // namespace
}  // namespace okrsek::service
