#pragma once

#include <memory>

#include "service/platform.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"
#include "support/testov_request.hpp"

namespace okrsek::test {

/// "Testov" (code 999999), an invented town: a 0.2° x 0.1° rectangle at 14.0–14.2 E,
/// 50.0–50.1 N, split at 14.1 E into districts W ("Západ") and E ("Východ"):
///
///   50.1 +-----W-----+-----E-----+
///        |  Západ    |  Východ   |
///   50.0 +-----------+-----------+
///       14.0        14.1        14.2
///
/// The platform runs on the test's database (support/test_database.hpp): a SQLite file in
/// `dir` or a fresh PostgreSQL database, as $OKRSEK_TEST_ENGINE says.
struct Testov {
    Testov();
    TempDir dir;
    TestDatabase database;
    std::unique_ptr<service::Platform> platform;
};

}  // namespace okrsek::test
