#include "http/conditional_get.hpp"

namespace okrsek::http {

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    if (if_none_match.empty()) return false;
    if (if_none_match.find('*') != std::string_view::npos) return true;
    auto weak = [](std::string_view tag) {
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        return tag;
    };
    std::size_t start = 0;
    while (start < if_none_match.size()) {
        auto end = if_none_match.find(',', start);
        if (end == std::string_view::npos) end = if_none_match.size();
        std::string_view tag = if_none_match.substr(start, end - start);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (weak(tag) == weak(etag)) return true;
        start = end + 1;
    }
    return false;
}

}  // namespace okrsek::http
