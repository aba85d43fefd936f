#include "io/text_encoding.hpp"

#include <errno.h>
#include <iconv.h>

#include <algorithm>

#include "core/error.hpp"

namespace okrsek::io {
namespace {

bool is_ascii(std::string_view text) noexcept {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_continuation(unsigned char byte) noexcept {
    return (byte & 0xC0) == 0x80;
}

}  // namespace

std::string_view to_string(TextEncoding encoding) noexcept {
    return encoding == TextEncoding::utf8 ? "UTF-8" : "windows-1250";
}

// RFC 3629, table 3-7 of the Unicode standard: the second byte's range depends on the first
// (E0/ED/F0/F4 exclude overlongs, surrogates and values above U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        const unsigned char lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            return false;
        }
        if (end - p < length || p[1] < low || p[1] > high) return false;
        for (int i = 2; i < length; ++i) {
            if (!is_continuation(p[i])) return false;
        }
        p += length;
    }
    return true;
}

Windows1250Decoder::Windows1250Decoder() : m_iconv(iconv_open("UTF-8", "WINDOWS-1250")) {
    // iconv_open's error value is (iconv_t)-1.
    if (m_iconv == reinterpret_cast<void*>(-1)) {  // NOLINT(performance-no-int-to-ptr)
        throw core::Error(core::ErrorCode::internal,
                          "iconv cannot convert windows-1250 to UTF-8 on this system");
    }
}

Windows1250Decoder::~Windows1250Decoder() {
    iconv_close(static_cast<iconv_t>(m_iconv));
}

bool Windows1250Decoder::decode(std::string_view in, std::string& out) {
    // One windows-1250 byte becomes at most three UTF-8 bytes (the euro sign, U+20AC).
    out.resize(in.size() * 3);
    char* input = const_cast<char*>(in.data());  // iconv's signature, never written through
    std::size_t input_left = in.size();
    char* output = out.data();
    std::size_t output_left = out.size();
    const auto cd = static_cast<iconv_t>(m_iconv);
    const std::size_t result = iconv(cd, &input, &input_left, &output, &output_left);
    if (result == static_cast<std::size_t>(-1)) {
        iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial state
        return false;
    }
    out.resize(out.size() - output_left);
    return true;
}

std::optional<std::string_view> LineDecoder::decode(std::string_view line) {
    if (is_ascii(line)) return line;
    if (!m_encoding) {
        m_encoding = is_valid_utf8(line) ? TextEncoding::utf8 : TextEncoding::windows_1250;
    }
    if (*m_encoding == TextEncoding::utf8) {
        if (!is_valid_utf8(line)) return std::nullopt;
        return line;
    }
    if (!m_windows_1250) m_windows_1250 = std::make_unique<Windows1250Decoder>();
    if (!m_windows_1250->decode(line, m_buffer)) return std::nullopt;
    return std::string_view(m_buffer);
}

}  // namespace okrsek::io
