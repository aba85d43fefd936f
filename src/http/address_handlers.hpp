#pragma once

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers the address search (GET /api/v1/addresses).
void add_address_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
