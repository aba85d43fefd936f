// DistrictDirectory: holders' photos, decoded and re-encoded before anything is stored, and
// served by content hash.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "media/photo.hpp"
#include "service/auth/area_targets.hpp"
#include "service/directory/district_directory.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;

namespace {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

}  // namespace

StoredPhoto DistrictDirectory::upload_photo(const Principal& principal, std::int64_t holder_id,
                                            std::string_view bytes) {
    const auto holder = m_store.find_holder(holder_id);
    if (!holder) throw Error(ErrorCode::not_found, "no holder " + std::to_string(holder_id), "id");
    m_accounts.require(principal, sec::Action::district_card_edit,
                       district_target(holder->district_id));
    // Decoding comes after the permission check: nobody may make the server decode images
    // for them without being allowed to store one.
    const media::Photo photo = media::normalize_photo(bytes);
    const media::Photo thumbnail = media::resize_photo(photo, thumbnail_edge);
    store::NewPhoto stored;
    stored.jpeg = photo.jpeg;
    stored.sha256 = sha256_hex(photo.jpeg);
    stored.width = photo.width;
    stored.height = photo.height;
    stored.thumb_jpeg = thumbnail.jpeg;
    stored.thumb_sha256 = sha256_hex(thumbnail.jpeg);
    stored.thumb_width = thumbnail.width;
    stored.thumb_height = thumbnail.height;
    store::AuditEntry audit = principal.audit("photo.upload", "team_holder", "");
    audit.details_json = nlohmann::json{
        {"district", holder->district_id},
        {"sha256", stored.sha256},
        {"bytes",
         stored.jpeg.size()}}.dump();
    const std::int64_t id = m_store.set_holder_photo(holder_id, stored, now(), audit);
    return {id, stored.sha256, stored.thumb_sha256, photo.width, photo.height};
}

void DistrictDirectory::remove_photo(const Principal& principal, std::int64_t holder_id) {
    const auto holder = m_store.find_holder(holder_id);
    if (!holder) throw Error(ErrorCode::not_found, "no holder " + std::to_string(holder_id), "id");
    m_accounts.require(principal, sec::Action::district_card_edit,
                       district_target(holder->district_id));
    store::AuditEntry audit = principal.audit("photo.remove", "team_holder", "");
    audit.details_json = nlohmann::json{
        {"district", holder->district_id},
        {"sha256", holder->photo_sha256.value_or(
                       "")}}.dump();
    m_store.remove_holder_photo(holder_id, now(), audit);
}

void DistrictDirectory::require_holder_edit(const Principal& principal, std::int64_t holder_id) {
    const auto holder = m_store.find_holder(holder_id);
    if (!holder) throw Error(ErrorCode::not_found, "no holder " + std::to_string(holder_id), "id");
    m_accounts.require(principal, sec::Action::district_card_edit,
                       district_target(holder->district_id));
}

std::optional<store::PhotoContent> DistrictDirectory::public_photo(std::int64_t photo_id,
                                                                   std::string_view sha256) {
    auto content = m_store.photo_content(photo_id, sha256);
    if (!content || !content->current) return std::nullopt;
    return content;
}

std::optional<store::PhotoContent> DistrictDirectory::staff_photo(const Principal& principal,
                                                                  std::int64_t photo_id,
                                                                  std::string_view sha256) {
    if (principal.kind == Principal::Kind::token) {
        throw Error(ErrorCode::forbidden, "machine tokens cannot read district teams");
    }
    auto content = m_store.photo_content(photo_id, sha256);
    // The same answer for "no such photo" and "not yours": ids reveal nothing.
    if (!content) return std::nullopt;
    const auto snapshot = catalog();
    const auto area = snapshot->find_area(content->district_id);
    const sec::Target target = area && area->layer->info.name == district_layer
                                   ? district_target(content->district_id)
                                   : sec::Target::municipality(content->municipality_code);
    if (!m_accounts.allowed(principal, sec::Action::district_team_read, target)) {
        return std::nullopt;
    }
    return content;
}

}  // namespace okrsek::service
