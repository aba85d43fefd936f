#pragma once

// PNG decoding with libpng, limits set before any pixel memory is allocated.

#include <cstdint>
#include <string_view>

#include "media/image.hpp"

namespace okrsek::media {

/// Decodes a PNG (any colour type and bit depth, interlaced or not) into 8-bit RGB, or RGBA when
/// it has transparency. Every ancillary chunk (text, EXIF, ICC, time…) is skipped unread.
/// Throws core::Error invalid_input (field "photo") for a corrupt or truncated file or more than
/// `max_pixels` pixels; the header is checked before the pixels are allocated.
Image decode_png(std::string_view bytes, std::uint64_t max_pixels);

}  // namespace okrsek::media
