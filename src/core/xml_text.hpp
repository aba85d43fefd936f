#pragma once
// Text inside XML elements and attribute values (Open311 answers, RSS feeds).

#include <string>
#include <string_view>

namespace okrsek::core {

/// Appends `text` with & < > " ' escaped. XML 1.0 allows tab, newline and carriage return
/// below U+0020; the other control characters become spaces (a citizen's text may hold them,
/// and a parser would refuse the whole document). UTF-8 passes unchanged.
void append_xml_escaped(std::string& out, std::string_view text);

/// The same as a new string.
std::string xml_escape(std::string_view text);

}  // namespace okrsek::core
