#pragma once

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers the priorities and events routes (public), the iCalendar feeds and their
/// back-office editing routes.
void add_agenda_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
