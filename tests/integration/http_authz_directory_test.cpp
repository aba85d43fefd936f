// The authorisation matrix (http_authz_matrix.hpp) for the district directory: the public card,
// team, places, photos and QR code, and its back office (a district's team, photos and places
// where they lie; roles and kinds of places for the whole town).
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

TEST_F(AuthzMatrixTest, DirectoryRoutesGetExactlyTheExpectedAnswers) {
    const Target w = district_w();
    const Target j = district_j();
    const Target jinov = Target::municipality(AuthTown::jinov);
    // Ordered so that nothing a case changes spoils a later case of the same round.
    const std::vector<Case> cases = {
        // The district directory, public.
        {"GET", "/api/v1/districts/{id}",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")); }, none, everyone},
        {"GET", "/api/v1/districts/{id}/team",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/team"; }, none,
         everyone},
        {"GET", "/api/v1/districts/{id}/places",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/places"; },
         none, everyone},
        {"GET", "/api/v1/places", fixed("/api/v1/places?municipality=999999"), none, everyone},
        {"GET", "/api/v1/team-roles", fixed("/api/v1/team-roles?municipality=999999"), none,
         everyone},
        {"GET", "/api/v1/place-kinds", fixed("/api/v1/place-kinds?municipality=999999"), none,
         everyone},
        {"GET", "/api/v1/photos/{id}/{file}",
         fixed("/api/v1/photos/1/" + std::string(64, '0') + ".jpg"), none, everyone},  // 404
        // The district directory's back office: a district's team, photos and places where
        // they lie; roles and kinds of places for the whole town.
        {"GET", "/api/v1/admin/districts", fixed("/api/v1/admin/districts"), none, any_session},
        {"GET", "/api/v1/admin/districts/{id}/team",
         [&](const Objects&) { return "/api/v1/admin/districts/" + id(town.area("W")) + "/team"; },
         none, [&](const Who& who) { return may(who, Action::district_team_read, w); }},
        {"GET", "/api/v1/admin/districts/{id}/team",
         [&](const Objects&) { return "/api/v1/admin/districts/" + id(town.area("J1")) + "/team"; },
         none, [&](const Who& who) { return may(who, Action::district_team_read, j); }},
        {"PUT", "/api/v1/admin/districts/{id}/roles/{role}/contact",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("W")) + "/roles/" + id(o.role_w) +
                    "/contact";
         },
         [](const Objects&) {
             return json{{"email", "okrsek@example.org"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"PUT", "/api/v1/admin/districts/{id}/roles/{role}/contact",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("J1")) + "/roles/" + id(o.role_j) +
                    "/contact";
         },
         [](const Objects&) {
             return json{{"email", "okrsek@example.org"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"PUT", "/api/v1/admin/holders/{id}",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w); },
         [](const Objects&) {
             return json{{"name", "Okrskář Matice"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"PUT", "/api/v1/admin/holders/{id}",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j); },
         [](const Objects&) {
             return json{{"name", "Okrskář Matice"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"PUT", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w) + "/photo"; },
         empty, [&](const Who& who) { return may(who, Action::district_card_edit, w); }},  // 415
        {"PUT", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j) + "/photo"; },
         empty, [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"DELETE", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w) + "/photo"; },
         none, [&](const Who& who) { return may(who, Action::district_card_edit, w); }},  // 409
        {"DELETE", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j) + "/photo"; },
         none, [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"GET", "/api/v1/admin/photos/{id}/{file}",
         fixed("/api/v1/admin/photos/1/" + std::string(64, '0') + ".jpg"), none,
         any_session},  // 404 for staff: a photo of somewhere else is no photo at all
        {"POST", "/api/v1/admin/holders/{id}/end",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w) + "/end"; },
         [](const Objects& o) {
             return json{{"to", holder_start(o.round, "06")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"POST", "/api/v1/admin/holders/{id}/end",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j) + "/end"; },
         [](const Objects& o) {
             return json{{"to", holder_start(o.round, "06")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/districts/{id}/roles/{role}/holders",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("W")) + "/roles/" + id(o.role_w) +
                    "/holders";
         },
         [](const Objects& o) {
             return json{{"name", "Nový Okrskář"}, {"from", holder_start(o.round, "07")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"POST", "/api/v1/admin/districts/{id}/roles/{role}/holders",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("J1")) + "/roles/" + id(o.role_j) +
                    "/holders";
         },
         [](const Objects& o) {
             return json{{"name", "Nový Okrskář"}, {"from", holder_start(o.round, "07")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/places", fixed("/api/v1/admin/places"),
         [](const Objects&) {
             return json{{"municipality", AuthTown::testov},
                         {"kind", "info_box"},
                         {"name", "Nová schránka"},
                         {"lon", 14.06},
                         {"lat", 50.06}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"POST", "/api/v1/admin/places", fixed("/api/v1/admin/places"),
         [](const Objects&) {
             return json{{"municipality", AuthTown::jinov},
                         {"kind", "info_box"},
                         {"name", "Nová schránka"},
                         {"lon", 15.06},
                         {"lat", 50.06}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"PUT", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_w); },
         [](const Objects&) {
             return json{{"name", "Schránka"}, {"lon", 14.07}, {"lat", 50.07}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"PUT", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_j); },
         [](const Objects&) {
             return json{{"name", "Schránka"}, {"lon", 15.07}, {"lat", 50.07}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"DELETE", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_w); }, none,
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"DELETE", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_j); }, none,
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"POST", "/api/v1/admin/team-roles", fixed("/api/v1/admin/team-roles"),
         [](const Objects& o) {
             return json{{"municipality", AuthTown::testov},
                         {"code", "assistant_" + std::to_string(o.round)},
                         {"name_cs", "Asistent"},
                         {"name_en", "Assistant"}};
         },
         [&](const Who& who) {
             return may(who, Action::district_team_edit, Target::municipality(AuthTown::testov));
         }},
        {"PUT", "/api/v1/admin/team-roles/{id}",
         [](const Objects& o) { return "/api/v1/admin/team-roles/" + id(o.role_j); },
         [](const Objects&) {
             return json{{"name_cs", "Policista"}, {"name_en", "Police officer"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        {"POST", "/api/v1/admin/team-roles/order", fixed("/api/v1/admin/team-roles/order"),
         [](const Objects& o) {
             return json{{"municipality", AuthTown::jinov}, {"roles", json::array({o.role_j})}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        {"POST", "/api/v1/admin/place-kinds", fixed("/api/v1/admin/place-kinds"),
         [](const Objects& o) {
             return json{{"municipality", AuthTown::jinov},
                         {"code", "kind_" + std::to_string(o.round)},
                         {"name_cs", "Druh"},
                         {"name_en", "Kind"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        {"PUT", "/api/v1/admin/place-kinds/{id}",
         [](const Objects& o) { return "/api/v1/admin/place-kinds/" + id(o.kind_j); },
         [](const Objects&) {
             return json{{"name_cs", "Služebna"}, {"name_en", "Station"}, {"station", true}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        // The printed paper channel: a district's QR code.
        {"GET", "/api/v1/districts/{id}/qr.svg",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/qr.svg"; },
         none, everyone},
    };
    run_matrix("directory", cases);
}

}  // namespace
}  // namespace okrsek::test::authz
