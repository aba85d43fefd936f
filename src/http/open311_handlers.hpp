#pragma once

// Open311 GeoReport v2 at /open311/v2/ (docs/open311.md): discovery, services, service
// definitions, requests (GET and POST with an api_key), one request, tokens and the
// FixMyStreet servicerequestupdates extension, each as .xml and .json. Every failure is
// answered with the specification's error body in the asked format (never a JSON API error).

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers the Open311 routes (Access::open: POSTs carry their api_key in the form, a
/// machine token with scope "open311").
void add_open311_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
