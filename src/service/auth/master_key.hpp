#pragma once

#include <filesystem>
#include <vector>

namespace okrsek::service {

/// Reads the server's master key: a file holding 64 hex digits (32 random bytes), optionally
/// followed by a newline. Throws core::Error not_found / invalid_input naming the file (never
/// its content), and invalid_input when other users may read it (mode must deny group and
/// others), because the key unlocks every second factor.
std::vector<unsigned char> read_master_key(const std::filesystem::path& path);

/// Writes a new random master key to `path` with mode 0600, refusing to overwrite an existing
/// file (core::Error conflict). Returns the key.
std::vector<unsigned char> create_master_key(const std::filesystem::path& path);

/// read_master_key, or create_master_key when the file does not exist yet.
std::vector<unsigned char> read_or_create_master_key(const std::filesystem::path& path);

}  // namespace okrsek::service
