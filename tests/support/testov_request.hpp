#pragma once

#include <optional>
#include <string>

#include "service/area_import.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {

/// The invented town Testov (RÚIAN-like code 999999) of tests/support/data/testov-*.geojson.
inline constexpr std::int64_t testov_code = 999999;

/// An import request for a file in tests/support/data whose features name their code in "kod"
/// and their name in "nazev".
inline service::ImportRequest testov_request(const std::string& file, const std::string& layer,
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

}  // namespace okrsek::test
