#include "testov.hpp"

#include "store/store.hpp"

namespace okrsek::test {

Testov::Testov() : database(dir.path(), "testov.db", PgStart::migrated) {
    platform = std::make_unique<service::Platform>(store::open_store(database.setting()));
    platform->import_areas(testov_request("testov-town.geojson", "municipalities", std::nullopt));
    platform->import_areas(testov_request("testov-districts.geojson", "districts", testov_code));
}

}  // namespace okrsek::test
