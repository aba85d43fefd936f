#pragma once

// Character encodings of the text files okrsek imports: UTF-8 (with or without a byte-order
// mark) and windows-1250, in which Czech authorities (ČÚZK among them) still ship CSV files.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace okrsek::io {

enum class TextEncoding { utf8, windows_1250 };

/// "UTF-8" or "windows-1250".
std::string_view to_string(TextEncoding encoding) noexcept;

/// The UTF-8 byte-order mark EF BB BF.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// True when `text` is well-formed UTF-8: shortest forms only, no surrogates, at most
/// U+10FFFF.
bool is_valid_utf8(std::string_view text) noexcept;

/// Converts windows-1250 text to UTF-8 with glibc's iconv. Not thread-safe: one per thread.
class Windows1250Decoder {
public:
    /// Throws core::Error(internal) when iconv does not know windows-1250.
    Windows1250Decoder();
    ~Windows1250Decoder();
    Windows1250Decoder(const Windows1250Decoder&) = delete;
    Windows1250Decoder& operator=(const Windows1250Decoder&) = delete;

    /// Replaces `out` with `in` in UTF-8. False (and `out` unspecified) when `in` holds one of
    /// the five bytes windows-1250 leaves undefined (0x81, 0x83, 0x88, 0x90, 0x98).
    bool decode(std::string_view in, std::string& out);

private:
    void* m_iconv;  ///< iconv_t
};

/// Turns the lines of one file into UTF-8 when the file may be in either encoding. The
/// encoding is decided by the first line with a byte of 0x80 or more: UTF-8 if that line is
/// valid UTF-8, else windows-1250 (Czech text in windows-1250 is practically never valid
/// UTF-8). Lines before it are ASCII, the same in both.
class LineDecoder {
public:
    /// Fixes the encoding instead of guessing it (a file that starts with a UTF-8 BOM).
    void assume(TextEncoding encoding) { m_encoding = encoding; }

    /// The line in UTF-8: `line` itself, or a view of a buffer valid until the next call.
    /// std::nullopt when the line is not valid in the file's encoding.
    std::optional<std::string_view> decode(std::string_view line);

    /// The encoding decided so far; std::nullopt while every line was ASCII.
    std::optional<TextEncoding> encoding() const noexcept { return m_encoding; }

private:
    std::optional<TextEncoding> m_encoding;
    std::unique_ptr<Windows1250Decoder> m_windows_1250;
    std::string m_buffer;
};

}  // namespace okrsek::io
