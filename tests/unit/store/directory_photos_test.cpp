// DirectoryStore: a holder's photo by content hash; a replaced or removed photo is deleted, a
// former holder's last photo stays (staff see it; the service serves only current ones); on
// both engines. The bytes here are stand-ins: decoding is the service's job.
#include <gtest/gtest.h>

#include "unit/store/account_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

using core::ErrorCode;

NewPhoto fake_photo(char fill) {
    NewPhoto photo;
    photo.jpeg = std::string(3000, fill) + std::string("\0\xff", 2);
    photo.sha256 = std::string(64, fill == 'a' ? 'a' : 'b');
    photo.width = 600;
    photo.height = 800;
    photo.thumb_jpeg = std::string(300, fill);
    photo.thumb_sha256 = std::string(64, fill == 'a' ? 'c' : 'd');
    photo.thumb_width = 240;
    photo.thumb_height = 320;
    return photo;
}

class DirectoryPhotosTest : public AccountStoreTest {
protected:
    DirectoryPhotosTest() {
        const NewTeamRole roles[] = {{0, "state_police_officer", "Policista", "Police officer"}};
        store->seed_team_roles(testov, roles, t0, by_cli());
        role = store->team_roles(testov, false).at(0).id;
        HolderProfile profile;
        profile.name = "Jana Nová";
        holder =
            store->start_holder(testov, area_ids.at(0), role, profile, "2025-01-01", t0, by_cli());
    }

    std::int64_t photos() const { return scalar("SELECT COUNT(*) FROM photos"); }

    std::int64_t role = 0;
    std::int64_t holder = 0;
};

TEST_F(DirectoryPhotosTest, BothVariantsAreServedByTheirHashes) {
    const NewPhoto photo = fake_photo('a');
    const auto id = store->set_holder_photo(holder, photo, t0, by_user(1));
    EXPECT_EQ(last_audit().action, "photo.upload");
    EXPECT_EQ(last_audit().object_id, std::to_string(holder));
    const auto stored = store->find_holder(holder);
    EXPECT_EQ(stored->photo_id, id);
    EXPECT_EQ(stored->photo_sha256, photo.sha256);
    EXPECT_EQ(stored->thumb_sha256, photo.thumb_sha256);

    const auto full = store->photo_content(id, photo.sha256);
    ASSERT_TRUE(full);
    EXPECT_EQ(full->jpeg, photo.jpeg);  // bytes intact, NUL and 0xFF included
    EXPECT_TRUE(full->current);
    EXPECT_EQ(full->district_id, area_ids.at(0));
    EXPECT_EQ(full->municipality_code, testov);
    const auto thumb = store->photo_content(id, photo.thumb_sha256);
    ASSERT_TRUE(thumb);
    EXPECT_EQ(thumb->jpeg, photo.thumb_jpeg);
    EXPECT_FALSE(store->photo_content(id, std::string(64, 'e')));
    EXPECT_FALSE(store->photo_content(id + 1, photo.sha256));
}

TEST_F(DirectoryPhotosTest, AReplacedOrRemovedPhotoIsDeleted) {
    const auto first = store->set_holder_photo(holder, fake_photo('a'), t0, by_cli());
    const auto second = store->set_holder_photo(holder, fake_photo('z'), t0, by_cli());
    EXPECT_EQ(photos(), 1);
    EXPECT_FALSE(store->photo_content(first, std::string(64, 'a')));
    EXPECT_TRUE(store->photo_content(second, std::string(64, 'b')));
    store->remove_holder_photo(holder, t0, by_user(1));
    EXPECT_EQ(last_audit().action, "photo.remove");
    EXPECT_EQ(photos(), 0);
    EXPECT_FALSE(store->find_holder(holder)->photo_id);
    EXPECT_EQ(error_of([&] { store->remove_holder_photo(holder, t0, by_cli()); }).code(),
              ErrorCode::conflict);
}

TEST_F(DirectoryPhotosTest, AFormerHoldersPhotoStaysButIsNoLongerCurrent) {
    const auto id = store->set_holder_photo(holder, fake_photo('a'), t0, by_cli());
    HolderProfile next;
    next.name = "Petr Další";
    store->start_holder(testov, area_ids.at(0), role, next, "2026-01-01", t0, by_cli());
    const auto content = store->photo_content(id, std::string(64, 'a'));
    ASSERT_TRUE(content);
    EXPECT_FALSE(content->current);
}

TEST_F(DirectoryPhotosTest, MalformedPhotosAreRefused) {
    NewPhoto photo = fake_photo('a');
    photo.sha256 = "ABC";
    EXPECT_EQ(error_of([&] { store->set_holder_photo(holder, photo, t0, by_cli()); }).field(),
              "sha256");
    photo = fake_photo('a');
    photo.thumb_jpeg.clear();
    EXPECT_EQ(error_of([&] { store->set_holder_photo(holder, photo, t0, by_cli()); }).field(),
              "thumbnail");
    EXPECT_EQ(
        error_of([&] { store->set_holder_photo(987654, fake_photo('a'), t0, by_cli()); }).code(),
        ErrorCode::not_found);
    EXPECT_EQ(photos(), 0);
}

}  // namespace
}  // namespace okrsek::store::test_accounts
