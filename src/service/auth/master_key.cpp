#include "service/auth/master_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "service/security/random.hpp"
#include "service/security/server_keys.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;

std::vector<unsigned char> read_master_key(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        throw Error(ErrorCode::not_found, "secret key file " + path.string() + " not found",
                    "secret_key_file");
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        throw Error(
            ErrorCode::invalid_input,
            "secret key file " + path.string() + " is readable by other users; run chmod 600 on it",
            "secret_key_file");
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string hex = text.str();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) {
        hex.pop_back();
    }
    std::vector<unsigned char> key(security::master_key_bytes);
    std::size_t written = 0;
    const char* end = nullptr;
    if (!in || hex.size() != key.size() * 2 ||
        sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &written, &end) !=
            0 ||
        written != key.size()) {
        sodium_memzero(hex.data(), hex.size());
        throw Error(ErrorCode::invalid_input,
                    "secret key file " + path.string() +
                        " must hold 64 hexadecimal digits (okrsek key generate makes one)",
                    "secret_key_file");
    }
    sodium_memzero(hex.data(), hex.size());
    return key;
}

std::vector<unsigned char> create_master_key(const std::filesystem::path& path) {
    std::vector<unsigned char> key = security::random_bytes(security::master_key_bytes);
    std::string hex(key.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
    hex.back() = '\n';
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int error = errno;
        throw Error(error == EEXIST ? ErrorCode::conflict : ErrorCode::invalid_input,
                    "cannot create secret key file " + path.string() + ": " + std::strerror(error),
                    "secret_key_file");
    }
    const bool ok =
        ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(hex.data(), hex.size());
    if (!ok) {
        std::filesystem::remove(path);
        throw Error(ErrorCode::internal, "cannot write secret key file " + path.string(),
                    "secret_key_file");
    }
    return key;
}

std::vector<unsigned char> read_or_create_master_key(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) {
        try {
            return create_master_key(path);
        } catch (const Error& error) {
            // Another process created it first.
            if (error.code() != ErrorCode::conflict) throw;
        }
    }
    return read_master_key(path);
}

}  // namespace okrsek::service
