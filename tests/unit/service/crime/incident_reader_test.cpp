// The incident readers and code-list reader (io/incident_*.cpp, io/crime_code_lists.cpp), no
// database: times and offsets, flags, quoting, mappings, GeoJSON variants, hierarchy errors.
#include "io/incident_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"
#include "io/crime_code_lists.hpp"

namespace okrsek::io {
namespace {

IncidentRecord time_of(std::string_view date, std::string_view time = {}) {
    IncidentRecord record;
    std::string reason;
    EXPECT_TRUE(parse_incident_time(date, time, record, reason)) << date << ": " << reason;
    return record;
}

bool bad_time(std::string_view date) {
    IncidentRecord record;
    std::string reason;
    return !parse_incident_time(date, {}, record, reason) && !reason.empty();
}

TEST(IncidentTime, ReadsOffsetsFractionsAndPragueWallClock) {
    auto r = time_of("2020-11-02T16:58:00.0000+01:00");
    EXPECT_EQ(r.occurred_at, "2020-11-02T15:58:00Z");
    EXPECT_EQ(r.local_offset_min, 60);
    EXPECT_EQ(time_of("2014-05-01T00:48:00.0000+02:00").occurred_at, "2014-04-30T22:48:00Z");
    EXPECT_EQ(time_of("2020-06-30T11:00:00Z").local_offset_min, 0);
    EXPECT_EQ(time_of("2020-06-30T11:00-0130").occurred_at, "2020-06-30T12:30:00Z");
    // Without an offset: Prague time, summer and winter.
    r = time_of("2024-07-01 10:00");
    EXPECT_EQ(r.occurred_at, "2024-07-01T08:00:00Z");
    EXPECT_EQ(r.local_offset_min, 120);
    EXPECT_EQ(time_of("15.3.2024 14:30").occurred_at, "2024-03-15T13:30:00Z");
    EXPECT_EQ(time_of("15. 3. 2024", "14:30:15").occurred_at, "2024-03-15T13:30:15Z");
    EXPECT_EQ(time_of("2024-03-15", "9:05").occurred_at, "2024-03-15T08:05:00Z");
    // The autumn's repeated hour: its first occurrence (summer time).
    EXPECT_EQ(time_of("2024-10-27 02:30").occurred_at, "2024-10-27T00:30:00Z");
    EXPECT_TRUE(bad_time("2024-03-31 02:30"));
    EXPECT_TRUE(bad_time("2020-02-30T10:00:00Z"));
    EXPECT_TRUE(bad_time("2020-06-30T24:00:00Z"));
    EXPECT_TRUE(bad_time("2020-06-30T10:00:00+15:00"));
    EXPECT_TRUE(bad_time("1989-06-30T10:00:00Z"));
    EXPECT_TRUE(bad_time("yesterday"));
    EXPECT_TRUE(bad_time(""));
}

TEST(IncidentCsv, ReadsQuotedFieldsFlagsAndCrLf) {
    std::istringstream in(
        "\xEF\xBB\xBFid,x,y,mp,date,state,relevance,types\r\n"
        "\"1\",14.5,50.1,TRUE,2020-06-01T10:00:00+02:00,,3,\"97\"\r\n"
        "\r\n"
        "2,14.5,50.1,0,2020-06-01T10:00:00+02:00,1,3,97\n"
        "3,14.5,50.1,False,2020-06-01T10:00:00+02:00,one,3,97\n");
    auto reader = open_incident_csv(in, "t.csv", policie_mapping(), nullptr);
    IncidentRecord record;
    std::string reason;
    ASSERT_EQ(reader->next(record, reason), IncidentReader::Row::record) << reason;
    EXPECT_EQ(record.external_id, "1");
    EXPECT_TRUE(record.municipal_police);
    EXPECT_FALSE(record.state.has_value());
    EXPECT_EQ(record.relevance, 3);
    EXPECT_EQ(record.lon_e7, 145000000);
    ASSERT_EQ(reader->next(record, reason), IncidentReader::Row::record) << reason;
    EXPECT_FALSE(record.municipal_police);
    EXPECT_EQ(reader->position(), 4u);
    ASSERT_EQ(reader->next(record, reason), IncidentReader::Row::rejected);
    EXPECT_EQ(reason, "state 'one' is not an integer");
    EXPECT_EQ(reader->next(record, reason), IncidentReader::Row::end);
}

TEST(IncidentMapping, RefusesBrokenMappings) {
    const auto refused = [](const std::string& json) {
        try {
            parse_incident_mapping(json);
        } catch (const core::Error& error) {
            return error.code() == core::ErrorCode::invalid_input && error.field() == "mapping";
        }
        return false;
    };
    EXPECT_TRUE(refused("not json"));
    EXPECT_TRUE(refused("[]"));
    EXPECT_TRUE(refused(R"({"x":"X","y":"Y","date":"d"})"));  // no id
    EXPECT_TRUE(refused(R"({"id":"i","date":"d","crs":"EPSG:3857"})"));
    EXPECT_TRUE(refused(R"({"id":"i","date":"d","delimiter":";;"})"));
    EXPECT_TRUE(refused(R"({"id":"i","date":"d","type_codes":{"a":"b"}})"));
    const auto mapping = parse_incident_mapping(R"({"id":"i","date":"d","crs":"EPSG:5514"})");
    EXPECT_EQ(mapping.crs, geo::Crs::sjtsk);
    EXPECT_EQ(mapping.types, "types");
}

TEST(IncidentGeoJson, ReadsPropertiesTypesAndTopLevelIds) {
    const std::string text = R"({"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Point","coordinates":[14.4,50.1]},
       "properties":{"id":5,"date":"2020-06-01T10:00:00+02:00","types":[1,5],"mp":true}},
      {"type":"Feature","id":"A-6","geometry":{"type":"Point","coordinates":[14.4,50.1]},
       "properties":{"date":"2020-06-01T10:00:00+02:00","types":"97","state":"2"}},
      {"type":"Feature","geometry":null,"properties":{"id":7,"date":"2020-06-01","types":[1]}},
      {"type":"Feature","geometry":{"type":"Point","coordinates":[14.4,50.1]},
       "properties":{"id":8,"date":"2020-06-01T10:00:00Z","types":[]}}]})";
    auto reader = open_incident_geojson(text, "t.geojson", policie_mapping(), nullptr);
    IncidentRecord record;
    std::string reason;
    ASSERT_EQ(reader->next(record, reason), IncidentReader::Row::record) << reason;
    EXPECT_EQ(record.external_id, "5");
    EXPECT_EQ(record.types, (std::vector<std::int64_t>{1, 5}));
    EXPECT_TRUE(record.municipal_police);
    ASSERT_EQ(reader->next(record, reason), IncidentReader::Row::record) << reason;
    EXPECT_EQ(record.external_id, "A-6");
    EXPECT_EQ(record.state, 2);
    EXPECT_EQ(record.types, (std::vector<std::int64_t>{97}));
    ASSERT_EQ(reader->next(record, reason), IncidentReader::Row::rejected);
    EXPECT_EQ(reason, "no Point geometry");
    EXPECT_EQ(reader->position(), 3u);
    EXPECT_EQ(reader->position_kind(), "feature");
    ASSERT_EQ(reader->next(record, reason), IncidentReader::Row::rejected);
    EXPECT_EQ(reason, "no type");
    EXPECT_EQ(reader->next(record, reason), IncidentReader::Row::end);
    EXPECT_THROW(open_incident_geojson(R"({"type":"Feature"})", "f", policie_mapping(), nullptr),
                 core::Error);
}

TEST(CrimeCodeLists, NestedJsonAndBrokenHierarchies) {
    const auto nested = read_crime_code_list(
        R"({"polozky":[{"kod":1,"nazev":{"cs":"KRÁDEŽE"},"polozky":[
              {"kod":2,"nazev":{"cs":"kapesní"},"polozky":[{"kod":3,"nazev":"v MHD"}]}]}]})",
        "nested.json");
    ASSERT_EQ(nested.size(), 3u);
    EXPECT_EQ(nested[2].parent, 2);
    EXPECT_EQ(nested[2].level, 3);
    EXPECT_FALSE(nested[0].parent.has_value());
    const auto refused = [](std::string_view text) {
        try {
            read_crime_code_list(text, "bad");
        } catch (const core::Error& error) {
            return error.code() == core::ErrorCode::invalid_input;
        }
        return false;
    };
    EXPECT_TRUE(refused("id,parent_id1,name\n1,2,a\n2,1,b\n"));                      // a cycle
    EXPECT_TRUE(refused("id,parent_id1,name\n1,,a\n1,,b\n"));                        // twice
    EXPECT_TRUE(refused("id,parent_id1,name\n1,,\n"));                               // no name
    EXPECT_TRUE(refused("id,parent_id1,name\n1,,a\n2,1,b\n3,2,c\n4,3,d\n5,4,e\n"));  // 5 levels
    EXPECT_TRUE(refused(R"({"polozky":[{"nazev":"no code"}]})"));
    EXPECT_TRUE(refused("{nope"));
    // States as "id,label" with semicolons.
    const auto states = read_crime_code_list("id;label\n1;skutek se nestal\n", "states.csv");
    ASSERT_EQ(states.size(), 1u);
    EXPECT_EQ(states[0].name, "skutek se nestal");
}

}  // namespace
}  // namespace okrsek::io
