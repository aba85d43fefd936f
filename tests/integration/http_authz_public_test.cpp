// The authorisation matrix (http_authz_matrix.hpp) for the public portal (health, configuration,
// areas, lookups) and the address search: open to everyone.
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

TEST_F(AuthzMatrixTest, PublicRoutesAreOpenToEveryone) {
    // Ordered so that nothing a case changes spoils a later case of the same round.
    const std::vector<Case> cases = {
        // Public portal: open to everyone.
        {"GET", "/api/v1/health", fixed("/api/v1/health"), none, everyone},
        {"GET", "/api/v1/config", fixed("/api/v1/config"), none, everyone},
        {"GET", "/api/v1/municipalities", fixed("/api/v1/municipalities"), none, everyone},
        {"GET", "/api/v1/layers", fixed("/api/v1/layers"), none, everyone},
        {"GET", "/api/v1/areas", fixed("/api/v1/areas?layer=districts"), none, everyone},
        {"GET", "/api/v1/areas/{id}",
         [&](const Objects&) { return "/api/v1/areas/" + id(town.area("W")); }, none, everyone},
        {"GET", "/api/v1/lookup", fixed("/api/v1/lookup?lon=14.05&lat=50.05"), none, everyone},
        {"POST", "/api/v1/lookup", fixed("/api/v1/lookup"),
         [](const Objects&) {
             return json{{"points", json::array()}};
         },
         everyone},
        // Address search ("find my district").
        {"GET", "/api/v1/addresses", fixed("/api/v1/addresses?q=hlavni"), none, everyone},
    };
    run_matrix("public", cases);
}

}  // namespace
}  // namespace okrsek::test::authz
