// PgStore's SQL access for AccountStore (store/accounts.hpp): one adapter of the
// engine-neutral SqlRunner, and the transactions it runs in.
#include "store/postgres/pg_store.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::postgres {
namespace {

class PgRows final : public SqlRows {
public:
    explicit PgRows(Result result) : m_result(std::move(result)) {}

    bool next() override { return ++m_row < m_result.rows(); }
    bool is_null(int column) const override { return m_result.is_null(m_row, column); }
    std::int64_t int64(int column) const override { return m_result.int64(m_row, column); }
    std::string text(int column) const override { return m_result.text(m_row, column); }
    std::string bytes(int column) const override { return m_result.bytes(m_row, column); }

private:
    Result m_result;
    int m_row = -1;
};

class PgRunner final : public SqlRunner {
public:
    explicit PgRunner(Connection& connection) : m_connection(connection) {}
    Dialect dialect() const noexcept override { return Dialect::postgresql; }

    std::unique_ptr<SqlRows> query(const std::string& sql, const SqlParams& params) override {
        Params bound;
        for (const auto& value : params.values()) {
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::monostate>) {
                        bound.add_null();
                    } else if constexpr (std::is_same_v<T, Blob>) {
                        bound.add_binary(v.bytes);
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        bound.add(std::string_view(v));
                    } else {
                        bound.add(v);
                    }
                },
                value);
        }
        return std::make_unique<PgRows>(m_connection.query(sql, bound));
    }

private:
    Connection& m_connection;
};

}  // namespace

// READ COMMITTED, as imports: each operation's conditional UPDATEs re-check their WHERE on
// the locked row, and audit appends queue on the audit head's row lock.
void PgStore::run_write(const std::function<void(SqlRunner&)>& work) {
    with_transaction(Isolation::read_committed, [&](Connection& connection) {
        PgRunner runner(connection);
        work(runner);
    });
}

void PgStore::run_read(const std::function<void(SqlRunner&)>& work) {
    with_connection([&](Connection& connection) {
        PgRunner runner(connection);
        work(runner);
    });
}

void PgStore::run_snapshot(const std::function<void(SqlRunner&)>& work) {
    with_connection([&](Connection& connection) {
        Transaction transaction(connection, Isolation::snapshot);
        PgRunner runner(connection);
        work(runner);
        transaction.commit();
    });
}

}  // namespace okrsek::store::postgres
