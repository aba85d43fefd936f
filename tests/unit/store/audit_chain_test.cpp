// The audit chain's hash and checks, without a database.
#include "store/audit_chain.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace okrsek::store {
namespace {

AuditFields sample() {
    AuditFields row;
    row.id = 1;
    row.occurred_at = "2026-03-01T09:00:00Z";
    row.actor_kind = "user";
    row.actor_id = 7;
    row.action = "user.create";
    row.object_type = "user";
    row.object_id = "8";
    row.municipality_code = 999999;
    row.client_address = "192.0.2.7";
    row.details = "{}";
    row.prev_hash = std::string(audit_genesis_hash);
    return row;
}

// A chain of `count` rows, each hashed onto the one before.
std::vector<std::pair<AuditFields, std::string>> chain(int count) {
    std::vector<std::pair<AuditFields, std::string>> rows;
    std::string previous(audit_genesis_hash);
    for (int i = 1; i <= count; ++i) {
        AuditFields row = sample();
        row.id = i;
        row.details = R"({"n":)" + std::to_string(i) + "}";
        row.prev_hash = previous;
        previous = audit_hash(row);
        rows.emplace_back(row, previous);
    }
    return rows;
}

AuditVerification check(const std::vector<std::pair<AuditFields, std::string>>& rows,
                        const std::optional<AuditHead>& head) {
    AuditChainCheck checker;
    for (const auto& [row, hash] : rows) {
        if (!checker.add(row, hash)) break;
    }
    return checker.finish(head);
}

AuditHead head_of(const std::vector<std::pair<AuditFields, std::string>>& rows) {
    return {rows.back().first.id, rows.back().second};
}

// Computed independently (Python's hashlib.blake2b, digest_size=32) from the format in
// audit_chain.hpp: a change of the format, which would break every stored chain, fails here.
TEST(AuditHash, MatchesTheDocumentedFormat) {
    EXPECT_EQ(audit_hash(sample()),
              "35d42eb7683e79b2d2c428aeb6653b6c85d6620e455bc598cf9acd923b1fb153");
}

TEST(AuditHash, EveryFieldAndItsBoundariesCount) {
    const std::string original = audit_hash(sample());
    AuditFields moved = sample();  // one byte moved from one field into the next
    moved.action = "user.creat";
    moved.object_type = "euser";
    EXPECT_NE(audit_hash(moved), original);
    AuditFields empty_reason = sample();  // an empty text is not a NULL
    empty_reason.reason = "";
    EXPECT_NE(audit_hash(empty_reason), original);
    AuditFields other_id = sample();
    other_id.id = 2;
    EXPECT_NE(audit_hash(other_id), original);
    AuditFields other_previous = sample();
    other_previous.prev_hash[0] = '1';
    EXPECT_NE(audit_hash(other_previous), original);
    AuditFields no_actor = sample();
    no_actor.actor_id.reset();
    EXPECT_NE(audit_hash(no_actor), original);
}

TEST(AuditChainCheck, AnIntactChainAndAnEmptyOne) {
    const auto rows = chain(5);
    const auto result = check(rows, head_of(rows));
    EXPECT_TRUE(result.intact()) << result.message;
    EXPECT_EQ(result.rows_checked, 5);
    EXPECT_EQ(result.head_hash, rows.back().second);
    const auto empty = check({}, std::nullopt);
    EXPECT_TRUE(empty.intact());
    EXPECT_EQ(empty.head_hash, audit_genesis_hash);
}

TEST(AuditChainCheck, NamesTheFirstBadRow) {
    const auto rows = chain(5);
    const auto head = head_of(rows);

    auto altered = rows;
    altered[2].first.details = R"({"n":4})";
    auto result = check(altered, head);
    EXPECT_EQ(result.problem, AuditProblem::altered_row);
    EXPECT_EQ(result.first_bad_id, 3);
    EXPECT_EQ(result.rows_checked, 2);

    auto missing = rows;
    missing.erase(missing.begin() + 1);
    result = check(missing, head);
    EXPECT_EQ(result.problem, AuditProblem::missing_row);
    EXPECT_EQ(result.first_bad_id, 2);
    EXPECT_EQ(result.message, "row 2 is missing");

    auto relinked = rows;  // row 3 replaced by a row hashed onto row 1
    relinked[2].first.prev_hash = rows[0].second;
    relinked[2].second = audit_hash(relinked[2].first);
    EXPECT_EQ(check(relinked, head).problem, AuditProblem::broken_link);

    auto truncated = rows;
    truncated.pop_back();
    result = check(truncated, head);
    EXPECT_EQ(result.problem, AuditProblem::missing_tail);
    EXPECT_EQ(result.first_bad_id, 5);

    EXPECT_EQ(check(rows, AuditHead{4, rows[3].second}).problem, AuditProblem::unrecorded_rows);
    EXPECT_EQ(check(rows, AuditHead{5, rows[3].second}).problem, AuditProblem::head_mismatch);
    EXPECT_EQ(check(rows, std::nullopt).problem, AuditProblem::head_missing);
}

}  // namespace
}  // namespace okrsek::store
