#pragma once

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers the district card, team and places routes (public) and their back-office editing
/// routes.
void add_directory_routes(Router& router, service::Platform& platform);

/// The back-office half (directory_admin_handlers.cpp): editing teams, photos, places, team
/// roles and place kinds, all Access::session. Called by add_directory_routes.
void add_directory_admin_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
