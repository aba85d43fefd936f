#pragma once

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers the back office's priority and event editing routes (Access::session, CSRF;
/// the service checks district_card.edit on the object and audits every change).
void add_agenda_admin_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
