#include "io/text_encoding.hpp"

#include <gtest/gtest.h>

namespace okrsek::io {
namespace {

TEST(TextEncoding, ValidUtf8) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("Kód ADM;Název obce"));
    EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));      // €
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
}

TEST(TextEncoding, InvalidUtf8) {
    EXPECT_FALSE(
        is_valid_utf8("K\xF3"
                      "d ADM"));                      // "Kód" in windows-1250
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // cut short
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
}

TEST(TextEncoding, Windows1250ToUtf8) {
    Windows1250Decoder decoder;
    std::string out;
    // "Číslo orientační" and "Znak čísla" in windows-1250, the euro sign (0x80) and ů (0xF9).
    ASSERT_TRUE(decoder.decode("\xC8\xEDslo orienta\xE8n\xED \x80 \xF9", out));
    EXPECT_EQ(out, "Číslo orientační € ů");
    ASSERT_TRUE(decoder.decode("plain", out));
    EXPECT_EQ(out, "plain");
}

TEST(TextEncoding, Windows1250UndefinedByteFails) {
    Windows1250Decoder decoder;
    std::string out;
    EXPECT_FALSE(decoder.decode("abc\x81", out));
    // The decoder is usable afterwards.
    ASSERT_TRUE(decoder.decode("\x8A", out));
    EXPECT_EQ(out, "Š");
}

TEST(TextEncoding, LineDecoderDecidesOnTheFirstNonAsciiLine) {
    LineDecoder utf8;
    EXPECT_EQ(utf8.decode("Kod ADM;Nazev obce"), "Kod ADM;Nazev obce");
    EXPECT_FALSE(utf8.encoding());
    EXPECT_EQ(utf8.decode("1;Lomnice nad Popelkou – Chlum"), "1;Lomnice nad Popelkou – Chlum");
    EXPECT_EQ(utf8.encoding(), TextEncoding::utf8);
    // Once UTF-8, a line in windows-1250 is not valid.
    EXPECT_FALSE(
        utf8.decode("2;Mnichovice \xC8"
                    "ern\xE1"));

    LineDecoder windows;
    EXPECT_EQ(windows.decode("ascii first"), "ascii first");
    EXPECT_EQ(windows.decode("K\xF3"
                             "d"),
              "Kód");
    EXPECT_EQ(windows.encoding(), TextEncoding::windows_1250);
    EXPECT_EQ(windows.decode("\xE8\xED\x9A"), "číš");
}

TEST(TextEncoding, AssumedEncodingIsKept) {
    LineDecoder decoder;
    decoder.assume(TextEncoding::utf8);
    EXPECT_FALSE(
        decoder.decode("K\xF3"
                       "d"));
    EXPECT_EQ(decoder.encoding(), TextEncoding::utf8);
}

}  // namespace
}  // namespace okrsek::io
