#pragma once

// The okrsek dump format (JSON Lines, one JSON value per line):
//
//   {"format":"okrsek-dump","format_version":1,"schema_version":1,"okrsek_version":"0.1.0",
//    "engine":"sqlite","created_at":"2026-11-22T19:04:05Z"}
//   {"table":"municipalities","columns":["code","name","created_at"]}
//   [554782,"Praha","2026-11-22T19:00:00Z"]
//   {"table":"areas","columns":["id",…,"min_lon",…,"geometry",…]}
//   [17,1,554782,"1","Praha 1","{}",14.3,…,{"base64":"AQYAAAAB…"},…]
//   {"end":"okrsek-dump","rows":{"municipalities":1,…,"areas":283,…}}
//
// Values: null, integers (64-bit), doubles (always written with a '.' or an exponent, shortest
// text that reads back to the same bits), strings (UTF-8 text) and two one-member objects:
// {"base64":"…"} for bytes (RFC 4648 with padding) and {"double":"NaN"|"Infinity"|"-Infinity"}
// for the doubles JSON has no number for. Tables come in store::portable_tables() order; the
// end marker's counts let a reader notice a truncated or spliced file.

#include <nlohmann/json.hpp>
#include <string>

#include "store/dump.hpp"

namespace okrsek::service::dump_format {

inline constexpr std::string_view format_name = "okrsek-dump";
inline constexpr int format_version = 1;

/// The first line's content.
struct Header {
    int format_version = dump_format::format_version;
    int schema_version = 0;
    std::string okrsek_version;
    std::string engine;
    std::string created_at_utc;
};

nlohmann::ordered_json header_json(const Header& header);

/// One value as JSON.
nlohmann::ordered_json to_json(const store::Value& value);

/// One JSON value back. Throws std::invalid_argument saying what is wrong with it.
store::Value from_json(const nlohmann::json& json);

}  // namespace okrsek::service::dump_format
