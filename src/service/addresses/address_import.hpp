#pragma once

// Import of RÚIAN address CSV files (owned by address_import.cpp and address_book_import.cpp).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "service/auth/principal.hpp"

namespace okrsek::service {

/// Limits of one import.
inline constexpr std::size_t max_address_files = 10000;
inline constexpr std::uint64_t max_address_file_bytes = std::uint64_t{4} << 30;
inline constexpr std::uint64_t max_address_rows = 20'000'000;
/// Rejected rows listed in a report (all are counted).
inline constexpr std::size_t max_reported_rejections = 20;

struct AddressImportRequest {
    std::vector<std::filesystem::path> files{};
    /// Called now and then, from the import's reading thread, with bytes read so far and the
    /// files' total size.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress{};
    /// Who imports, for the audit log. Only the command line may (Principal::cli()).
    Principal actor{};
    /// More rejected rows than this fail the whole import (nothing changes).
    std::uint64_t max_rejected_rows = 1000;
};

/// A row that was not imported, and why.
struct AddressRejection {
    std::string file{};
    std::uint64_t line = 0;
    std::string reason{};
};

struct AddressFileReport {
    std::string file{};
    std::string encoding{};  ///< "UTF-8", "windows-1250" ("UTF-8" for pure ASCII)
    std::string header{};    ///< the header generation, e.g. "2020 (Kód obvodu Prahy)"
    std::uint64_t rows_read = 0;
};

struct AddressTownReport {
    std::int64_t municipality_code = 0;
    std::string municipality_name{};
    std::uint64_t imported = 0;
    std::uint64_t without_position = 0;
};

struct AddressImportReport {
    std::uint64_t rows_read = 0;
    std::uint64_t rows_imported = 0;
    std::uint64_t rows_without_position = 0;
    std::uint64_t rows_rejected = 0;
    std::uint64_t bytes_read = 0;
    std::vector<AddressFileReport> files{};
    std::vector<AddressTownReport> towns{};      ///< by code
    std::vector<AddressRejection> rejections{};  ///< the first max_reported_rejections
    std::int64_t replaced = 0;                   ///< points of these towns stored before
    std::int64_t address_version = 0;            ///< after the import
    double seconds = 0.0;                        ///< wall time of the whole import
};

}  // namespace okrsek::service
