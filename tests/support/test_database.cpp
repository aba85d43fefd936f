#include "support/test_database.hpp"

#include <cstdlib>
#include <stdexcept>

namespace okrsek::test {

std::string TestDatabase::engine_from_environment() {
    const char* engine = std::getenv("OKRSEK_TEST_ENGINE");
    if (engine == nullptr || *engine == '\0') return "sqlite";
    const std::string name = engine;
    if (name != "sqlite" && name != "postgresql") {
        // A typo must not quietly test SQLite twice.
        throw std::runtime_error("OKRSEK_TEST_ENGINE=" + name +
                                 ": expected \"sqlite\" or \"postgresql\"");
    }
    return name;
}

TestDatabase::TestDatabase(const std::filesystem::path& folder, const std::string& file_name,
                           PgStart start)
    : m_engine(engine_from_environment()) {
    if (is_postgresql()) {
        m_pg = std::make_unique<PgDatabase>(start);
        m_setting = m_pg->uri();
    } else {
        m_setting = (folder / file_name).string();
    }
}

}  // namespace okrsek::test
