#pragma once

#include <cstddef>
#include <string>

#include "store/postgres/pg_pool.hpp"
#include "store/store.hpp"

namespace okrsek::store::postgres {

/// The server engine: PostgreSQL 15 through libpq, with a pool of connections so that
/// several threads (and several okrsek servers) share one database.
class PgStore final : public Store {
public:
    static constexpr std::size_t default_pool_size = 4;

    /// `conninfo` is a "postgresql://…" URI or a libpq keyword string. Throws
    /// core::Error(unavailable) when the server cannot be reached.
    explicit PgStore(const std::string& conninfo, std::size_t pool_size = default_pool_size);

    std::string_view engine() const noexcept override { return "postgresql"; }
    int migrate() override;
    int schema_version() override;
    void ping() override;
    std::vector<core::Municipality> municipalities() override;
    std::vector<core::LayerInfo> layers() override;
    std::vector<AreaRow> load_areas(std::string_view layer) override;
    std::optional<AreaRow> find_area(std::int64_t id) override;
    std::optional<std::string> import_fingerprint(const ReplaceScope& scope) override;
    ReplaceResult replace_areas(const ReplaceScope& scope, std::span<const NewArea> areas,
                                std::span<const core::Municipality> municipalities,
                                const std::string& fingerprint) override;
    std::int64_t catalog_version() override;

private:
    Pool m_pool;
};

}  // namespace okrsek::store::postgres
