#pragma once

// Safe handling of uploaded photos: decode for real (the format is taken from the bytes, never
// from a name or a declared type), re-encode, strip every piece of metadata.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace okrsek::media {

struct PhotoLimits {
    std::size_t max_input_bytes = 10u * 1024u * 1024u;  ///< larger uploads: payload_too_large
    std::uint64_t max_input_pixels = 40'000'000;        ///< decompression bombs: invalid_input
    std::uint32_t max_edge = 1200;  ///< the longer edge of the result, in pixels (no upscaling)
    int jpeg_quality = 85;
};

/// A photo as okrsek stores and serves it: a baseline JPEG without metadata.
struct Photo {
    std::string jpeg;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

/// Decodes a JPEG or PNG, turns it upright by its EXIF orientation, scales it down so that its
/// longer edge is at most `limits.max_edge`, flattens transparency onto white and encodes it as
/// a new JPEG carrying no EXIF, GPS, XMP, ICC or comment data. Throws core::Error
/// payload_too_large (field "photo") over max_input_bytes, invalid_input (field "photo") for
/// any other format, corrupt or truncated data, or more than max_input_pixels.
Photo normalize_photo(std::string_view bytes, const PhotoLimits& limits = {});

/// normalize_photo() with a smaller edge, for thumbnails and print. A photo whose longer edge
/// is already at most `max_edge` is returned unchanged (no second lossy encoding). Throws
/// core::Error invalid_argument (field "max_edge") for 0.
Photo resize_photo(const Photo& photo, std::uint32_t max_edge);

}  // namespace okrsek::media
