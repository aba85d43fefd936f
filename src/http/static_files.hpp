#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

#include "http/request.hpp"
#include "http/response.hpp"

namespace okrsek::http {

/// The built front end (web/dist), read into memory at start. "/" and unknown paths without a
/// file extension answer index.html, so shared links with a query work; "/admin/" and every
/// extension-less path under /admin answer the back office's admin/index.html (when built).
/// Hashed assets are cached for a year, pages revalidated.
class StaticFiles {
public:
    /// Reads every file under `root` (at most `max_total_bytes`). Throws core::Error
    /// (invalid_argument) when `root` is not a folder with an index.html.
    explicit StaticFiles(const std::filesystem::path& root,
                         std::size_t max_total_bytes = 64u * 1024u * 1024u);

    /// The file for a GET/HEAD request, or a 404 error.
    Response serve(const Request& request) const;

    std::size_t file_count() const noexcept { return m_files.size(); }

private:
    struct File {
        std::shared_ptr<const std::string> content;
        std::string content_type;
        bool immutable = false;
    };
    Response respond(const File& file) const;
    /// The page for an extension-less path that names no file.
    const File& page_for(const std::string& path) const;

    std::unordered_map<std::string, File> m_files;  // key: URL path, e.g. "/assets/app.js"
};

/// The Content-Type for a file name's extension.
std::string content_type_for(const std::filesystem::path& path);

}  // namespace okrsek::http
