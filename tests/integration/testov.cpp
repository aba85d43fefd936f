#include "testov.hpp"

#include "store/store.hpp"

namespace okrsek::test {

service::ImportRequest testov_request(const std::string& file, const std::string& layer,
                                      std::optional<std::int64_t> municipality) {
    service::ImportRequest request;
    request.source_name = file;
    request.geojson = read_file(support_file(file));
    request.layer = layer;
    request.municipality_code = municipality;
    request.read_options.code_property = "kod";
    request.read_options.name_property = "nazev";
    return request;
}

Testov::Testov() : database(dir.path() / "testov.db") {
    platform = std::make_unique<service::Platform>(store::open_store(database.string()));
    platform->import_areas(testov_request("testov-town.geojson", "municipalities", std::nullopt));
    platform->import_areas(testov_request("testov-districts.geojson", "districts", testov_code));
}

}  // namespace okrsek::test
