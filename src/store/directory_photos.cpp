// DirectoryStore: holders' photos. A photo belongs to one holder; a replaced or removed photo
// is deleted at once (photos of people are kept no longer than they are shown), while a
// former holder's last photo stays with their history.
#include <algorithm>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/directory_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace directory;

void check_hash(std::string_view hash, const char* field) {
    const bool valid = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                       });
    if (!valid) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(field) + " must be 64 lower-case hex digits", field);
    }
}

void check_variant(std::string_view jpeg, std::int64_t width, std::int64_t height,
                   const char* field) {
    if (jpeg.empty() || jpeg.size() > max_photo_bytes || width <= 0 || height <= 0) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(field) + " must be 1 byte to 16 MiB with a positive size", field);
    }
}

struct HolderRow {
    std::int64_t town = 0;
    std::int64_t district_id = 0;
    std::optional<std::int64_t> photo_id;
};

HolderRow holder_row(SqlRunner& sql, std::int64_t holder_id) {
    auto rows = sql.query(
        "SELECT h.municipality_code, p.district_id, h.photo_id FROM team_holders h "
        "JOIN team_positions p ON p.id = h.position_id WHERE h.id = $1",
        SqlParams().add(holder_id));
    if (!rows->next()) throw_not_found("holder", holder_id, "holder");
    return {rows->int64(0), rows->int64(1), rows->optional_int64(2)};
}

void delete_unused_photo(SqlRunner& sql, std::int64_t photo_id) {
    sql.execute(
        "DELETE FROM photos WHERE id = $1 AND NOT EXISTS "
        "(SELECT 1 FROM team_holders WHERE photo_id = $1)",
        SqlParams().add(photo_id));
}

}  // namespace

std::int64_t DirectoryStore::set_holder_photo(std::int64_t holder_id, const NewPhoto& photo,
                                              TimePoint now, const AuditEntry& audit) {
    check_hash(photo.sha256, "sha256");
    check_hash(photo.thumb_sha256, "thumb_sha256");
    check_variant(photo.jpeg, photo.width, photo.height, "photo");
    check_variant(photo.thumb_jpeg, photo.thumb_width, photo.thumb_height, "thumbnail");
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        const HolderRow holder = holder_row(sql, holder_id);
        const std::string when = time_text(now);
        auto rows = sql.query(
            "INSERT INTO photos (municipality_code, district_id, jpeg, sha256, width, height, "
            "thumb_jpeg, thumb_sha256, thumb_width, thumb_height, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
            SqlParams()
                .add(holder.town)
                .add(holder.district_id)
                .add_blob(photo.jpeg)
                .add(photo.sha256)
                .add(photo.width)
                .add(photo.height)
                .add_blob(photo.thumb_jpeg)
                .add(photo.thumb_sha256)
                .add(photo.thumb_width)
                .add(photo.thumb_height)
                .add(when));
        rows->next();
        id = rows->int64(0);
        sql.execute("UPDATE team_holders SET photo_id = $2, updated_at = $3 WHERE id = $1",
                    SqlParams().add(holder_id).add(id).add(when));
        if (holder.photo_id) delete_unused_photo(sql, *holder.photo_id);
        append_audit_row(sql,
                         with_defaults(audit, "photo.upload", "team_holder",
                                       std::to_string(holder_id), holder.town),
                         now);
    });
    return id;
}

void DirectoryStore::remove_holder_photo(std::int64_t holder_id, TimePoint now,
                                         const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        const HolderRow holder = holder_row(sql, holder_id);
        if (!holder.photo_id) {
            throw Error(ErrorCode::conflict,
                        "holder " + std::to_string(holder_id) + " has no photo", "holder");
        }
        sql.execute("UPDATE team_holders SET photo_id = NULL, updated_at = $2 WHERE id = $1",
                    SqlParams().add(holder_id).add(time_text(now)));
        delete_unused_photo(sql, *holder.photo_id);
        append_audit_row(sql,
                         with_defaults(audit, "photo.remove", "team_holder",
                                       std::to_string(holder_id), holder.town),
                         now);
    });
}

std::optional<PhotoContent> DirectoryStore::photo_content(std::int64_t photo_id,
                                                          std::string_view sha256) {
    std::optional<PhotoContent> content;
    read([&](SqlRunner& sql) {
        content.reset();
        auto rows = sql.query(
            "SELECT CASE WHEN sha256 = $2 THEN jpeg ELSE thumb_jpeg END, municipality_code, "
            "district_id, CASE WHEN EXISTS (SELECT 1 FROM team_holders h WHERE h.photo_id = "
            "photos.id AND h.to_date IS NULL) THEN 1 ELSE 0 END FROM photos "
            "WHERE id = $1 AND (sha256 = $2 OR thumb_sha256 = $2)",
            SqlParams().add(photo_id).add(sha256));
        if (!rows->next()) return;
        PhotoContent found;
        found.photo_id = photo_id;
        found.jpeg = rows->bytes(0);
        found.municipality_code = rows->int64(1);
        found.district_id = rows->int64(2);
        found.current = rows->int64(3) == 1;
        found.sha256 = std::string(sha256);
        content = std::move(found);
    });
    return content;
}

}  // namespace okrsek::store
