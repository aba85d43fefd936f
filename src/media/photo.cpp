#include "media/photo.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "media/exif_orientation.hpp"
#include "media/image_ops.hpp"
#include "media/jpeg_codec.hpp"
#include "media/png_decoder.hpp"

namespace okrsek::media {
namespace {

enum class PhotoFormat { unknown, jpeg, png };

constexpr std::string_view jpeg_magic{"\xFF\xD8\xFF", 3};
constexpr std::string_view png_magic{"\x89PNG\r\n\x1A\n", 8};
constexpr std::uint32_t max_jpeg_edge = 65500;  // JPEG_MAX_DIMENSION of libjpeg

PhotoFormat sniff_format(std::string_view bytes) {
    if (bytes.substr(0, jpeg_magic.size()) == jpeg_magic) {
        return PhotoFormat::jpeg;
    }
    if (bytes.substr(0, png_magic.size()) == png_magic) {
        return PhotoFormat::png;
    }
    return PhotoFormat::unknown;
}

void check_limits(const PhotoLimits& limits) {
    if (limits.max_edge == 0 || limits.max_edge > max_jpeg_edge) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "max_edge must be between 1 and 65500 pixels", "max_edge");
    }
    if (limits.jpeg_quality < 1 || limits.jpeg_quality > 100) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "jpeg_quality must be between 1 and 100", "jpeg_quality");
    }
}

// Flatten first so that averaging sees the colours as shown, then scale (cheap on the large
// image), then turn the small result upright.
Photo finish(Image image, int orientation, const PhotoLimits& limits) {
    image = flatten_onto_white(std::move(image));
    const auto [width, height] = fitted_size(image.width, image.height, limits.max_edge);
    image = apply_orientation(downscale_box(image, width, height), orientation);
    Photo photo;
    photo.jpeg = encode_jpeg(image, limits.jpeg_quality);
    photo.width = image.width;
    photo.height = image.height;
    return photo;
}

}  // namespace

Photo normalize_photo(std::string_view bytes, const PhotoLimits& limits) {
    check_limits(limits);
    if (bytes.size() > limits.max_input_bytes) {
        throw core::Error(core::ErrorCode::payload_too_large,
                          "photo: " + std::to_string(bytes.size()) +
                              " bytes is over the limit of " +
                              std::to_string(limits.max_input_bytes) + " bytes",
                          "photo");
    }
    switch (sniff_format(bytes)) {
        case PhotoFormat::jpeg: {
            const JpegDecodeLimits decode{.max_pixels = limits.max_input_pixels,
                                          .min_long_edge = limits.max_edge};
            return finish(decode_jpeg(bytes, decode), jpeg_exif_orientation(bytes), limits);
        }
        case PhotoFormat::png:
            return finish(decode_png(bytes, limits.max_input_pixels), 1, limits);
        case PhotoFormat::unknown:
            break;
    }
    throw core::Error(core::ErrorCode::invalid_input, "photo: not a JPEG or PNG image", "photo");
}

Photo resize_photo(const Photo& photo, std::uint32_t max_edge) {
    if (std::max(photo.width, photo.height) <= max_edge) {
        return photo;
    }
    PhotoLimits limits;
    limits.max_edge = max_edge;
    limits.max_input_bytes = std::max(limits.max_input_bytes, photo.jpeg.size());
    return normalize_photo(photo.jpeg, limits);
}

}  // namespace okrsek::media
