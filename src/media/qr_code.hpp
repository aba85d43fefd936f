#pragma once

#include <string>
#include <string_view>

namespace okrsek::media {

/// `text` (a URL) as a QR code (libqrencode, error correction level M, 8-bit mode) drawn as a
/// standalone SVG image with a quiet zone of 4 modules; `module_size` is one module's edge in
/// SVG user units. Throws core::Error invalid_argument (field "text") for empty or too long
/// text.
std::string qr_code_svg(std::string_view text, int module_size = 4);

}  // namespace okrsek::media
