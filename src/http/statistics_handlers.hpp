#pragma once

// The statistics routes (docs/statistics.md): public figures under /api/v1/statistics/
// (Access::open, cacheable for five minutes, ETag) and the staff's exact figures, hotspot
// layers and incident points under /api/v1/admin/ (Access::session, audited by the service).

#include "http/answer_cache.hpp"
#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers the public routes and calls add_statistics_admin_routes.
void add_statistics_routes(Router& router, service::Platform& platform);

/// The staff routes (statistics_admin_handlers.cpp).
void add_statistics_admin_routes(Router& router, service::Platform& platform);

/// A public answer: Cache-Control public, max-age=300 and an ETag of the body (`answer->etag`,
/// computed here when empty); 304 without a body when If-None-Match names it. The response
/// shares the answer's body.
Response public_statistics_answer(const Request& request,
                                  std::shared_ptr<const CachedAnswer> answer);

}  // namespace okrsek::http
