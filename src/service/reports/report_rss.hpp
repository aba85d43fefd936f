#pragma once

// RSS 2.0 of a district's citizen reports (CitizenReports::district_feed): a small writer that
// escapes every text, so report descriptions with & < > or control characters stay well-formed.

#include <string>
#include <string_view>
#include <vector>

#include "core/xml_text.hpp"
#include "store/accounts.hpp"

namespace okrsek::service::reports {

struct RssItem {
    std::string title{};
    std::string link{};
    std::string guid{};  ///< unique and stable (written with isPermaLink="false")
    std::string description{};
    store::TimePoint published{};
};

struct RssChannel {
    std::string title{};
    std::string link{};
    std::string description{};
    std::string language = "cs";
    std::vector<RssItem> items{};  ///< in the order to write (newest first)
};

/// Text for XML character data and attribute values (core/xml_text.hpp).
using core::xml_escape;

/// RFC 822 date-time as RSS 2.0 wants it, in UTC: "Mon, 23 Nov 2026 11:25:50 GMT".
std::string rfc822_time(store::TimePoint time);

/// The whole document, starting with the XML declaration.
std::string write_rss(const RssChannel& channel);

}  // namespace okrsek::service::reports
