#include "http/address_handlers.hpp"

namespace okrsek::http {

void add_address_routes(Router& router, service::Platform& platform) {
    (void)router;
    (void)platform;
}

}  // namespace okrsek::http
