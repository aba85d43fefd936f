#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::media {

/// The longest text a QR code is made for, in bytes (a version 40 code at level M holds 2331).
inline constexpr std::size_t max_qr_text_bytes = 1024;

/// The modules of a QR code, without the quiet zone.
struct QrMatrix {
    int version = 0;                 ///< 1–40; the code is 17 + 4 × version modules wide
    int size = 0;                    ///< modules per edge
    std::vector<std::uint8_t> dark;  ///< size × size, row by row, 1 = dark module

    bool is_dark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

/// `text` encoded by libqrencode in 8-bit mode at error correction level M, in the smallest
/// version that holds it. Throws core::Error invalid_argument (field "text") for empty text or
/// more than max_qr_text_bytes.
QrMatrix qr_code_matrix(std::string_view text);

/// `text` (a URL) as a QR code (libqrencode, error correction level M, 8-bit mode) drawn as a
/// standalone SVG image with a quiet zone of 4 modules; `module_size` is one module's edge in
/// SVG user units. Throws core::Error invalid_argument (field "text") for empty or too long
/// text, (field "module_size") for a module size outside 1–100. The SVG holds only the drawn
/// geometry (a white background and one path of the dark modules), never the text itself.
std::string qr_code_svg(std::string_view text, int module_size = 4);

}  // namespace okrsek::media
