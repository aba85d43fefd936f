#include "http/directory_handlers.hpp"

namespace okrsek::http {

void add_directory_routes(Router& router, service::Platform& platform) {
    (void)router;
    (void)platform;
}

}  // namespace okrsek::http
