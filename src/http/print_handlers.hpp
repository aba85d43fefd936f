#pragma once

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers what the printed paper channel needs: GET /api/v1/districts/{id}/qr.svg, a QR code
/// linking to the district's card page at the deployment's public URL.
void add_print_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
