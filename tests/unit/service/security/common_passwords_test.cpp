#include "service/security/common_passwords.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace okrsek::service::security {
namespace {

TEST(CommonPasswords, TheEmbeddedListIsTheDataFile) {
    const auto list = CommonPasswords::embedded();
    ASSERT_TRUE(list);
    EXPECT_EQ(list->size(), 10173U);  // data/security/README.md
    EXPECT_TRUE(list->contains("123456"));
    EXPECT_TRUE(list->contains("password"));
    EXPECT_TRUE(list->contains("qwerty123456"));  // one of the long entries kept
    EXPECT_TRUE(list->contains("1qaz2wsx3edc"));
    EXPECT_FALSE(list->contains("correct horse battery staple"));
    EXPECT_EQ(CommonPasswords::embedded(), list);  // parsed once, shared
}

TEST(CommonPasswords, IgnoresCaseAndDiacritics) {
    const auto list = CommonPasswords::embedded();
    EXPECT_TRUE(list->contains("PASSWORD"));
    EXPECT_TRUE(list->contains("PassWord"));
    EXPECT_TRUE(list->contains("pässwörd"));
    EXPECT_FALSE(list->contains("password "));
}

TEST(CommonPasswords, ReadsOneEntryPerLine) {
    const auto list = CommonPasswords::from_text("Alpha\r\n\nbeta\ngama\xC5\n\xFF\nŽirafa");
    EXPECT_EQ(list.size(), 3U);  // the two lines that are not UTF-8 are skipped
    EXPECT_TRUE(list.contains("alpha"));
    EXPECT_TRUE(list.contains("BETA"));
    EXPECT_TRUE(list.contains("zirafa"));
    EXPECT_FALSE(list.contains(""));
    EXPECT_FALSE(list.contains("\xFF"));
}

TEST(CommonPasswords, ReadsAFile) {
    const auto path = std::filesystem::temp_directory_path() / "okrsek-common-passwords-test.txt";
    std::ofstream(path) << "letmein2024!\nhunter2hunter2\n";
    const auto list = CommonPasswords::from_file(path);
    std::filesystem::remove(path);
    EXPECT_EQ(list.size(), 2U);
    EXPECT_TRUE(list.contains("Hunter2Hunter2"));
}

TEST(CommonPasswords, NamesAMissingFile) {
    try {
        CommonPasswords::from_file("/nonexistent/okrsek/passwords.txt");
        FAIL() << "expected an error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::not_found);
        EXPECT_NE(std::string(error.what()).find("/nonexistent/okrsek/passwords.txt"),
                  std::string::npos);
    }
}

}  // namespace
}  // namespace okrsek::service::security
