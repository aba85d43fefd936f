#pragma once

// JPEG decoding and encoding with libturbojpeg (the TurboJPEG 2.x API of Debian 12).

#include <cstdint>
#include <string>
#include <string_view>

#include "media/image.hpp"

namespace okrsek::media {

struct JpegDecodeLimits {
    std::uint64_t max_pixels = 0;  ///< of the stored image, checked before decoding
    /// The longer edge the caller will scale to: the decoder may already scale down by a DCT
    /// factor (1/2, 3/8, 1/4…) as long as the result's longer edge stays at least this long.
    /// 0: decode at full size.
    std::uint32_t min_long_edge = 0;
};

/// Decodes a JPEG (baseline or progressive; YCbCr, grayscale, RGB, CMYK or YCCK) into RGB.
/// Throws core::Error invalid_input (field "photo") for a corrupt or truncated file (warnings
/// of the decoder count as errors) or more than `limits.max_pixels` pixels.
Image decode_jpeg(std::string_view bytes, const JpegDecodeLimits& limits);

/// An RGB image as a baseline JPEG (JFIF, 4:2:0 chroma) at `quality` (1–100), with no other
/// metadata. Throws core::Error internal when the encoder fails.
std::string encode_jpeg(const Image& rgb, int quality);

}  // namespace okrsek::media
