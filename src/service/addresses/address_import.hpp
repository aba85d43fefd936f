#pragma once

// Import of RÚIAN address CSV files (owned by address_import.cpp and address_book_import.cpp).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

namespace okrsek::service {

struct AddressImportRequest {
    std::vector<std::filesystem::path> files{};
    /// Called now and then with bytes read so far and the files' total size.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress{};
};

struct AddressImportReport {
    std::uint64_t rows_read = 0;
    std::uint64_t rows_imported = 0;
    std::uint64_t rows_without_position = 0;
};

}  // namespace okrsek::service
