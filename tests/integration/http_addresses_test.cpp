// GET /api/v1/addresses end to end: the real RÚIAN samples (Mnichovice in UTF-8, Lomnice nad
// Popelkou in windows-1250) imported, then searched over HTTP; districts and city parts from
// small test layers, recomputed when the layers change; an import by another process (the
// CLI) reaching a running server; every bad parameter. On both engines.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "okrsek_command.hpp"
#include "server_fixture.hpp"
#include "server_process.hpp"

namespace okrsek::test {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t mnichovice = 538493;
constexpr std::int64_t lomnice = 577308;
constexpr std::int64_t svahova_1 = 21297258;  // Mnichovice, Božkov, Svahová 1

std::filesystem::path sample(const std::string& name) {
    return support_file("ruian-addresses/" + name);
}

std::string encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    return out;
}

// A box as a GeoJSON feature with "kod" and "nazev".
std::string box_feature(const std::string& code, const std::string& name, double west, double south,
                        double east, double north) {
    const auto at = [](double lon, double lat) {
        return "[" + std::to_string(lon) + "," + std::to_string(lat) + "]";
    };
    return R"({"type":"Feature","properties":{"kod":")" + code + R"(","nazev":")" + name +
           R"("},"geometry":{"type":"Polygon","coordinates":[[)" + at(west, south) + "," +
           at(east, south) + "," + at(east, north) + "," + at(west, north) + "," + at(west, south) +
           "]]}}";
}

std::string collection(const std::vector<std::string>& features) {
    std::string out = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) out += (i ? "," : "") + features[i];
    return out + "]}";
}

class AddressSearchTest : public ServerTest {
protected:
    void SetUp() override {
        ServerTest::SetUp();
        service::AddressImportRequest request;
        request.files = {sample("20181031_OB_538493_ADR.utf8.csv"),
                         sample("20181031_OB_577308_ADR.cp1250.csv")};
        request.actor = service::Principal::cli();
        const auto report = town.platform->addresses().import_files(request);
        ASSERT_EQ(report.rows_imported, 2183U + 1765U);
    }

    nlohmann::json search(const std::string& q, const std::string& more = {}) {
        const auto result = client->get("/api/v1/addresses?q=" + encode(q) + more);
        EXPECT_EQ(result.status, 200U) << q << ": " << result.body;
        return result.json();
    }

    nlohmann::json first(const std::string& q, const std::string& more = {}) {
        const auto body = search(q, more);
        if (body["addresses"].empty()) return nullptr;
        return body["addresses"][0];
    }

    // Mnichovice as a town of the municipalities layer (beside Testov), split into districts
    // north and south of 49.93° N, with one city part in the south.
    void import_mnichovice_layers() {
        const auto testov_town = read_file(support_file("testov-town.geojson"));
        const auto begin = testov_town.find("{\"type\":\"Feature\"");
        const auto end = testov_town.rfind("]}");
        import_layer("municipalities", std::nullopt,
                     {testov_town.substr(begin, end - begin),
                      box_feature("538493", "Mnichovice", 14.6, 49.85, 14.8, 50.0)});
        import_layer("districts", mnichovice,
                     {box_feature("J", "Mnichovice-jih", 14.6, 49.85, 14.8, 49.93),
                      box_feature("S", "Mnichovice-sever", 14.6, 49.93, 14.8, 50.0)});
        import_layer("city_parts", mnichovice,
                     {box_feature("MB", "Mnichovice-Božkov", 14.6, 49.85, 14.8, 49.93)});
    }

    void import_layer(const std::string& layer, std::optional<std::int64_t> municipality,
                      const std::vector<std::string>& features) {
        service::ImportRequest request;
        request.source_name = layer + ".geojson";
        request.geojson = collection(features);
        request.layer = layer;
        request.municipality_code = municipality;
        request.read_options.code_property = "kod";
        request.read_options.name_property = "nazev";
        town.platform->import_areas(request);
    }

    std::int64_t area_id(const std::string& layer, const std::string& code) {
        const auto catalog = town.platform->catalog();
        const auto* found = catalog->find_layer(layer);
        for (const auto& area : found->areas) {
            if (area.code == code) return area.id;
        }
        ADD_FAILURE() << "no area " << code << " in " << layer;
        return 0;
    }
};

TEST_F(AddressSearchTest, SvahovaOneInMnichoviceWithEveryField) {
    const auto body = search("Svahová 1");
    EXPECT_EQ(body["query"], "Svahová 1");
    ASSERT_FALSE(body["addresses"].empty()) << body;
    const auto& a = body["addresses"][0];
    EXPECT_EQ(a["code"], svahova_1);
    EXPECT_EQ(a["label"], "Svahová 1, Božkov, Mnichovice, 251 64");
    EXPECT_EQ(a["street"], "Svahová");
    EXPECT_EQ(a["house_number"], 1);
    EXPECT_EQ(a["evidence_number"], false);
    EXPECT_TRUE(a["orientation_number"].is_null());
    EXPECT_TRUE(a["orientation_letter"].is_null());
    EXPECT_EQ(a["part"], "Božkov");
    EXPECT_TRUE(a["city_part"].is_null());
    EXPECT_EQ(a["municipality"], (nlohmann::json{{"code", mnichovice}, {"name", "Mnichovice"}}));
    EXPECT_EQ(a["postcode"], "251 64");
    // tests/support/data/control-points.csv: PROJ EPSG:1623 gives 14.7058374, 49.9285406.
    EXPECT_NEAR(a["position"]["lon"].get<double>(), 14.7058374, 1e-6);
    EXPECT_NEAR(a["position"]["lat"].get<double>(), 49.9285406, 1e-6);
    EXPECT_TRUE(a["district"].is_null());
    EXPECT_TRUE(a["area_city_part"].is_null());
    // Then the longer numbers of the same street that start with 1.
    ASSERT_GE(body["addresses"].size(), 2U);
    EXPECT_EQ(body["addresses"][1]["street"], "Svahová");
    EXPECT_EQ(client->get("/api/v1/addresses?q=svahova+1").headers.at("cache-control"),
              "private, max-age=300");
}

TEST_F(AddressSearchTest, TheSameAddressWrittenManyWays) {
    for (const std::string q :
         {"svahova 1", "SVAHOVÁ 1", "1 svahova mnichovice", "svahova 1 bozkov", "svah 1 mnich",
          "svahvoa 1", "sbahova 1 mnichovice", "Svahová č.p. 1", "svahova cp1", "svahova 1 25164",
          "svahova 1 251 64"}) {
        const auto a = first(q);
        ASSERT_FALSE(a.is_null()) << q;
        EXPECT_EQ(a["code"], svahova_1) << q;
    }
}

TEST_F(AddressSearchTest, ALomniceAddressTypedWithoutDiacritics) {
    const auto a = first("zelechovska 121 lomnice");
    ASSERT_FALSE(a.is_null());
    EXPECT_EQ(a["label"], "Želechovská 121, Lomnice nad Popelkou, 512 51");
    EXPECT_EQ(a["municipality"]["code"], lomnice);
    EXPECT_EQ(a["code"], 15069966);
}

TEST_F(AddressSearchTest, AnEvidenceNumber) {
    for (const std::string q : {"Luční č.ev. 177", "lucni ev. 177", "lucni čev177"}) {
        const auto a = first(q);
        ASSERT_FALSE(a.is_null()) << q;
        EXPECT_EQ(a["code"], 21297762) << q;
        EXPECT_EQ(a["evidence_number"], true) << q;
        EXPECT_EQ(a["label"], "Luční č.ev. 177, Božkov, Mnichovice, 251 64") << q;
    }
}

TEST_F(AddressSearchTest, TheUsersTownFirst) {
    const auto town_of_first = [&](const std::string& more) {
        return first("smetanova", more)["municipality"]["code"].get<std::int64_t>();
    };
    EXPECT_EQ(town_of_first(""), lomnice);  // "Lomnice…" before "Mnichovice"
    EXPECT_EQ(town_of_first("&town=538493"), mnichovice);
    EXPECT_EQ(town_of_first("&town=577308"), lomnice);
}

TEST_F(AddressSearchTest, LimitCutsTheList) {
    // Without a number, one address per street: Smetanova of each town.
    const auto smetanova = search("smetanova").at("addresses");
    ASSERT_EQ(smetanova.size(), 2U);
    EXPECT_NE(smetanova[0]["municipality"]["code"], smetanova[1]["municipality"]["code"]);
    EXPECT_EQ(search("mnichovice").at("addresses").size(), 10U);
    EXPECT_EQ(search("mnichovice", "&limit=3").at("addresses").size(), 3U);
    EXPECT_EQ(search("mnichovice", "&limit=50").at("addresses").size(), 50U);
    EXPECT_TRUE(search("xyzzy").at("addresses").empty());
}

TEST_F(AddressSearchTest, DistrictsAndCityPartsComeFromTheAreaLayersAndFollowThem) {
    ASSERT_TRUE(first("svahova 1")["district"].is_null());
    import_mnichovice_layers();
    const auto south = first("svahova 1");
    EXPECT_EQ(south["district"],
              (nlohmann::json{
                  {"id", area_id("districts", "J")}, {"code", "J"}, {"name", "Mnichovice-jih"}}));
    EXPECT_EQ(south["area_city_part"],
              (nlohmann::json{{"id", area_id("city_parts", "MB")}, {"name", "Mnichovice-Božkov"}}));
    const auto north = first("smetanova 23 mnichovice");
    EXPECT_EQ(north["code"], 21300631);
    EXPECT_EQ(north["district"]["code"], "S");
    EXPECT_TRUE(north["area_city_part"].is_null());
    EXPECT_TRUE(first("zelechovska 121")["district"].is_null());  // Lomnice: no layer there
}

TEST_F(AddressSearchTest, AReimportIsSearchedAtOnce) {
    ASSERT_FALSE(first("svahova 1").is_null());
    const auto file = town.dir.path() / "mnichovice-small.csv";
    std::ofstream(file) << read_file(sample("20181031_OB_538493_ADR.utf8.csv")).substr(0, 800);
    service::AddressImportRequest request;
    request.files = {file};
    request.actor = service::Principal::cli();
    const auto report = town.platform->addresses().import_files(request);
    ASSERT_GT(report.rows_imported, 0U);
    ASSERT_LT(report.rows_imported, 10U);
    EXPECT_FALSE(first("svahova 1").is_null());
    EXPECT_TRUE(first("lucni 177").is_null());
    EXPECT_FALSE(first("zelechovska 121").is_null());  // the other town stays
}

TEST_F(AddressSearchTest, BadParametersAreRefusedNamingThem) {
    expect_error(client->get("/api/v1/addresses"), 400, "invalid_argument", "q");
    expect_error(client->get("/api/v1/addresses?q="), 400, "invalid_argument", "q");
    expect_error(client->get("/api/v1/addresses?q=+++"), 400, "invalid_argument", "q");
    expect_error(client->get("/api/v1/addresses?q=" + std::string(201, 'a')), 400,
                 "invalid_argument", "q");
    EXPECT_EQ(client->get("/api/v1/addresses?q=" + std::string(200, 'a')).status, 200U);
    expect_error(client->get("/api/v1/addresses?q=svahov%E1"), 400, "invalid_argument", "q");
    expect_error(client->get("/api/v1/addresses?q=a&q=b"), 400, "invalid_argument", "q");
    std::string words;
    for (int i = 0; i < 17; ++i) words += "slovo+";
    expect_error(client->get("/api/v1/addresses?q=" + words), 400, "invalid_argument", "q");
    for (const std::string limit : {"0", "51", "-1", "abc", "99999999999999999999"}) {
        expect_error(client->get("/api/v1/addresses?q=svahova&limit=" + limit), 400,
                     "invalid_argument", "limit");
    }
    for (const std::string town_code : {"0", "-5", "x"}) {
        expect_error(client->get("/api/v1/addresses?q=svahova&town=" + town_code), 400,
                     "invalid_argument", "town");
    }
    EXPECT_EQ(client->get("/api/v1/addresses?q=svahova&town=123").status, 200U);
    EXPECT_EQ(client->request("POST", "/api/v1/addresses?q=svahova").status, 405U);
}

// `okrsek serve` started first, the addresses imported by the CLI afterwards: the server sees
// the store's address version change within its check interval (about 2 s).
TEST(AddressSearchProcesses, AnImportByTheCliReachesARunningServer) {
    TempDir dir;
    TestDatabase database(dir.path(), "addresses.db");
    ServerProcess server(okrsek_binary(), database.setting(), dir.path() / "serve.log",
                         {"--rate-limit", "0"});
    HttpClient client(server.port());
    const auto found = [&] {
        const auto answer = client.get("/api/v1/addresses?q=svahova+1");
        EXPECT_EQ(answer.status, 200U) << answer.body;
        const auto body = answer.json();
        return !body["addresses"].empty() && body["addresses"][0]["code"] == svahova_1;
    };
    EXPECT_FALSE(found());
    const auto imported = run_okrsek("--db '" + database.setting() + "' import addresses " +
                                     sample("20181031_OB_538493_ADR.utf8.csv").string());
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    const auto start = std::chrono::steady_clock::now();
    bool seen = false;
    while (!seen && std::chrono::steady_clock::now() - start < 15s) {
        seen = found();
        if (!seen) std::this_thread::sleep_for(100ms);
    }
    EXPECT_TRUE(seen) << server.log();
    // The log names counts, never a searched address.
    EXPECT_EQ(server.log().find("svahova"), std::string::npos);
    EXPECT_NE(server.log().find("address index:"), std::string::npos);
}

}  // namespace
}  // namespace okrsek::test
