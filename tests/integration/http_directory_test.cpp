// The district directory over real HTTP: the public card, team, places (pages and GeoJSON),
// roles and photos with their caching headers; the back office's edits with CSRF, 401/403 and
// nothing changed on a refusal, an audit row for each edit, and 4xx answers naming the field.
// Everyone here is invented.
#include <gtest/gtest.h>

#include "auth_town.hpp"
#include "unit/media/test_images.hpp"

namespace okrsek::test {
namespace {

using nlohmann::json;
namespace sec = service::security;
namespace img = media::test;

const std::string manager_email = "manazerka.zapad@example.org";

class DirectoryHttpTest : public ::testing::Test {
protected:
    DirectoryHttpTest() {
        town.clear_sensitive_roles();
        town.add_user(manager_email, "Manažerka Západ", sec::Role::prevention_manager,
                      sec::Scope::city_part(town.area("TW")));
        w = town.area("W");
        e = town.area("E");
        police = role_id("state_police_officer");
    }

    service::DistrictDirectory& directory() { return town.platform().directory(); }

    std::int64_t role_id(const std::string& code) {
        for (const auto& role : directory().team_roles(AuthTown::testov, false)) {
            if (role.code == code) return role.id;
        }
        throw std::runtime_error("no role " + code);
    }

    static store::HolderProfile person(const std::string& name) {
        store::HolderProfile profile;
        profile.name = name;
        profile.bio = "Ve službě od roku 2020.";
        profile.office_hours = {{2, "14:00", "16:00", "služebna Hlavní 1"}};
        profile.contact = {"jana.nova@example.org", "+420 100 200 300"};
        return profile;
    }

    static store::PlaceFields place_at(const std::string& name, double lon, double lat) {
        store::PlaceFields fields;
        fields.name = name;
        fields.address = "Hlavní 1";
        fields.opening_hours = "Po–Pá 8–16";
        fields.position = {lon, lat};
        return fields;
    }

    std::size_t audit_count(const std::string& action) {
        store::AuditFilter filter;
        filter.action = action;
        filter.limit = 1000;
        return town.platform().accounts().audit(service::Principal::cli(), filter).size();
    }

    /// A raw-body request with the browser's cookies and CSRF token.
    HttpResult raw(Browser& browser, const std::string& method, const std::string& target,
                   const std::string& body, const std::string& content_type) {
        std::string cookie;
        for (const auto& [name, value] : browser.cookies()) {
            cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
        }
        HttpClient client(town.port());
        return client.request(
            method, target, body,
            {{"Cookie", cookie}, {"X-CSRF-Token", browser.csrf()}, {"Content-Type", content_type}});
    }

    AuthTown town;
    std::int64_t w = 0;
    std::int64_t e = 0;
    std::int64_t police = 0;
};

void expect_error(const HttpResult& result, unsigned status, const std::string& code,
                  const std::string& field = {}) {
    EXPECT_EQ(result.status, status) << result.body;
    const auto body = json::parse(result.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << result.body;
    EXPECT_EQ(body["error"]["code"], code) << result.body;
    if (!field.empty()) {
        EXPECT_EQ(body["error"]["field"], field) << result.body;
    }
}

std::string phone_jpeg() {
    const std::string jpeg = img::encode_test_jpeg(img::corner_marked_image(900, 600));
    const std::string exif =
        img::exif_payload(img::ExifFields{.orientation = 1, .gps = true, .make = "TestCam"});
    return img::insert_after_soi(jpeg, img::jpeg_segment(0xE1, exif));
}

TEST_F(DirectoryHttpTest, TheCardIsPublicJson) {
    const auto cli = service::Principal::cli();
    directory().set_contact(cli, w, police, {"okrsek.w@policie.example", "974 851 700"});
    directory().start_holder(cli, w, police, person("Jana Nová"), "2025-09-01");
    directory().create_place(cli, AuthTown::testov, "police_station",
                             place_at("Služebna Západ", 14.05, 50.05));
    directory().create_place(cli, AuthTown::testov, "municipal_police_station",
                             place_at("Služebna Východ", 14.15, 50.05));
    HttpClient client(town.port());
    const auto result = client.get("/api/v1/districts/" + std::to_string(w));
    ASSERT_EQ(result.status, 200u) << result.body;
    EXPECT_EQ(result.headers.at("content-type"), "application/json");
    const json card = result.json();
    EXPECT_EQ(card["district"]["code"], "W");
    EXPECT_EQ(card["district"]["name"], "Západ");
    EXPECT_EQ(card["town"]["name"], "Testov");
    EXPECT_EQ(card["city_part"]["code"], "TW");
    ASSERT_EQ(card["team"].size(), 3u);
    const json& seat = card["team"][0];
    EXPECT_EQ(seat["role"]["code"], "state_police_officer");
    EXPECT_EQ(seat["role"]["name"]["cs"], "Policista – okrskář Policie ČR");
    EXPECT_FALSE(seat["role"]["name"]["en"].get<std::string>().empty());
    EXPECT_EQ(seat["contact"]["email"], "okrsek.w@policie.example");
    EXPECT_EQ(seat["contact"]["phone"], "974 851 700");
    EXPECT_EQ(seat["holder"]["name"], "Jana Nová");
    EXPECT_EQ(seat["holder"]["since"], "2025-09-01");
    EXPECT_EQ(seat["holder"]["photo"], nullptr);
    EXPECT_EQ(
        seat["holder"]["office_hours"][0],
        json({{"weekday", 2}, {"from", "14:00"}, {"to", "16:00"}, {"place", "služebna Hlavní 1"}}));
    EXPECT_EQ(seat["holder"]["contact"]["email"], "jana.nova@example.org");
    EXPECT_FALSE(seat["holder"].contains("user_id"));
    EXPECT_EQ(card["team"][1]["holder"], nullptr);
    EXPECT_EQ(card["places"]["total"], 1);
    EXPECT_EQ(card["places"]["items"][0]["name"], "Služebna Západ");
    EXPECT_EQ(card["places"]["items"][0]["kind"]["code"], "police_station");
    ASSERT_EQ(card["nearest_stations"].size(), 2u);
    EXPECT_EQ(card["nearest_stations"][1]["name"], "Služebna Východ");
    EXPECT_GT(card["nearest_stations"][1]["distance_m"].get<int>(), 7000);
    std::vector<std::string> numbers;
    for (const auto& number : card["emergency"]["numbers"]) numbers.push_back(number["number"]);
    EXPECT_EQ(numbers, (std::vector<std::string>{"112", "158", "156"}));
    EXPECT_FALSE(card["how_to_contact"]["cs"].get<std::string>().empty());
    EXPECT_TRUE(card.contains("safety_summary"));
    EXPECT_EQ(card["safety_summary"], nullptr);

    const auto team = client.get("/api/v1/districts/" + std::to_string(w) + "/team").json();
    EXPECT_EQ(team["team"][0]["holder"]["name"], "Jana Nová");
    expect_error(client.get("/api/v1/districts/987654"), 404, "not_found", "id");
    expect_error(client.get("/api/v1/districts/abc"), 400, "invalid_argument", "id");
    expect_error(client.get("/api/v1/districts/" + std::to_string(town.area("TW"))), 404,
                 "not_found");
}

TEST_F(DirectoryHttpTest, PlacesComeInPagesAndAsGeoJson) {
    const auto cli = service::Principal::cli();
    for (int i = 0; i < 5; ++i) {
        directory().create_place(
            cli, AuthTown::testov, "info_box",
            place_at("Schránka " + std::to_string(i), 14.01 + i * 0.01, 50.05));
    }
    directory().create_place(cli, AuthTown::testov, "police_station",
                             place_at("Východ", 14.15, 50.05));
    HttpClient client(town.port());
    const std::string base = "/api/v1/districts/" + std::to_string(w) + "/places";
    const auto page = client.get(base + "?limit=2&offset=2").json();
    EXPECT_EQ(page["total"], 5);
    ASSERT_EQ(page["places"].size(), 2u);
    EXPECT_EQ(page["places"][0]["name"], "Schránka 2");
    EXPECT_EQ(page["next_offset"], 4);
    EXPECT_EQ(client.get(base + "?limit=2&offset=4").json()["next_offset"], nullptr);
    expect_error(client.get(base + "?limit=0"), 400, "invalid_argument", "limit");
    expect_error(client.get(base + "?limit=101"), 400, "invalid_argument", "limit");
    expect_error(client.get(base + "?offset=-1"), 400, "invalid_argument", "offset");

    const auto map = client.get("/api/v1/places?municipality=999999&kind=police_station");
    ASSERT_EQ(map.status, 200u) << map.body;
    EXPECT_EQ(map.headers.at("content-type"), "application/geo+json");
    const json geojson = map.json();
    EXPECT_EQ(geojson["type"], "FeatureCollection");
    ASSERT_EQ(geojson["features"].size(), 1u);
    const json& feature = geojson["features"][0];
    EXPECT_EQ(feature["geometry"]["type"], "Point");
    EXPECT_EQ(feature["geometry"]["coordinates"], json({14.15, 50.05}));
    EXPECT_EQ(feature["properties"]["name"], "Východ");
    EXPECT_EQ(feature["properties"]["district_id"], e);
    EXPECT_EQ(feature["properties"]["kind"]["station"], true);
    const auto boxed = client.get("/api/v1/places?municipality=999999&bbox=14.0,50.0,14.025,50.1");
    EXPECT_EQ(boxed.json()["features"].size(), 2u);
    expect_error(client.get("/api/v1/places"), 400, "invalid_argument", "municipality");
    expect_error(client.get("/api/v1/places?municipality=999999&bbox=1,2,3"), 400,
                 "invalid_argument", "bbox");
    expect_error(client.get("/api/v1/places?municipality=999999&kind=helipad"), 404, "not_found",
                 "kind");
    expect_error(client.get("/api/v1/places?municipality=123456"), 404, "not_found",
                 "municipality");

    const auto roles = client.get("/api/v1/team-roles?municipality=999999").json();
    ASSERT_EQ(roles["roles"].size(), 3u);
    EXPECT_EQ(roles["roles"][2]["name"]["cs"], "Zastupitel / starosta městské části");
    const auto kinds = client.get("/api/v1/place-kinds?municipality=999999").json();
    EXPECT_EQ(kinds["kinds"][2]["code"], "info_box");
}

TEST_F(DirectoryHttpTest, StaffEditTheirDistrictAndEveryEditIsAudited) {
    Browser browser(town.port());
    ASSERT_EQ(browser.login(manager_email).status, 200u);
    const auto districts = browser.get("/api/v1/admin/districts").json();
    ASSERT_EQ(districts["districts"].size(), 1u);
    EXPECT_EQ(districts["districts"][0]["code"], "W");
    EXPECT_EQ(districts["districts"][0]["city_part"]["code"], "TW");

    const std::string seat =
        "/api/v1/admin/districts/" + std::to_string(w) + "/roles/" + std::to_string(police);
    const auto contact =
        browser.send("PUT", seat + "/contact", {{"email", "w@policie.example"}, {"phone", "158"}});
    ASSERT_EQ(contact.status, 200u) << contact.body;
    EXPECT_EQ(contact.json()["contact"]["email"], "w@policie.example");

    const json body = {{"name", "Petr Okrskář"},
                       {"bio", "Slouží v okrsku."},
                       {"office_hours", {{{"weekday", 1}, {"from", "09:00"}, {"to", "11:00"}}}},
                       {"email", "petr@example.org"},
                       {"from", "2026-01-01"}};
    const auto started = browser.post(seat + "/holders", body);
    ASSERT_EQ(started.status, 201u) << started.body;
    const auto holder = started.json()["holder"];
    EXPECT_EQ(holder["current"], true);
    EXPECT_EQ(holder["from"], "2026-01-01");
    const std::string holder_path =
        "/api/v1/admin/holders/" + std::to_string(holder["id"].get<int>());
    json edited = body;
    edited.erase("from");
    edited["bio"] = "Nový text.";
    const auto updated = browser.send("PUT", holder_path, edited);
    ASSERT_EQ(updated.status, 200u) << updated.body;
    EXPECT_EQ(updated.json()["holder"]["bio"], "Nový text.");

    const auto photo = raw(browser, "PUT", holder_path + "/photo", phone_jpeg(), "image/jpeg");
    ASSERT_EQ(photo.status, 201u) << photo.body;
    const std::string url = photo.json()["photo"]["url"];
    const std::string thumbnail = photo.json()["photo"]["thumbnail_url"];

    const auto history = browser.get("/api/v1/admin/districts/" + std::to_string(w) + "/team");
    ASSERT_EQ(history.status, 200u) << history.body;
    EXPECT_EQ(history.json()["team"][0]["holders"][0]["photo"]["url"], url);

    const auto place = browser.post("/api/v1/admin/places", {{"municipality", AuthTown::testov},
                                                             {"kind", "info_box"},
                                                             {"name", "Schránka U Lípy"},
                                                             {"lon", 14.05},
                                                             {"lat", 50.06}});
    ASSERT_EQ(place.status, 201u) << place.body;
    EXPECT_EQ(place.json()["place"]["district_id"], w);
    const std::string place_path =
        "/api/v1/admin/places/" + std::to_string(place.json()["place"]["id"].get<int>());
    const auto moved = browser.send("PUT", place_path,
                                    {{"name", "Schránka U Lípy"}, {"lon", 14.06}, {"lat", 50.06}});
    ASSERT_EQ(moved.status, 200u) << moved.body;
    ASSERT_EQ(browser.send("DELETE", place_path).status, 200u);
    const auto ended = browser.post(holder_path + "/end", {{"to", "2026-06-30"}});
    ASSERT_EQ(ended.status, 200u) << ended.body;
    EXPECT_EQ(ended.json()["holder"]["current"], false);

    for (const char* action :
         {"team.contact.update", "team.holder.start", "team.holder.update", "photo.upload",
          "place.create", "place.update", "place.delete", "team.holder.end"}) {
        EXPECT_EQ(audit_count(action), 1u) << action;
    }
    // The ended holder's photo is no longer public; staff still see it.
    HttpClient anonymous(town.port());
    expect_error(anonymous.get(url), 404, "not_found");
    EXPECT_EQ(browser.get("/api/v1/admin" + url.substr(std::string("/api/v1").size())).status,
              200u);
}

// A district's own officer edits the card's content of their district only; appointing the
// team (holders, role contacts) stays with the manager and the police leaderships.
TEST_F(DirectoryHttpTest, AnOfficerEditsOwnCardButNotAnotherOrTheAppointments) {
    const auto cli = service::Principal::cli();
    const auto own = directory().start_holder(cli, w, police, person("Jana Nová"), "2025-01-01");
    const auto east =
        directory().start_holder(cli, e, police, person("Eva Východní"), "2025-01-01");
    const std::string officer_email = "strazmistr.zapad@example.org";
    town.add_user(officer_email, "Strážmistr Západ", sec::Role::district_state_officer,
                  sec::Scope::district(w));
    Browser officer(town.port());
    ASSERT_EQ(officer.login(officer_email).status, 200u);

    const auto districts = officer.get("/api/v1/admin/districts").json();
    ASSERT_EQ(districts["districts"].size(), 1u);
    EXPECT_EQ(districts["districts"][0]["code"], "W");
    EXPECT_EQ(districts["districts"][0]["appoint"], false);

    const std::string own_holder = "/api/v1/admin/holders/" + std::to_string(own.id);
    const auto profile =
        officer.send("PUT", own_holder, {{"name", "Jana Nová"}, {"bio", "Úřaduji ve středu."}});
    ASSERT_EQ(profile.status, 200u) << profile.body;
    EXPECT_EQ(profile.json()["holder"]["bio"], "Úřaduji ve středu.");
    EXPECT_EQ(raw(officer, "PUT", own_holder + "/photo", phone_jpeg(), "image/jpeg").status, 201u);
    const auto place = officer.post("/api/v1/admin/places", {{"municipality", AuthTown::testov},
                                                             {"kind", "info_box"},
                                                             {"name", "Schránka u školy"},
                                                             {"lon", 14.05},
                                                             {"lat", 50.05}});
    ASSERT_EQ(place.status, 201u) << place.body;
    EXPECT_EQ(audit_count("team.holder.update"), 1u);
    EXPECT_EQ(audit_count("photo.upload"), 1u);
    EXPECT_EQ(audit_count("place.create"), 1u);

    // Appointing in the own district, and anything in district E: 403, nothing changed.
    const std::string own_seat =
        "/api/v1/admin/districts/" + std::to_string(w) + "/roles/" + std::to_string(police);
    expect_error(
        officer.post(own_seat + "/holders", {{"name", "Nástupce"}, {"from", "2026-02-01"}}), 403,
        "forbidden");
    expect_error(officer.send("PUT", own_seat + "/contact", {{"email", "x@example.org"}}), 403,
                 "forbidden");
    expect_error(officer.post(own_holder + "/end", {{"to", "2026-02-01"}}), 403, "forbidden");
    const std::string east_holder = "/api/v1/admin/holders/" + std::to_string(east.id);
    expect_error(officer.send("PUT", east_holder, {{"name", "Vetřelec"}}), 403, "forbidden");
    expect_error(raw(officer, "PUT", east_holder + "/photo", phone_jpeg(), "image/jpeg"), 403,
                 "forbidden");
    expect_error(officer.post("/api/v1/admin/places", {{"municipality", AuthTown::testov},
                                                       {"kind", "info_box"},
                                                       {"name", "Cizí"},
                                                       {"lon", 14.15},
                                                       {"lat", 50.05}}),
                 403, "forbidden");
    EXPECT_EQ(directory().team(e)[0].holder->profile.name, "Eva Východní");
    EXPECT_FALSE(directory().team(e)[0].holder->photo_id);
    EXPECT_EQ(directory().team(w)[0].holder->profile.name, "Jana Nová");
    EXPECT_FALSE(directory().team(w)[0].contact.email);
    EXPECT_EQ(audit_count("team.holder.start"), 2u);  // the two set up above, by the CLI
}

TEST_F(DirectoryHttpTest, PhotosAreServedCleanWithCachingHeaders) {
    const auto holder = directory().start_holder(service::Principal::cli(), w, police,
                                                 person("Jana Nová"), "2025-01-01");
    Browser browser(town.port());
    ASSERT_EQ(browser.login(manager_email).status, 200u);
    const std::string path = "/api/v1/admin/holders/" + std::to_string(holder.id) + "/photo";
    expect_error(raw(browser, "PUT", path, phone_jpeg(), "image/gif"), 415,
                 "unsupported_media_type", "Content-Type");
    expect_error(raw(browser, "PUT", path, "not an image at all", "image/jpeg"), 422,
                 "invalid_input", "photo");
    const auto uploaded = raw(browser, "PUT", path, phone_jpeg(), "image/jpeg; charset=binary");
    ASSERT_EQ(uploaded.status, 201u) << uploaded.body;
    const std::string url = uploaded.json()["photo"]["url"];
    const std::string thumbnail = uploaded.json()["photo"]["thumbnail_url"];

    HttpClient client(town.port());
    const auto card = client.get("/api/v1/districts/" + std::to_string(w)).json();
    EXPECT_EQ(card["team"][0]["holder"]["photo"]["url"], url);
    EXPECT_EQ(card["team"][0]["holder"]["photo"]["thumbnail_url"], thumbnail);
    const auto served = client.get(url);
    ASSERT_EQ(served.status, 200u) << served.body;
    EXPECT_EQ(served.headers.at("content-type"), "image/jpeg");
    EXPECT_EQ(served.headers.at("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(served.headers.at("x-content-type-options"), "nosniff");
    const std::string hash = url.substr(url.rfind('/') + 1, 64);
    EXPECT_EQ(served.headers.at("etag"), "\"" + hash + "\"");
    EXPECT_EQ(served.body.find("Exif"), std::string::npos);
    EXPECT_EQ(served.body.find("TestCam"), std::string::npos);
    EXPECT_EQ(served.body.find(img::gps_latitude_bytes()), std::string::npos);
    EXPECT_EQ(img::decode_test_jpeg(served.body).width, 900u);
    const auto unchanged = client.request("GET", url, {}, {{"If-None-Match", "\"" + hash + "\""}});
    EXPECT_EQ(unchanged.status, 304u);
    EXPECT_TRUE(unchanged.body.empty());
    EXPECT_EQ(unchanged.headers.at("etag"), "\"" + hash + "\"");
    const auto small = client.get(thumbnail);
    ASSERT_EQ(small.status, 200u);
    EXPECT_EQ(img::decode_test_jpeg(small.body).width, 320u);

    // A new photo gets a new URL; the old one is gone.
    const auto replaced =
        raw(browser, "PUT", path, img::encode_test_jpeg(img::corner_marked_image(400, 300)),
            "image/jpeg");
    ASSERT_EQ(replaced.status, 201u) << replaced.body;
    EXPECT_NE(replaced.json()["photo"]["url"], url);
    expect_error(client.get(url), 404, "not_found");
    expect_error(client.get(url.substr(0, url.size() - 4) + ".png"), 404, "not_found");
    ASSERT_EQ(browser.send("DELETE", path).status, 200u);
    expect_error(client.get(replaced.json()["photo"]["url"]), 404, "not_found");
}

// Phone photos are larger than the API's 2 MiB body limit: a photo upload may have up to
// 10 MiB (the padding here, comment segments, is stripped like any metadata), more is 413 and
// the stored photo stays; any other route keeps the 2 MiB limit.
TEST_F(DirectoryHttpTest, PhotoUploadsMayBeLargerThanOtherBodies) {
    const auto holder = directory().start_holder(service::Principal::cli(), w, police,
                                                 person("Jana Nová"), "2025-01-01");
    Browser browser(town.port());
    ASSERT_EQ(browser.login(manager_email).status, 200u);
    const std::string path = "/api/v1/admin/holders/" + std::to_string(holder.id) + "/photo";
    const auto padded = [](std::size_t segments) {
        std::string padding;
        for (std::size_t i = 0; i < segments; ++i) {
            padding += img::jpeg_segment(0xFE, std::string(60000, static_cast<char>('a' + i % 26)));
        }
        return img::insert_after_soi(phone_jpeg(), padding);
    };
    const std::string big = padded(60);  // ~3.6 MB
    ASSERT_GT(big.size(), 3'000'000u);
    const auto stored = raw(browser, "PUT", path, big, "image/jpeg");
    ASSERT_EQ(stored.status, 201u) << stored.body;
    HttpClient client(town.port());
    const auto served = client.get(stored.json()["photo"]["url"].get<std::string>());
    ASSERT_EQ(served.status, 200u);
    EXPECT_LT(served.body.size(), 1'000'000u);
    EXPECT_EQ(served.body.find("aaaaaaaaaa"), std::string::npos);

    const std::string too_big = padded(180);  // ~10.8 MB
    ASSERT_GT(too_big.size(), 10u * 1024u * 1024u);
    expect_error(raw(browser, "PUT", path, too_big, "image/jpeg"), 413, "payload_too_large");
    EXPECT_EQ(client.get(stored.json()["photo"]["url"].get<std::string>()).status, 200u);
    EXPECT_EQ(audit_count("photo.upload"), 1u);

    // The same 3.6 MB as a JSON body elsewhere: 413.
    const std::string json_body = "{\"name\":\"" + std::string(3'000'000, 'x') + "\"}";
    expect_error(raw(browser, "PUT", "/api/v1/admin/holders/" + std::to_string(holder.id),
                     json_body, "application/json"),
                 413, "payload_too_large");
}

TEST_F(DirectoryHttpTest, RefusalsChangeNothing) {
    const auto cli = service::Principal::cli();
    const auto east =
        directory().start_holder(cli, e, police, person("Eva Východní"), "2025-01-01");
    const std::string east_seat =
        "/api/v1/admin/districts/" + std::to_string(e) + "/roles/" + std::to_string(police);
    const std::string east_holder = "/api/v1/admin/holders/" + std::to_string(east.id);
    const json profile = {{"name", "Vetřelec"}, {"from", "2026-01-01"}};
    const auto edits = [&] {
        return audit_count("team.") + audit_count("place.") + audit_count("photo.");
    };
    const auto before = edits();

    // Nobody signed in: 401.
    Browser anonymous(town.port());
    anonymous.fetch_csrf();
    expect_error(anonymous.post(east_seat + "/holders", profile), 401, "unauthenticated");
    expect_error(anonymous.send("PUT", east_holder, profile), 401, "unauthenticated");
    expect_error(anonymous.get("/api/v1/admin/districts"), 401, "unauthenticated");

    // Signed in, but without the CSRF token: 403.
    Browser browser(town.port());
    ASSERT_EQ(browser.login(manager_email).status, 200u);
    const std::string token = browser.csrf();
    browser.csrf().clear();
    const std::string own_seat =
        "/api/v1/admin/districts/" + std::to_string(w) + "/roles/" + std::to_string(police);
    expect_error(browser.post(own_seat + "/holders", profile), 403, "csrf_failed");
    browser.csrf() = token;

    // Another district (E, in the other city part): 403.
    expect_error(browser.post(east_seat + "/holders", profile), 403, "forbidden");
    expect_error(browser.send("PUT", east_seat + "/contact", {{"email", "x@example.org"}}), 403,
                 "forbidden");
    expect_error(browser.send("PUT", east_holder, profile), 403, "forbidden");
    expect_error(browser.post(east_holder + "/end", {{"to", "2026-01-01"}}), 403, "forbidden");
    expect_error(raw(browser, "PUT", east_holder + "/photo", phone_jpeg(), "image/jpeg"), 403,
                 "forbidden");
    expect_error(browser.post("/api/v1/admin/places", {{"municipality", AuthTown::testov},
                                                       {"kind", "info_box"},
                                                       {"name", "Cizí"},
                                                       {"lon", 14.15},
                                                       {"lat", 50.05}}),
                 403, "forbidden");
    expect_error(browser.post("/api/v1/admin/team-roles", {{"municipality", AuthTown::testov},
                                                           {"code", "assistant"},
                                                           {"name_cs", "Asistent"},
                                                           {"name_en", "Assistant"}}),
                 403, "forbidden");
    EXPECT_EQ(edits(), before);
    const auto seats = directory().team(e);
    EXPECT_EQ(seats[0].holder->profile.name, "Eva Východní");
    EXPECT_FALSE(seats[0].holder->photo_id);
    EXPECT_FALSE(seats[0].contact.email);
    EXPECT_TRUE(directory().town_places({AuthTown::testov, std::nullopt, std::nullopt}).empty());
    EXPECT_EQ(directory().team_roles(AuthTown::testov, true).size(), 3u);
}

TEST_F(DirectoryHttpTest, BadInputNamesTheField) {
    Browser browser(town.port());
    ASSERT_EQ(browser.login(manager_email).status, 200u);
    const std::string seat =
        "/api/v1/admin/districts/" + std::to_string(w) + "/roles/" + std::to_string(police);
    expect_error(browser.post(seat + "/holders", {{"from", "2026-01-01"}}), 400, "invalid_argument",
                 "name");
    expect_error(
        browser.post(seat + "/holders", {{"name", std::string(201, 'x')}, {"from", "2026-01-01"}}),
        400, "invalid_argument", "name");
    expect_error(browser.post(seat + "/holders", {{"name", "Eva"}, {"from", "1. 1. 2026"}}), 400,
                 "invalid_argument", "from");
    expect_error(
        browser.post(seat + "/holders",
                     {{"name", "Eva"}, {"from", "2026-01-01"}, {"bio", std::string(2001, 'b')}}),
        400, "invalid_argument", "bio");
    expect_error(
        browser.post(seat + "/holders",
                     {{"name", "Eva"},
                      {"from", "2026-01-01"},
                      {"office_hours", {{{"weekday", 1}, {"from", "9:00"}, {"to", "10:00"}}}}}),
        400, "invalid_argument", "office_hours[0].from");
    expect_error(browser.post(seat + "/holders",
                              {{"name", "Eva"}, {"from", "2026-01-01"}, {"phone", "zavolejte mi"}}),
                 400, "invalid_argument", "phone");
    expect_error(browser.send("PUT", seat + "/contact", {{"email", "not-an-address"}}), 400,
                 "invalid_argument", "email");
    expect_error(browser.post("/api/v1/admin/places", {{"municipality", AuthTown::testov},
                                                       {"kind", "info_box"},
                                                       {"name", "Schránka"},
                                                       {"lon", "14.05"},
                                                       {"lat", 50.05}}),
                 400, "invalid_argument", "lon");
    expect_error(browser.post("/api/v1/admin/places", {{"municipality", AuthTown::testov},
                                                       {"kind", "helipad"},
                                                       {"name", "Schránka"},
                                                       {"lon", 14.05},
                                                       {"lat", 50.05}}),
                 404, "not_found", "kind");
    expect_error(browser.post("/api/v1/admin/districts/987654/roles/1/holders",
                              {{"name", "Eva"}, {"from", "2026-01-01"}}),
                 404, "not_found", "id");
    EXPECT_FALSE(directory().team(w)[0].holder);
}

}  // namespace
}  // namespace okrsek::test
