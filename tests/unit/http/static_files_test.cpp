#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/error.hpp"

namespace okrsek::http {
namespace {

namespace fs = std::filesystem;

// A web root in a temporary folder: the public page, optionally the back office, one asset.
class WebRoot {
public:
    explicit WebRoot(bool with_admin) {
        std::random_device random;
        m_root = fs::temp_directory_path() / ("okrsek-static-" + std::to_string(random()));
        write("index.html", "public page");
        write("assets/app-1234.js", "console.log(1)");
        if (with_admin) {
            write("admin/index.html", "back office");
            write("district.html", "district card");
        }
    }
    ~WebRoot() {
        std::error_code ignored;
        fs::remove_all(m_root, ignored);
    }
    WebRoot(const WebRoot&) = delete;
    WebRoot& operator=(const WebRoot&) = delete;

    const fs::path& path() const { return m_root; }

private:
    void write(const std::string& relative, const std::string& content) {
        const auto file = m_root / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
    }
    fs::path m_root;
};

Response get(const StaticFiles& files, std::string_view target) {
    Request request;
    parse_target(target, request);
    return files.serve(request);
}

TEST(StaticFiles, ServesThePublicPageForRootAndUnknownPaths) {
    const WebRoot root(true);
    const StaticFiles files(root.path());
    EXPECT_EQ(get(files, "/").payload(), "public page");
    EXPECT_EQ(get(files, "/?lat=50.08&lon=14.42").payload(), "public page");
    EXPECT_EQ(get(files, "/some/page").payload(), "public page");
    EXPECT_EQ(get(files, "/administrator").payload(), "public page");
    EXPECT_EQ(get(files, "/assets/app-1234.js").payload(), "console.log(1)");
    EXPECT_EQ(get(files, "/missing.js").status, 404u);
}

TEST(StaticFiles, ServesTheBackOfficeUnderAdmin) {
    const WebRoot root(true);
    const StaticFiles files(root.path());
    for (const char* target : {"/admin", "/admin/", "/admin/index.html", "/admin/users",
                               "/admin/users/3", "/admin/?lang=en"}) {
        const auto response = get(files, target);
        EXPECT_EQ(response.status, 200u) << target;
        EXPECT_EQ(response.payload(), "back office") << target;
        EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << target;
    }
    EXPECT_EQ(get(files, "/admin/missing.js").status, 404u);
}

TEST(StaticFiles, ServesTheDistrictCardUnderDistricts) {
    const WebRoot root(true);
    const StaticFiles files(root.path());
    for (const char* target : {"/districts/17", "/districts/17/print", "/districts/17?lang=en"}) {
        const auto response = get(files, target);
        EXPECT_EQ(response.status, 200u) << target;
        EXPECT_EQ(response.payload(), "district card") << target;
    }
    EXPECT_EQ(get(files, "/districts/17/missing.js").status, 404u);
    EXPECT_EQ(get(files, "/districtsx").payload(), "public page");
}

TEST(StaticFiles, FallsBackToThePublicPageWithoutABackOffice) {
    const WebRoot root(false);
    const StaticFiles files(root.path());
    EXPECT_EQ(get(files, "/admin/users").payload(), "public page");
    EXPECT_EQ(get(files, "/admin").payload(), "public page");
    EXPECT_EQ(get(files, "/districts/17").payload(), "public page");
}

TEST(StaticFiles, NeverLeavesTheWebRoot) {
    const WebRoot root(true);
    const StaticFiles files(root.path());
    EXPECT_EQ(get(files, "/admin/../../etc/passwd").status, 404u);
}

}  // namespace
}  // namespace okrsek::http
