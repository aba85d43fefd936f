#include "service/notify/mail_message.hpp"

#include <array>
#include <cstdio>
#include <ctime>

#include "core/error.hpp"
#include "store/outbox_common.hpp"

namespace okrsek::service::notify {
namespace {

using core::Error;
using core::ErrorCode;

// Longest header text sent as is; longer (or non-ASCII) text is encoded, which also folds it.
constexpr std::size_t max_plain_header_text = 60;
// Bytes of text per encoded-word: base64 of 36 bytes is 48 characters, plus "=?UTF-8?B?" and
// "?=" makes 60: within RFC 2047's 75, and with "Subject: " before it within RFC 5322's 78.
constexpr std::size_t encoded_word_bytes = 36;
constexpr std::size_t qp_line_limit = 76;

void refuse_line_breaks(std::string_view text, std::string_view field) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            throw Error(ErrorCode::invalid_argument,
                        std::string(field) + " contains a line break or control character",
                        std::string(field));
        }
    }
    store::outbox::check_utf8(text, field);
}

bool plain_ascii(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7e) return false;
    }
    // "=?" would be read as the start of an encoded word.
    return text.find("=?") == std::string_view::npos;
}

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xe) return 3;
    return 4;
}

std::string mailbox_mail_message(std::string_view name, std::string_view address) {
    if (name.empty()) return std::string(address);
    bool atoms = true;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '.';
        if (!ok) atoms = false;
    }
    const std::string shown = atoms && name.size() <= max_plain_header_text
                                  ? "\"" + std::string(name) + "\""
                                  : encoded_header_text(name);
    return shown + " <" + std::string(address) + ">";
}

void add_header(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string base64(std::string_view bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i < bytes.size()) {
        const bool two = i + 1 < bytes.size();
        const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (two ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += two ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point time) {
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 40> text{};
    std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d +0000",
                  days[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                  months[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour,
                  utc.tm_min, utc.tm_sec);
    return text.data();
}

std::string encoded_header_text(std::string_view text) {
    if (text.size() <= max_plain_header_text && plain_ascii(text)) return std::string(text);
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        while (end < text.size()) {
            const std::size_t next = end + utf8_length(static_cast<unsigned char>(text[end]));
            if (next - start > encoded_word_bytes) break;
            end = next;
        }
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t column = 0;
    const auto emit = [&](std::string_view token) {
        // A soft break ("=" CRLF) keeps every line, "=" included, within the limit.
        if (column + token.size() > qp_line_limit - 1) {
            out += "=\r\n";
            column = 0;
        }
        out += token;
        column += token.size();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\r\n";
            column = 0;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        const bool line_end = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
        const bool literal =
            (byte >= 33 && byte <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
        if (literal) {
            emit(std::string_view(&text[i], 1));
        } else {
            const char encoded[3] = {'=', hex[byte >> 4], hex[byte & 15]};
            emit(std::string_view(encoded, 3));
        }
    }
    return out;
}

std::string build_mail(const MailMessage& message) {
    store::outbox::check_address(message.from, "from");
    store::outbox::check_address(message.to, "to");
    if (message.reply_to) store::outbox::check_address(*message.reply_to, "reply_to");
    refuse_line_breaks(message.from_name, "from_name");
    refuse_line_breaks(message.subject, "subject");
    refuse_line_breaks(message.kind, "kind");
    store::outbox::check_message_id(message.message_id);
    store::outbox::check_utf8(message.body, "body");

    std::string out;
    out.reserve(message.body.size() * 11 / 10 + 1024);
    add_header(out, "Date", rfc5322_date(message.date));
    add_header(out, "From", mailbox_mail_message(message.from_name, message.from));
    add_header(out, "To", message.to);
    if (message.reply_to) add_header(out, "Reply-To", *message.reply_to);
    add_header(out, "Subject", encoded_header_text(message.subject));
    add_header(out, "Message-ID", message.message_id);
    add_header(out, "MIME-Version", "1.0");
    add_header(out, "Content-Type", "text/plain; charset=UTF-8");
    add_header(out, "Content-Transfer-Encoding", "quoted-printable");
    add_header(out, "Auto-Submitted", "auto-generated");
    if (!message.kind.empty()) add_header(out, "X-Okrsek-Kind", message.kind);
    out += "\r\n";
    out += quoted_printable(message.body);
    if (!out.ends_with("\r\n")) out += "\r\n";
    return out;
}

}  // namespace okrsek::service::notify
