#pragma once

// The public routes of citizen reports (docs/reports.md "HTTP API"): categories, submission,
// photos, tracking, listings, statistics, RSS and area alerts.

#include <cstddef>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Largest JSON body of a report route (the session's general limit is larger).
inline constexpr std::size_t max_report_body_bytes = 64u * 1024u;

/// Registers the public report routes. State-changing ones are Access::visitor (the CSRF token
/// of a pre-session, like the login) and rate-limited per client address on top of the
/// service's own hourly limits. Also calls add_report_admin_routes.
void add_report_routes(Router& router, service::Platform& platform);

/// The staff routes (report_admin_handlers.cpp), Access::session.
void add_report_admin_routes(Router& router, service::Platform& platform);

/// Whether a request with this method and path may carry a photo (up to
/// max_upload_body_bytes): POST /api/v1/reports/{id}/photos.
bool is_report_photo_upload(boost::beast::http::verb method, std::string_view path);

/// A path as it may be logged: the tracking token of /api/v1/track/{token}… is replaced by
/// "…", since it alone gives access to a report.
std::string loggable_path(std::string_view path);

}  // namespace okrsek::http
