#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace okrsek::http {

using core::Error;
using core::ErrorCode;

std::string content_type_for(const std::filesystem::path& path) {
    static const std::unordered_map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".webp", "image/webp"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
        {".map", "application/json"},
    };
    auto found = types.find(path.extension().string());
    return found == types.end() ? "application/octet-stream" : found->second;
}

StaticFiles::StaticFiles(const std::filesystem::path& root, std::size_t max_total_bytes) {
    if (!std::filesystem::is_regular_file(root / "index.html")) {
        throw Error(ErrorCode::invalid_argument,
                    "web root '" + root.string() +
                        "' has no index.html (build the front end: "
                        "npm ci && npm run build in web/)",
                    "web-root");
    }
    std::size_t total = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        total += entry.file_size();
        if (total > max_total_bytes) {
            throw Error(ErrorCode::payload_too_large, "web root is larger than the limit");
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        const auto relative = std::filesystem::relative(entry.path(), root).generic_string();
        File file{std::make_shared<const std::string>(content.str()),
                  content_type_for(entry.path()), relative.starts_with("assets/")};
        m_files.emplace("/" + relative, std::move(file));
    }
}

Response StaticFiles::respond(const File& file) const {
    Response response;
    response.content_type = file.content_type;
    response.shared_body = file.content;
    response.headers.emplace_back(
        "Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return response;
}

Response StaticFiles::serve(const Request& request) const {
    // Paths are looked up in the in-memory table only: "..", absolute paths or symlinks can
    // never reach the file system.
    std::string path = request.path.empty() ? "/" : request.path;
    if (path.find("..") != std::string::npos) {
        return error_response(ErrorCode::not_found, "no such file", "path");
    }
    if (path.back() == '/') path += "index.html";
    if (auto found = m_files.find(path); found != m_files.end()) return respond(found->second);
    const bool has_extension = std::filesystem::path(path).has_extension();
    if (!has_extension) return respond(page_for(path));
    return error_response(ErrorCode::not_found, "no such file", "path");
}

const StaticFiles::File& StaticFiles::page_for(const std::string& path) const {
    // The back office is its own page: "/admin", "/admin/users/3"… answer admin/index.html;
    // a district's card ("/districts/17", "/districts/17/print") answers district.html.
    const bool back_office = path == "/admin" || path.starts_with("/admin/");
    const char* page = back_office                       ? "/admin/index.html"
                       : path.starts_with("/districts/") ? "/district.html"
                                                         : "/index.html";
    if (auto found = m_files.find(page); found != m_files.end()) return found->second;
    return m_files.at("/index.html");
}

}  // namespace okrsek::http
