#pragma once

// Test images made on the spot with the codecs themselves (libturbojpeg, libpng, libexif), so
// the photo tests need no files and control every byte of metadata they check is stripped.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "media/image.hpp"

namespace okrsek::media::test {

struct Colour {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
};

inline constexpr Colour red{230, 20, 20};
inline constexpr Colour green{20, 200, 40};
inline constexpr Colour blue{20, 40, 220};
inline constexpr Colour yellow{240, 230, 30};
inline constexpr Colour grey{128, 128, 128};

/// A grey image whose corners carry square blocks (a quarter of the shorter edge): top left
/// red, top right green, bottom left blue, bottom right yellow. With 4 channels: opaque.
Image corner_marked_image(std::uint32_t width, std::uint32_t height, std::uint32_t channels = 3);

/// A photo-like RGB image: smooth gradients and soft shapes plus fixed-seed noise, so that its
/// JPEG has a realistic size.
Image photo_like_image(std::uint32_t width, std::uint32_t height, std::uint32_t seed);

/// The colour at (x, y) of an RGB image.
Colour pixel_at(const Image& rgb, std::uint32_t x, std::uint32_t y);

struct JpegOptions {
    int quality = 95;
    bool progressive = false;
    bool grayscale = false;
    bool cmyk = false;  ///< written as Adobe (inverted) CMYK converted from the RGB pixels
};

/// An RGB image as a JPEG written by libturbojpeg (4:4:4 chroma, so colours stay exact).
std::string encode_test_jpeg(const Image& rgb, const JpegOptions& options = {});

/// A JPEG decoded to RGB by libturbojpeg at full size; throws std::runtime_error when it does
/// not decode.
Image decode_test_jpeg(std::string_view jpeg);

struct ExifFields {
    int orientation = 0;  ///< 0: no orientation tag
    bool gps = false;     ///< GPS version, latitude and longitude (gps_latitude_bytes())
    std::string make{};   ///< camera make; empty: none
};

/// EXIF data as libexif saves it ("Exif\0\0" + big-endian TIFF), the payload of an APP1 segment.
std::string exif_payload(const ExifFields& fields);

/// The 24 bytes of the GPS latitude rationals exif_payload() writes (50°4'12.3456").
std::string gps_latitude_bytes();

/// A JPEG marker segment: FF, `marker`, the 2-byte length and the payload.
std::string jpeg_segment(std::uint8_t marker, std::string_view payload);

/// `segments` inserted right after a JPEG's SOI marker.
std::string insert_after_soi(std::string_view jpeg, std::string_view segments);

/// The marker codes of a JPEG's segments from SOI up to and including the first SOS.
std::vector<std::uint8_t> jpeg_markers(std::string_view jpeg);

enum class PngColour { rgb, gray, palette };

struct PngOptions {
    PngColour colour = PngColour::rgb;
    int bit_depth = 8;  ///< 8 or 16 (rgb and gray)
    bool interlaced = false;
    std::string text{};  ///< a tEXt chunk "Make" with this value; empty: none
    std::string exif{};  ///< an eXIf chunk (TIFF data without the "Exif\0\0" header)
};

/// An RGB or RGBA image as a PNG written by libpng; alpha is kept when the image has 4
/// channels (as an alpha channel, or tRNS for a palette). Throws std::runtime_error on error.
std::string encode_test_png(const Image& image, const PngOptions& options = {});

/// A PNG signature and IHDR chunk (8-bit RGB) claiming `width` × `height`, one tiny IDAT and
/// IEND, all with valid CRCs: a decompression bomb's header without the bomb.
std::string png_with_header_only(std::uint32_t width, std::uint32_t height);

}  // namespace okrsek::media::test
