#pragma once

// An e-mail as RFC 5322 text: the headers (non-ASCII text RFC 2047-encoded, every field
// refused when it holds a line break) and a text/plain UTF-8 body in quoted-printable, every
// line ending in CRLF and no line longer than 78 characters.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace okrsek::service::notify {

struct MailMessage {
    std::string from{};       ///< the sender's address
    std::string from_name{};  ///< the sender's display name (UTF-8); may be empty
    std::string to{};
    std::optional<std::string> reply_to{};
    std::string subject{};  ///< UTF-8, one line
    std::string body{};     ///< UTF-8; "\n", "\r\n" or "\r" end a line
    std::string message_id{};
    std::chrono::system_clock::time_point date{};
    /// "report.confirmation" and the like, sent as X-Okrsek-Kind (helps filtering).
    std::string kind{};
};

/// The whole message, headers and body, with CRLF line ends (without the SMTP terminating
/// dot: the SMTP client adds it and dot-stuffs). Throws core::Error invalid_argument naming
/// the field for a CR, LF or other control character in a header field, an address that is not
/// plain ASCII local@domain, or text that is not UTF-8.
std::string build_mail(const MailMessage& message);

/// "Mon, 23 Nov 2026 06:55:47 +0000" (RFC 5322 section 3.3, in UTC).
std::string rfc5322_date(std::chrono::system_clock::time_point time);

/// `text` as is when it is short printable ASCII, else as RFC 2047 "=?UTF-8?B?…?=" words of
/// at most 75 characters each, split between whole UTF-8 characters and joined by CRLF SP.
std::string encoded_header_text(std::string_view text);

/// RFC 2045 quoted-printable of UTF-8 text: line ends become CRLF, lines are soft-broken
/// before 76 characters.
std::string quoted_printable(std::string_view text);

/// The base64 of `bytes` (RFC 4648, with padding, no line breaks).
std::string base64(std::string_view bytes);

}  // namespace okrsek::service::notify
