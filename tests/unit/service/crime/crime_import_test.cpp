// CrimeData on the test's engine: the real Policie ČR samples in CSV and GeoJSON, merging of
// type rows, idempotent re-import, atomicity per file, rejected rows, code lists with their
// hierarchy, S-JTSK mappings and the assignment to Prague's districts.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>

#include "core/error.hpp"
#include "service/crime/crime_data.hpp"
#include "service/demo_town.hpp"
#include "service/platform.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::service {
namespace {

std::filesystem::path crime_file(const std::string& name) {
    return test::source_dir() / "tests" / "data" / "crime" / name;
}

constexpr const char* policie_header = "id,x,y,mp,date,state,relevance,types\n";

class CrimeImportTest : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& name, const std::string& text) {
        const auto path = dir.path() / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    IncidentImportRequest request(std::vector<std::filesystem::path> files,
                                  std::string source = std::string(policie_source)) {
        IncidentImportRequest r;
        r.files = std::move(files);
        r.source = std::move(source);
        r.actor = Principal::cli();
        return r;
    }

    IncidentImportReport import(std::vector<std::filesystem::path> files,
                                std::string source = std::string(policie_source)) {
        return platform.crime().import_incidents(request(std::move(files), std::move(source)));
    }

    // Every stored incident of `source` by external id.
    std::map<std::string, store::StoredIncident> incidents_of(const std::string& source) {
        std::map<std::string, store::StoredIncident> found;
        peek->for_each_incident([&](const store::StoredIncident& s) {
            if (s.source == source) found[s.incident.external_id] = s;
        });
        return found;
    }

    // The demo town: Praha's outline, its 57 city parts and 226 districts (data/demo).
    void load_prague_layers() { build_demo_town(platform, test::source_dir() / "data" / "demo"); }

    std::int64_t district_id(const std::string& code) {
        for (const auto& area : platform.catalog()->find_layer("districts")->areas) {
            if (area.code == code) return area.id;
        }
        return 0;
    }

    test::TempDir dir;
    test::TestDatabase database{dir.path(), "crime.db", test::PgStart::migrated};
    Platform platform{store::open_store(database.setting())};
    std::unique_ptr<store::Store> peek = store::open_store(database.setting());
};

core::ErrorCode code_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const core::Error& error) {
        return error.code();
    }
    ADD_FAILURE() << "no error";
    return core::ErrorCode::internal;
}

TEST_F(CrimeImportTest, TheRealSampleImportsTheSameFromCsvAndGeoJson) {
    const auto csv = import({crime_file("policie-sample.csv")});
    EXPECT_EQ(csv.rows_read, 120u);
    EXPECT_EQ(csv.incidents, 45u);
    EXPECT_EQ(csv.inserted, 45);
    EXPECT_EQ(csv.rows_rejected, 0u);
    EXPECT_EQ(peek->incident_type_count(), 120);
    const auto geojson = import({crime_file("policie-sample.geojson")}, "policie-geojson");
    EXPECT_EQ(geojson.rows_read, 45u);
    EXPECT_EQ(geojson.incidents, 45u);

    const auto from_csv = incidents_of("policie-cz");
    const auto from_geojson = incidents_of("policie-geojson");
    ASSERT_EQ(from_csv.size(), 45u);
    ASSERT_EQ(from_geojson.size(), 45u);
    for (const auto& [id, a] : from_csv) {
        const auto& b = from_geojson.at(id).incident;
        EXPECT_EQ(a.incident.occurred_at, b.occurred_at) << id;
        EXPECT_EQ(a.incident.local_offset_min, b.local_offset_min) << id;
        EXPECT_EQ(a.incident.lon_e7, b.lon_e7) << id;
        EXPECT_EQ(a.incident.lat_e7, b.lat_e7) << id;
        EXPECT_EQ(a.incident.municipal_police, b.municipal_police) << id;
        EXPECT_EQ(a.incident.state, b.state) << id;
        EXPECT_EQ(a.incident.relevance, b.relevance) << id;
        EXPECT_EQ(a.incident.types, b.types) << id;
    }
    // 14216226: 7 type rows, 2020-11-15T08:00:00.0000+01:00.
    const auto& one = from_csv.at("14216226").incident;
    EXPECT_EQ(one.types, (std::vector<std::int64_t>{35, 37, 38, 55, 63, 72, 102}));
    EXPECT_EQ(one.occurred_at, "2020-11-15T07:00:00Z");
    EXPECT_EQ(one.local_offset_min, 60);
    EXPECT_EQ(one.lon_e7, 144408990);
    EXPECT_EQ(one.lat_e7, 501101720);
    EXPECT_EQ(from_csv.at("2750632").incident.occurred_at, "2014-04-30T22:48:00Z");
    // No layer loaded: everything is stored, unassigned.
    EXPECT_EQ(csv.unassigned, 45u);
}

TEST_F(CrimeImportTest, RowsOfOneIdAreMergedWhereverTheyStand) {
    const auto file = write("apart.csv", std::string(policie_header) +
                                             "7,14.4,50.1,FALSE,2020-06-01T10:00:00+02:00,1,4,1\n"
                                             "7,14.4,50.1,FALSE,2020-06-01T10:00:00+02:00,1,4,5\n"
                                             "8,14.5,50.0,true,2020-06-02T10:00:00Z,2,,97\n"
                                             "7,14.4,50.1,FALSE,2020-06-01T10:00:00+02:00,1,4,8\n"
                                             "8,14.5,50.0,true,2020-06-02T10:00:00Z,2,,97\n");
    const auto report = import({file});
    EXPECT_EQ(report.incidents, 2u);
    EXPECT_EQ(report.files.at(0).repeated_ids, 2u);
    EXPECT_EQ(peek->incident_count(), 2);
    const auto seven = peek->find_incident("policie-cz", "7");
    ASSERT_TRUE(seven);
    EXPECT_EQ(seven->incident.types, (std::vector<std::int64_t>{1, 5, 8}));
    const auto eight = peek->find_incident("policie-cz", "8");
    EXPECT_TRUE(eight->incident.municipal_police);
    EXPECT_FALSE(eight->incident.relevance.has_value());
    EXPECT_EQ(eight->incident.types, (std::vector<std::int64_t>{97}));
}

TEST_F(CrimeImportTest, ReImportIsIdempotentAndUpdatesChangedRows) {
    import({crime_file("policie-sample.csv")});
    const auto again = import({crime_file("policie-sample.csv")});
    EXPECT_EQ(again.inserted, 0);
    EXPECT_EQ(again.updated, 45);
    EXPECT_EQ(peek->incident_count(), 45);
    EXPECT_EQ(peek->incident_type_count(), 120);
    const auto id_before = peek->find_incident("policie-cz", "14174724")->id;

    // The state moved on and a type was dropped.
    const auto changed = write(
        "changed.csv", std::string(policie_header) +
                           "14174724,14.401882,50.068808,False,2020-11-16T08:34:00.0000+01:00,"
                           "3,2,54\n"
                           "14174724,14.401882,50.068808,False,2020-11-16T08:34:00.0000+01:00,"
                           "3,2,62\n");
    const auto report = import({changed});
    EXPECT_EQ(report.updated, 1);
    const auto after = peek->find_incident("policie-cz", "14174724");
    EXPECT_EQ(after->id, id_before);
    EXPECT_EQ(after->incident.state, 3);
    EXPECT_EQ(after->incident.types, (std::vector<std::int64_t>{54, 62}));
    EXPECT_EQ(peek->incident_count(), 45);
    EXPECT_EQ(peek->incident_type_count(), 118);
}

TEST_F(CrimeImportTest, RejectedRowsAreReportedWithTheirLines) {
    const auto file = write("bad.csv", std::string(policie_header) +
                                           "1,14.4,50.1,False,2020-06-01T10:00:00+02:00,1,4,1\n"
                                           "2,,50.1,False,2020-06-01T10:00:00+02:00,1,4,1\n"
                                           "3,14.4,50.1,maybe,2020-06-01T10:00:00+02:00,1,4,1\n"
                                           "4,14.4,50.1,False,2020-02-30T10:00:00+02:00,1,4,1\n"
                                           "5,14.4,50.1,False,2020-06-01T10:00:00+02:00,1,4,x\n"
                                           "6,214.4,50.1,False,2020-06-01T10:00:00+02:00,1,4,1\n");
    const auto report = import({file});
    EXPECT_EQ(report.incidents, 1u);
    EXPECT_EQ(report.rows_rejected, 5u);
    ASSERT_EQ(report.rejections.size(), 5u);
    EXPECT_EQ(report.rejections[0].position, 3u);
    EXPECT_EQ(report.rejections[0].position_kind, "line");
    EXPECT_EQ(report.rejections[0].reason, "no coordinates");
    EXPECT_EQ(report.rejections[1].position, 4u);
    EXPECT_NE(report.rejections[2].reason.find("not a valid date"), std::string::npos);
    EXPECT_EQ(report.rejections[3].reason, "type 'x' is not an integer");
    EXPECT_EQ(report.rejections[4].position, 7u);
    EXPECT_EQ(report.rejections[4].reason, "coordinates are not a WGS 84 position");
}

TEST_F(CrimeImportTest, AFileWithAFatalErrorChangesNothing) {
    import({crime_file("policie-sample.csv")});
    const auto version = peek->crime_version();
    // A good row updating a stored incident, then more bad rows than allowed.
    std::string text = std::string(policie_header) +
                       "14174724,14.4,50.06,False,2020-11-16T08:34:00+01:00,4,2,1\n"
                       "99,14.4,50.06,False,2020-11-16T08:34:00+01:00,4,2,1\n";
    for (int i = 0; i < 3; ++i) text += "x,y,z\n";
    auto r = request({write("broken.csv", text)});
    r.max_rejected_rows = 2;
    EXPECT_EQ(code_of([&] { platform.crime().import_incidents(r); }),
              core::ErrorCode::invalid_input);
    // A GeoJSON file that is not JSON.
    EXPECT_EQ(code_of([&] { import({write("broken.geojson", "{\"type\": \"FeatureCo")}); }),
              core::ErrorCode::invalid_input);
    EXPECT_EQ(peek->incident_count(), 45);
    EXPECT_EQ(peek->find_incident("policie-cz", "14174724")->incident.state, 1);
    EXPECT_FALSE(peek->find_incident("policie-cz", "99"));
    EXPECT_EQ(peek->crime_version(), version);
    // Only the command line may import.
    auto web = request({crime_file("policie-sample.csv")});
    web.actor = Principal{};
    EXPECT_EQ(code_of([&] { platform.crime().import_incidents(web); }), core::ErrorCode::forbidden);
}

TEST_F(CrimeImportTest, CodeListsFormTheirHierarchyFromCsvAndJson) {
    CodeListImportRequest codes;
    codes.file = crime_file("types.csv");
    codes.actor = Principal::cli();
    const auto csv = platform.crime().import_code_list(codes);
    EXPECT_EQ(csv.list, store::CrimeCodeList::types);
    EXPECT_EQ(csv.codes, 39u);
    EXPECT_EQ(csv.top_level, 12u);
    EXPECT_EQ(csv.depth, 2);
    const auto from_csv = peek->crime_codes("policie-cz", store::CrimeCodeList::types);
    codes.file = crime_file("types.json");
    codes.source = "from-json";
    platform.crime().import_code_list(codes);
    const auto from_json = peek->crime_codes("from-json", store::CrimeCodeList::types);
    ASSERT_EQ(from_json.size(), from_csv.size());
    for (std::size_t i = 0; i < from_csv.size(); ++i) {
        EXPECT_EQ(from_json[i].code, from_csv[i].code);
        EXPECT_EQ(from_json[i].parent_code, from_csv[i].parent_code);
        EXPECT_EQ(from_json[i].name, from_csv[i].name);
    }

    // Three levels, ancestors given top-first in one file and deepest-first in the other;
    // sexual offences (and their sub-types) marked sensitive by name.
    const std::string top_first =
        "id,parent_id1,parent_id2,parent_id3,name,label\n"
        "1,,,,NÁSILNÁ TRESTNÁ ČINNOST,\n"
        "2,1,,,MRAVNOSTNÍ TRESTNÉ ČINY,\n"
        "3,1,2,,znásilnění,\n"
        "4,1,2,3,znásilnění ve skupině,\n"
        "5,1,,,loupež,\n";
    const std::string deepest_first =
        "id,parent_id1,parent_id2,parent_id3,name,label\n"
        "1,,,,NÁSILNÁ TRESTNÁ ČINNOST,\n"
        "2,1,,,MRAVNOSTNÍ TRESTNÉ ČINY,\n"
        "3,2,1,,znásilnění,\n"
        "4,3,2,1,znásilnění ve skupině,\n"
        "5,1,,,loupež,\n";
    for (const auto& [name, text] : {std::pair{"a", top_first}, std::pair{"b", deepest_first}}) {
        codes.file = write(std::string(name) + "-types.csv", text);
        codes.list = store::CrimeCodeList::types;
        codes.source = name;
        const auto report = platform.crime().import_code_list(codes);
        EXPECT_EQ(report.depth, 4);
        EXPECT_EQ(report.sensitive, (std::vector<std::int64_t>{2, 3, 4}));
        const auto types = peek->crime_codes(name, store::CrimeCodeList::types);
        ASSERT_EQ(types.size(), 5u);
        EXPECT_EQ(types[3].parent_code, 3) << name;
        EXPECT_EQ(types[3].level, 4) << name;
        EXPECT_EQ(types[2].parent_code, 2) << name;
        EXPECT_FALSE(types[4].sensitive);
    }

    // States as JSON in the open-data layout, the list named by the file.
    codes.file = dir.path() / "states.json";
    std::ofstream(codes.file) << R"({"polozky":[{"kod":"1","nazev":{"cs":"skutek se nestal"}},
        {"kod":"2","nazev":{"cs":"fingovaná trestná činnost"}}]})";
    codes.list.reset();
    codes.source = "policie-cz";
    EXPECT_EQ(platform.crime().import_code_list(codes).list, store::CrimeCodeList::states);
    EXPECT_EQ(peek->crime_codes("policie-cz", store::CrimeCodeList::states).at(1).name,
              "fingovaná trestná činnost");
}

TEST_F(CrimeImportTest, UnknownTypesAreKeptOrRejectedOnRequest) {
    CodeListImportRequest codes;
    codes.file = crime_file("types.csv");
    codes.actor = Principal::cli();
    platform.crime().import_code_list(codes);
    const auto report = import({crime_file("policie-sample.csv")});
    EXPECT_TRUE(report.type_list_loaded);
    EXPECT_GT(report.unknown_types, 0u);
    EXPECT_EQ(report.incidents, 45u);
    auto strict = request({crime_file("policie-sample.csv")}, "strict");
    strict.reject_unknown_types = true;
    // The strict source has no type list of its own: nothing is checked.
    EXPECT_EQ(platform.crime().import_incidents(strict).rows_rejected, 0u);
    strict.source = "policie-cz";
    strict.max_rejected_rows = 1000;
    const auto checked = platform.crime().import_incidents(strict);
    EXPECT_EQ(checked.rows_rejected, report.unknown_types);
    EXPECT_NE(checked.rejections.at(0).reason.find("is not in the source's type list"),
              std::string::npos);
}

TEST_F(CrimeImportTest, AssignsPragueDistrictsAndReassignsWhenLayersChange) {
    // Before any layer: unassigned.
    const auto sjtsk_csv = write("town.csv",
                                 "cislo;X;Y;datum;cas;druh\n"
                                 "MP-1;-742805.88;-1043009.48;15.3.2024;14:30;krádež\n"
                                 "MP-2;742805.88;1043009.48;31.3.2024;2:30;krádež|výtržnictví\n");
    auto town = request({sjtsk_csv}, "mp-praha");
    town.format = IncidentFormat::csv;
    town.mapping_json = R"({"id":"cislo","x":"X","y":"Y","date":"datum","time":"cas",
        "types":"druh","types_separator":"|","delimiter":";","crs":"sjtsk",
        "municipal_police_value":true,"type_codes":{"krádež":35,"výtržnictví":5}})";
    const auto first = platform.crime().import_incidents(town);
    // 31 March 2024 02:30 does not exist in Prague (summer time began at 02:00).
    EXPECT_EQ(first.incidents, 1u);
    EXPECT_EQ(first.rows_rejected, 1u);
    EXPECT_EQ(first.unassigned, 1u);
    const auto mp1 = peek->find_incident("mp-praha", "MP-1");
    ASSERT_TRUE(mp1);
    // Control point PRAHA-STAROMESTSKE-NAM (shared/data/proj): 50.0875 N 14.4213 E within 1 m.
    EXPECT_NEAR(static_cast<double>(mp1->incident.lat_e7) / 1e7, 50.0875, 1e-5);
    EXPECT_NEAR(static_cast<double>(mp1->incident.lon_e7) / 1e7, 14.4213, 1.5e-5);
    EXPECT_EQ(mp1->incident.occurred_at, "2024-03-15T13:30:00Z");
    EXPECT_TRUE(mp1->incident.municipal_police);
    EXPECT_EQ(mp1->incident.types, (std::vector<std::int64_t>{35}));
    import({crime_file("policie-sample.csv")});

    load_prague_layers();
    // The layer imports re-assigned the stored incidents by themselves.
    EXPECT_EQ(peek->find_incident("mp-praha", "MP-1")->incident.district_id, district_id("1-5"));
    const auto report = platform.crime().reassign(Principal::cli());
    EXPECT_EQ(report.changed, 0);
    EXPECT_EQ(report.incidents, 46);
    // 10 sample incidents (checked by ray casting over data/demo in Python) and the town's one
    // lie in Prague.
    EXPECT_EQ(report.incidents - report.unassigned, 11);
    const auto assigned = peek->find_incident("mp-praha", "MP-1");
    EXPECT_EQ(assigned->incident.municipality_code, demo_town_code);
    EXPECT_EQ(assigned->incident.district_id, district_id("1-5"));
    EXPECT_TRUE(assigned->incident.city_part_id.has_value());
    const auto outside = peek->find_incident("policie-cz", "2750632");
    EXPECT_FALSE(outside->incident.municipality_code.has_value());

    // Imports place incidents in the loaded layers at once.
    const auto again = import({crime_file("policie-sample.csv")}, "second");
    EXPECT_EQ(again.incidents - again.unassigned, 10u);
    std::size_t in_prague = 0;
    for (const auto& [id, s] : incidents_of("second")) {
        if (s.incident.district_id) {
            ++in_prague;
            EXPECT_EQ(s.incident.municipality_code, demo_town_code);
        }
    }
    EXPECT_EQ(in_prague, 10u);
    // A second reassignment changes nothing.
    EXPECT_EQ(platform.crime().reassign(Principal::cli()).changed, 0);
}

}  // namespace
}  // namespace okrsek::service
