#include "service/security/text_folding.hpp"

#include <gtest/gtest.h>

namespace okrsek::service::security {
namespace {

TEST(DecodeUtf8, CountsCodePointsNotBytes) {
    const auto points = decode_utf8("žluťoučký kůň 🐎");
    ASSERT_TRUE(points);
    EXPECT_EQ(points->size(), 15U);
    EXPECT_EQ((*points)[0], U'ž');
    EXPECT_EQ(points->back(), U'\U0001F40E');
}

TEST(DecodeUtf8, RefusesMalformedSequences) {
    EXPECT_FALSE(decode_utf8("\xC0\x80"));          // overlong NUL (two bytes)
    EXPECT_FALSE(decode_utf8("\xE0\x80\x80"));      // overlong (three bytes)
    EXPECT_FALSE(decode_utf8("\xF0\x80\x80\x80"));  // overlong (four bytes)
    EXPECT_FALSE(decode_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
    EXPECT_FALSE(decode_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(decode_utf8("\xF5\x80\x80\x80"));  // no such lead byte
    EXPECT_FALSE(decode_utf8("abc\x80"));           // stray continuation
    EXPECT_FALSE(decode_utf8("\xC5"));              // truncated
    EXPECT_FALSE(
        decode_utf8("\xC5"
                    "a"));  // lead without continuation
    EXPECT_FALSE(decode_utf8("\xFF"));
    EXPECT_TRUE(decode_utf8(""));
    EXPECT_TRUE(decode_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
}

TEST(EncodeUtf8, RoundTripsEveryLength) {
    const std::string text = "a é € 🐎";
    const auto points = decode_utf8(text);
    ASSERT_TRUE(points);
    EXPECT_EQ(encode_utf8(*points), text);
}

TEST(FoldForComparison, LowerCasesAndDropsLatinDiacritics) {
    const auto fold = [](std::string_view text) {
        return encode_utf8(fold_for_comparison(*decode_utf8(text)));
    };
    EXPECT_EQ(fold("ŠŤASTNÝ Žluťoučký Kůň"), "stastny zlutoucky kun");
    EXPECT_EQ(fold("Jiří Nováková-Řeháková"), "jiri novakova-rehakova");
    EXPECT_EQ(fold("Ľudovít Štúr"), "ludovit stur");
    EXPECT_EQ(fold("Łukasz Żółć"), "lukasz zolc");
    EXPECT_EQ(fold("Ørsted Müller"), "orsted muller");
    EXPECT_EQ(fold("Straße"), "straße");  // ß has no one-letter form; it stays
    EXPECT_EQ(fold("Пароль"), "Пароль");  // outside Latin: unchanged
    EXPECT_EQ(fold("123-!?"), "123-!?");
}

}  // namespace
}  // namespace okrsek::service::security
