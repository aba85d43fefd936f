#include "http/agenda_handlers.hpp"

namespace okrsek::http {

void add_agenda_routes(Router& router, service::Platform& platform) {
    (void)router;
    (void)platform;
}

}  // namespace okrsek::http
