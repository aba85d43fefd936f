// DistrictDirectory's photos: an upload carrying EXIF (GPS, orientation, camera) comes back as
// a clean, upright JPEG with a thumbnail, addressed by its hash; replaced photos are gone,
// former holders' photos are for staff only; refusals come before any decoding. Test images
// are made on the spot with the codecs (tests/unit/media/test_images.hpp).
#include <gtest/gtest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "unit/media/test_images.hpp"
#include "unit/service/directory/directory_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;
namespace img = media::test;

constexpr std::uint8_t marker_app1 = 0xE1;
const std::string camera = "OkrsekTestCam";

// 800 × 600 as stored, EXIF orientation 6: the photo is upright as 600 × 800.
std::string phone_jpeg() {
    const std::string jpeg = img::encode_test_jpeg(img::corner_marked_image(800, 600));
    const std::string exif =
        img::exif_payload(img::ExifFields{.orientation = 6, .gps = true, .make = camera});
    return img::insert_after_soi(jpeg, img::jpeg_segment(marker_app1, exif));
}

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

void expect_clean(const std::string& jpeg) {
    const auto markers = img::jpeg_markers(jpeg);
    ASSERT_FALSE(markers.empty());
    EXPECT_EQ(std::count(markers.begin(), markers.end(), marker_app1), 0);
    EXPECT_EQ(jpeg.find("Exif"), std::string::npos);
    EXPECT_EQ(jpeg.find(camera), std::string::npos);
    EXPECT_EQ(jpeg.find(img::gps_latitude_bytes()), std::string::npos);
}

class DirectoryPhotosTest : public DirectoryTest {
protected:
    DirectoryPhotosTest() {
        police = role_id(testov, "state_police_officer");
        holder = directory()
                     .start_holder(Principal::cli(), w, police, person("Jana Nová"), "2025-01-01")
                     .id;
        manager = staff("manazer.t1@example.org", sec::Role::prevention_manager,
                        sec::Scope::city_part(t1));
    }

    std::int64_t police = 0;
    std::int64_t holder = 0;
    Principal manager;
};

TEST_F(DirectoryPhotosTest, AnUploadIsStoredCleanUprightAndByHash) {
    const std::string upload = phone_jpeg();
    ASSERT_NE(upload.find(img::gps_latitude_bytes()), std::string::npos);
    const StoredPhoto stored = directory().upload_photo(manager, holder, upload);
    EXPECT_EQ(stored.width, 600u);
    EXPECT_EQ(stored.height, 800u);

    const auto full = directory().public_photo(stored.photo_id, stored.sha256);
    ASSERT_TRUE(full);
    EXPECT_EQ(sha256_hex(full->jpeg), stored.sha256);
    expect_clean(full->jpeg);
    const auto decoded = img::decode_test_jpeg(full->jpeg);
    EXPECT_EQ(decoded.width, 600u);
    EXPECT_EQ(decoded.height, 800u);

    const auto thumb = directory().public_photo(stored.photo_id, stored.thumb_sha256);
    ASSERT_TRUE(thumb);
    expect_clean(thumb->jpeg);
    const auto small = img::decode_test_jpeg(thumb->jpeg);
    EXPECT_EQ(small.height, thumbnail_edge);
    EXPECT_EQ(small.width, 240u);
    EXPECT_LT(thumb->jpeg.size(), full->jpeg.size());

    // The card shows the hashes; the audit row records the upload without bytes.
    const auto card_holder = directory().team(w).at(0).holder;
    EXPECT_EQ(card_holder->photo_sha256, stored.sha256);
    EXPECT_EQ(card_holder->thumb_sha256, stored.thumb_sha256);
    const auto rows = audit_rows("photo.upload");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].actor_id, manager.id);
    EXPECT_EQ(nlohmann::json::parse(rows[0].details_json)["sha256"], stored.sha256);
    EXPECT_LT(rows[0].details_json.size(), 200u);
}

TEST_F(DirectoryPhotosTest, PngWorksTooAndAReplacedPhotoIsGone) {
    const auto first = directory().upload_photo(manager, holder, phone_jpeg());
    const std::string png = img::encode_test_png(img::corner_marked_image(300, 200, 4),
                                                 img::PngOptions{.text = camera});
    const auto second = directory().upload_photo(manager, holder, png);
    EXPECT_EQ(second.width, 300u);
    EXPECT_FALSE(directory().public_photo(first.photo_id, first.sha256));
    EXPECT_FALSE(directory().public_photo(first.photo_id, first.thumb_sha256));
    const auto content = directory().public_photo(second.photo_id, second.sha256);
    ASSERT_TRUE(content);
    expect_clean(content->jpeg);
    // A photo no larger than a thumbnail is its own thumbnail.
    EXPECT_EQ(second.thumb_sha256, second.sha256);

    directory().remove_photo(manager, holder);
    EXPECT_FALSE(directory().public_photo(second.photo_id, second.sha256));
    EXPECT_EQ(audit_rows("photo.remove").size(), 1u);
    EXPECT_EQ(error_of([&] { directory().remove_photo(manager, holder); }).code(),
              ErrorCode::conflict);
}

TEST_F(DirectoryPhotosTest, FormerHoldersPhotosAreForStaffOnly) {
    const auto stored = directory().upload_photo(manager, holder, phone_jpeg());
    directory().start_holder(manager, w, police, person("Petr Další"), "2026-01-01");
    EXPECT_FALSE(directory().public_photo(stored.photo_id, stored.sha256));
    EXPECT_TRUE(directory().staff_photo(manager, stored.photo_id, stored.sha256));
    const Principal officer =
        staff("okrskar.w@example.org", sec::Role::district_state_officer, sec::Scope::district(w));
    EXPECT_TRUE(directory().staff_photo(officer, stored.photo_id, stored.sha256));
    const Principal other =
        staff("okrskar.e@example.org", sec::Role::district_state_officer, sec::Scope::district(e));
    EXPECT_FALSE(directory().staff_photo(other, stored.photo_id, stored.sha256));
    EXPECT_FALSE(directory().staff_photo(manager, stored.photo_id, std::string(64, '0')));
}

TEST_F(DirectoryPhotosTest, NonImagesAndForeignHoldersAreRefusedWithNothingStored) {
    const auto rows = audit_rows().size();
    const auto junk = error_of([&] { directory().upload_photo(manager, holder, "GIF89a...."); });
    EXPECT_EQ(junk.code(), ErrorCode::invalid_input);
    EXPECT_EQ(junk.field(), "photo");
    const auto east =
        directory().start_holder(Principal::cli(), e, police, person("Eva Východní"), "2025-01-01");
    const auto after_start = audit_rows().size();
    EXPECT_EQ(after_start, rows + 1);
    EXPECT_EQ(error_of([&] { directory().upload_photo(manager, east.id, phone_jpeg()); }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { directory().remove_photo(manager, east.id); }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { directory().upload_photo(manager, 987654, phone_jpeg()); }).code(),
              ErrorCode::not_found);
    EXPECT_EQ(audit_rows().size(), after_start);
    EXPECT_FALSE(directory().team(w).at(0).holder->photo_id);
    EXPECT_FALSE(directory().team(e).at(0).holder->photo_id);
}

}  // namespace
}  // namespace okrsek::service::test_auth
