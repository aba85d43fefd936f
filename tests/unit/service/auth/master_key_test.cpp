// The server master key file: read, created, and refused when malformed or readable by others.
#include "service/auth/master_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

#include "core/error.hpp"
#include "service/security/server_keys.hpp"
#include "support/test_paths.hpp"

namespace okrsek::service {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;

const std::string key_hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

class AuthMasterKey : public ::testing::Test {
protected:
    fs::path write(const std::string& content, mode_t mode = 0600) {
        const fs::path path = dir.path() / "master.key";
        std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
        ::chmod(path.c_str(), mode);
        return path;
    }

    static core::Error error_of(const std::function<void()>& action) {
        try {
            action();
        } catch (const core::Error& error) {
            return error;
        }
        ADD_FAILURE() << "expected a core::Error";
        return core::Error(ErrorCode::internal, "no error");
    }

    static std::string content_of(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    test::TempDir dir;
};

std::vector<unsigned char> expected_key() {
    std::vector<unsigned char> key(32);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i);
    return key;
}

TEST_F(AuthMasterKey, SixtyFourHexDigitsAreRead) {
    EXPECT_EQ(read_master_key(write(key_hex)), expected_key());
    EXPECT_EQ(read_master_key(write(key_hex + "\n")), expected_key());
    EXPECT_EQ(read_master_key(write(key_hex + "\r\n")), expected_key());
    std::string upper = key_hex;
    for (char& c : upper) c = static_cast<char>(std::toupper(c));
    EXPECT_EQ(read_master_key(write(upper)), expected_key());
}

TEST_F(AuthMasterKey, MalformedContentIsRefusedWithoutShowingIt) {
    for (const std::string& content :
         {key_hex.substr(0, 63), key_hex + "00", "g" + key_hex.substr(1), std::string(),
          key_hex.substr(0, 32) + " " + key_hex.substr(32)}) {
        const auto error = error_of([&] { read_master_key(write(content)); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_input) << content;
        EXPECT_EQ(error.field(), "secret_key_file");
        if (content.size() > 8) {
            EXPECT_EQ(std::string(error.what()).find(content.substr(1, 8)), std::string::npos);
        }
    }
}

TEST_F(AuthMasterKey, AFileOthersCanReadIsRefused) {
    for (const mode_t mode : {0640, 0604, 0660, 0644}) {
        const auto error = error_of([&] { read_master_key(write(key_hex, mode)); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_input) << std::oct << mode;
        EXPECT_NE(std::string(error.what()).find("chmod 600"), std::string::npos);
        EXPECT_EQ(std::string(error.what()).find(key_hex.substr(0, 16)), std::string::npos);
    }
    EXPECT_EQ(read_master_key(write(key_hex, 0400)), expected_key());
}

TEST_F(AuthMasterKey, AMissingFileIsNotFound) {
    const auto error = error_of([&] { read_master_key(dir.path() / "nothing.key"); });
    EXPECT_EQ(error.code(), ErrorCode::not_found);
    EXPECT_EQ(error.field(), "secret_key_file");
}

TEST_F(AuthMasterKey, ANewKeyIsRandomPrivateAndNeverOverwritten) {
    const fs::path path = dir.path() / "new.key";
    const auto key = create_master_key(path);
    EXPECT_EQ(key.size(), security::master_key_bytes);
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    const std::string written = content_of(path);
    EXPECT_EQ(written.size(), 65u);
    EXPECT_EQ(written.back(), '\n');
    EXPECT_EQ(read_master_key(path), key);

    const auto again = error_of([&] { create_master_key(path); });
    EXPECT_EQ(again.code(), ErrorCode::conflict);
    EXPECT_EQ(content_of(path), written);
    EXPECT_NE(create_master_key(dir.path() / "other.key"), key);
    EXPECT_EQ(error_of([&] { create_master_key(dir.path() / "no" / "such" / "dir.key"); }).code(),
              ErrorCode::invalid_input);
}

TEST_F(AuthMasterKey, ReadOrCreateMakesTheKeyOnceAndKeepsIt) {
    const fs::path path = dir.path() / "server.key";
    const auto first = read_or_create_master_key(path);
    const auto second = read_or_create_master_key(path);
    EXPECT_EQ(first, second);
    EXPECT_EQ(read_or_create_master_key(write(key_hex)), expected_key());
    // A bad existing file is not replaced.
    const fs::path bad = write("not a key");
    EXPECT_EQ(error_of([&] { read_or_create_master_key(bad); }).code(), ErrorCode::invalid_input);
    EXPECT_EQ(content_of(bad), "not a key");
}

}  // namespace
}  // namespace okrsek::service
