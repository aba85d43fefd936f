// Building an e-mail: RFC 2047 subjects, quoted-printable bodies, RFC 5322 dates, and refusal
// of every header field that could smuggle in another header.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "service/notify/mail_message.hpp"
#include "support/smtp_sink.hpp"

namespace okrsek::service::notify {
namespace {

using namespace std::chrono_literals;

MailMessage plain() {
    MailMessage mail;
    mail.from = "noreply@example.org";
    mail.to = "jana@example.org";
    mail.subject = "Test";
    mail.body = "Ahoj\n";
    mail.message_id = "<abc@okrsek>";
    mail.date = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} + 23h + 59min + 58s;
    return mail;
}

std::string field_refused(const MailMessage& mail) {
    try {
        build_mail(mail);
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
        return error.field();
    }
    return "";
}

TEST(OutboxMailTest, DatesAreRfc5322InUtc) {
    EXPECT_EQ(rfc5322_date(plain().date), "Thu, 29 Feb 2024 23:59:58 +0000");
}

TEST(OutboxMailTest, AsciiSubjectsStayPlainOthersAreEncodedInShortWords) {
    EXPECT_EQ(encoded_header_text("Test"), "Test");
    EXPECT_EQ(encoded_header_text("=?x"), "=?UTF-8?B?PT94?=");
    const std::string czech(40, 'x');
    const std::string text = "Příliš žluťoučký kůň úpěl ďábelské ódy " + czech + " ěščřžýáíé";
    const auto encoded = encoded_header_text(text);
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        if (end == std::string::npos) end = encoded.size();
        EXPECT_LE(end - start, 75u);
        start = end + 3;
    }
    EXPECT_EQ(okrsek::test::decode_header_words(encoded), text);
}

TEST(OutboxMailTest, QuotedPrintableKeepsLinesShortAndRoundTrips) {
    const std::string text = std::string(200, 'a') + "=\n" + "čeština \nkonec\t";
    const auto encoded = quoted_printable(text);
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n", start);
        if (end == std::string::npos) end = encoded.size();
        EXPECT_LE(end - start, 76u);
        start = end + 2;
    }
    EXPECT_NE(encoded.find("=3D"), std::string::npos);
    EXPECT_NE(encoded.find("=20\r\n"), std::string::npos);  // a space at a line's end
    std::string decoded = okrsek::test::decode_quoted_printable(encoded);
    std::string expected = std::string(200, 'a') + "=\r\nčeština \r\nkonec\t";
    EXPECT_EQ(decoded, expected);
}

TEST(OutboxMailTest, HeaderInjectionIsRefusedInEveryField) {
    auto mail = plain();
    mail.subject = "Ahoj\r\nBcc: everyone@example.org";
    EXPECT_EQ(field_refused(mail), "subject");
    mail = plain();
    mail.subject = "Ahoj\nBcc: everyone@example.org";
    EXPECT_EQ(field_refused(mail), "subject");
    mail = plain();
    mail.to = "jana@example.org\r\nBcc: everyone@example.org";
    EXPECT_EQ(field_refused(mail), "to");
    mail = plain();
    mail.from_name = "Okrsek\r\nBcc: x@example.org";
    EXPECT_EQ(field_refused(mail), "from_name");
    mail = plain();
    mail.reply_to = "a@example.org>\r\nBcc: <x@example.org";
    EXPECT_EQ(field_refused(mail), "reply_to");
    mail = plain();
    mail.message_id = "<a@b>\r\nBcc: x@example.org";
    EXPECT_EQ(field_refused(mail), "message_id");
    mail = plain();
    mail.kind = "x\ry";
    EXPECT_EQ(field_refused(mail), "kind");
    mail = plain();
    mail.from = "no reply@example.org";
    EXPECT_EQ(field_refused(mail), "from");
    EXPECT_EQ(field_refused(plain()), "");
}

TEST(OutboxMailTest, TheMessageHasItsHeadersThenABlankLineThenTheBody) {
    const auto text = build_mail(plain());
    EXPECT_TRUE(text.starts_with("Date: Thu, 29 Feb 2024 23:59:58 +0000\r\n")) << text;
    EXPECT_NE(text.find("\r\nFrom: noreply@example.org\r\n"), std::string::npos);
    EXPECT_NE(text.find("\r\nMessage-ID: <abc@okrsek>\r\n"), std::string::npos);
    EXPECT_EQ(text.find("Reply-To"), std::string::npos);
    EXPECT_TRUE(text.ends_with("\r\n\r\nAhoj\r\n")) << text;
}

}  // namespace
}  // namespace okrsek::service::notify
