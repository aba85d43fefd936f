#include "media/photo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <random>
#include <set>
#include <string>

#include "allocation_probe.hpp"
#include "core/error.hpp"
#include "test_images.hpp"

namespace okrsek::media {
namespace {

using test::Colour;

constexpr std::uint8_t marker_app1 = 0xE1;
constexpr std::uint8_t marker_app2 = 0xE2;
constexpr std::uint8_t marker_com = 0xFE;
const std::string camera_make = "OkrsekTestCam Mk II";

bool near(Colour actual, Colour expected, int tolerance = 40) {
    return std::abs(actual.r - expected.r) <= tolerance &&
           std::abs(actual.g - expected.g) <= tolerance &&
           std::abs(actual.b - expected.b) <= tolerance;
}

std::string describe(Colour c) {
    return "rgb(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) +
           ")";
}

// A corner-marked JPEG carrying the metadata a phone writes: EXIF with orientation, camera
// make and GPS position, an ICC profile (APP2) and a comment.
std::string phone_jpeg(std::uint32_t width, std::uint32_t height, int orientation) {
    const std::string jpeg = test::encode_test_jpeg(test::corner_marked_image(width, height));
    const std::string exif = test::exif_payload(
        test::ExifFields{.orientation = orientation, .gps = true, .make = camera_make});
    const std::string icc = std::string("ICC_PROFILE\0\x01\x01", 14) + std::string(200, 'p');
    return test::insert_after_soi(jpeg, test::jpeg_segment(marker_app1, exif) +
                                            test::jpeg_segment(marker_app2, icc) +
                                            test::jpeg_segment(marker_com, camera_make));
}

// The result is a baseline JFIF JPEG whose segments before the scan are only APP0, quantisation
// and Huffman tables, the frame header and the scan; nothing from the input survives.
void expect_clean_output(const Photo& photo) {
    const std::vector<std::uint8_t> markers = test::jpeg_markers(photo.jpeg);
    ASSERT_FALSE(markers.empty());
    const std::set<std::uint8_t> allowed{0xD8, 0xE0, 0xDB, 0xC4, 0xC0, 0xDD, 0xDA};
    for (const std::uint8_t marker : markers) {
        EXPECT_TRUE(allowed.count(marker)) << "segment marker 0x" << std::hex << int{marker};
    }
    EXPECT_NE(std::find(markers.begin(), markers.end(), 0xC0), markers.end()) << "not baseline";
    EXPECT_EQ(photo.jpeg.find("Exif"), std::string::npos);
    EXPECT_EQ(photo.jpeg.find("ICC_PROFILE"), std::string::npos);
    EXPECT_EQ(photo.jpeg.find("http://ns.adobe.com"), std::string::npos);
    EXPECT_EQ(photo.jpeg.find(camera_make), std::string::npos);
    EXPECT_EQ(photo.jpeg.find(test::gps_latitude_bytes()), std::string::npos);
}

struct Corners {
    Colour top_left, top_right, bottom_left, bottom_right;
};

void expect_corners(const Image& image, const Corners& expected, const std::string& context) {
    const std::uint32_t inset = std::min(image.width, image.height) / 10;
    const std::uint32_t right = image.width - 1 - inset;
    const std::uint32_t bottom = image.height - 1 - inset;
    const std::array<std::pair<Colour, Colour>, 4> checks{{
        {test::pixel_at(image, inset, inset), expected.top_left},
        {test::pixel_at(image, right, inset), expected.top_right},
        {test::pixel_at(image, inset, bottom), expected.bottom_left},
        {test::pixel_at(image, right, bottom), expected.bottom_right},
    }};
    const std::array<const char*, 4> names{"top left", "top right", "bottom left", "bottom right"};
    for (std::size_t i = 0; i < checks.size(); ++i) {
        EXPECT_TRUE(near(checks[i].first, checks[i].second))
            << context << ", " << names[i] << ": " << describe(checks[i].first) << " instead of "
            << describe(checks[i].second);
    }
    EXPECT_TRUE(near(test::pixel_at(image, image.width / 2, image.height / 2), test::grey));
}

void expect_refused(std::string_view bytes, core::ErrorCode code, const PhotoLimits& limits = {}) {
    try {
        normalize_photo(bytes, limits);
        ADD_FAILURE() << "accepted";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), code) << error.what();
        EXPECT_EQ(error.field(), "photo");
    }
}

TEST(NormalizePhoto, TurnsPhoneJpegUprightAndStripsAllMetadata) {
    const std::string input = phone_jpeg(400, 200, 6);
    ASSERT_NE(input.find(test::gps_latitude_bytes()), std::string::npos);
    ASSERT_NE(input.find(camera_make), std::string::npos);

    const Photo photo = normalize_photo(input);
    EXPECT_EQ(photo.width, 200u);
    EXPECT_EQ(photo.height, 400u);
    expect_clean_output(photo);
    const Image decoded = test::decode_test_jpeg(photo.jpeg);
    EXPECT_EQ(decoded.width, 200u);
    EXPECT_EQ(decoded.height, 400u);
    // Rotated 90° clockwise: the stored bottom left comes to the top left.
    expect_corners(decoded, {test::blue, test::red, test::yellow, test::green}, "orientation 6");
}

// What each upright corner shows, from the stored corners (red, green, blue, yellow), for the
// meaning of EXIF orientations 1–8 ("row 0 is the visual top/right/bottom/left…").
class EveryOrientation : public ::testing::TestWithParam<int> {};

TEST_P(EveryOrientation, KeepsCornerColoursWhereTheyBelong) {
    using test::blue, test::green, test::red, test::yellow;
    const std::array<Corners, 8> upright{{
        {red, green, blue, yellow},
        {green, red, yellow, blue},
        {yellow, blue, green, red},
        {blue, yellow, red, green},
        {red, blue, green, yellow},
        {blue, red, yellow, green},
        {yellow, green, blue, red},
        {green, yellow, red, blue},
    }};
    const int orientation = GetParam();
    const Photo photo = normalize_photo(phone_jpeg(320, 160, orientation));
    const bool swapped = orientation >= 5;
    EXPECT_EQ(photo.width, swapped ? 160u : 320u);
    EXPECT_EQ(photo.height, swapped ? 320u : 160u);
    expect_clean_output(photo);
    expect_corners(test::decode_test_jpeg(photo.jpeg),
                   upright[static_cast<std::size_t>(orientation - 1)],
                   "orientation " + std::to_string(orientation));
}

INSTANTIATE_TEST_SUITE_P(Exif, EveryOrientation, ::testing::Range(1, 9));

TEST(NormalizePhoto, ScalesDownToTheLongerEdgeWithOrientation) {
    PhotoLimits limits;
    limits.max_edge = 300;
    const Photo photo = normalize_photo(phone_jpeg(1000, 600, 8), limits);
    EXPECT_EQ(photo.width, 180u);
    EXPECT_EQ(photo.height, 300u);
    expect_corners(test::decode_test_jpeg(photo.jpeg),
                   {test::green, test::yellow, test::red, test::blue}, "scaled, orientation 8");
}

TEST(NormalizePhoto, ScalesByAnyRatioAndNeverUpscales) {
    PhotoLimits limits;
    limits.max_edge = 777;
    const std::string large = test::encode_test_jpeg(test::corner_marked_image(2048, 1365));
    const Photo scaled = normalize_photo(large, limits);
    EXPECT_EQ(scaled.width, 777u);
    EXPECT_EQ(scaled.height, 518u);  // 1365 × 777 / 2048 = 517.9
    expect_corners(test::decode_test_jpeg(scaled.jpeg),
                   {test::red, test::green, test::blue, test::yellow}, "777");

    const Photo small = normalize_photo(test::encode_test_jpeg(test::corner_marked_image(90, 60)));
    EXPECT_EQ(small.width, 90u);
    EXPECT_EQ(small.height, 60u);
}

TEST(NormalizePhoto, AveragesFineDetailInsteadOfSamplingIt) {
    // One-pixel black and white stripes: a box filter gives grey, sampling would give either.
    Image stripes = test::corner_marked_image(1200, 800);
    for (std::uint32_t y = 0; y < stripes.height; ++y) {
        for (std::uint32_t x = 300; x < 900; ++x) {
            const std::uint8_t value = x % 2 == 0 ? 0 : 255;
            std::fill_n(stripes.pixels.begin() + (y * 1200 + x) * 3, 3, value);
        }
    }
    PhotoLimits limits;
    limits.max_edge = 500;
    const Photo photo = normalize_photo(test::encode_test_jpeg(stripes), limits);
    const Colour middle = test::pixel_at(test::decode_test_jpeg(photo.jpeg), 250, 166);
    EXPECT_TRUE(near(middle, Colour{128, 128, 128}, 20)) << describe(middle);
}

TEST(NormalizePhoto, DecodesGrayscaleProgressiveAndCmykJpegs) {
    const Image image = test::corner_marked_image(240, 160);
    const Photo progressive =
        normalize_photo(test::encode_test_jpeg(image, {.quality = 90, .progressive = true}));
    expect_corners(test::decode_test_jpeg(progressive.jpeg),
                   {test::red, test::green, test::blue, test::yellow}, "progressive");

    const Photo gray = normalize_photo(test::encode_test_jpeg(image, {.grayscale = true}));
    EXPECT_EQ(gray.width, 240u);
    const Colour corner = test::pixel_at(test::decode_test_jpeg(gray.jpeg), 10, 10);
    EXPECT_TRUE(corner.r == corner.g && corner.g == corner.b) << describe(corner);

    const Photo cmyk = normalize_photo(test::encode_test_jpeg(image, {.cmyk = true}));
    expect_corners(test::decode_test_jpeg(cmyk.jpeg),
                   {test::red, test::green, test::blue, test::yellow}, "CMYK");
}

TEST(NormalizePhoto, FlattensPngTransparencyOntoWhite) {
    Image image = test::corner_marked_image(200, 100, 4);
    for (std::uint32_t y = 30; y < 46; ++y) {
        for (std::uint32_t x = 0; x < 200; ++x) {
            image.pixels[(y * 200 + x) * 4 + 3] = x < 100 ? 0 : 128;  // clear, then half
        }
    }
    for (const test::PngColour colour : {test::PngColour::rgb, test::PngColour::palette}) {
        const Photo photo = normalize_photo(test::encode_test_png(image, {.colour = colour}));
        const Image decoded = test::decode_test_jpeg(photo.jpeg);
        EXPECT_EQ(decoded.width, 200u);
        EXPECT_TRUE(near(test::pixel_at(decoded, 50, 38), Colour{255, 255, 255}, 6));
        EXPECT_TRUE(near(test::pixel_at(decoded, 150, 38), Colour{191, 191, 191}, 8));
        expect_corners(decoded, {test::red, test::green, test::blue, test::yellow}, "PNG");
        expect_clean_output(photo);
    }
}

TEST(NormalizePhoto, DecodesEveryPngLayout) {
    const Image rgba = test::corner_marked_image(120, 80, 4);
    const std::vector<test::PngOptions> layouts{
        {.colour = test::PngColour::rgb, .bit_depth = 16, .interlaced = true},
        {.colour = test::PngColour::gray, .bit_depth = 8},
        {.colour = test::PngColour::gray, .bit_depth = 16, .interlaced = true},
        {.colour = test::PngColour::palette, .interlaced = true},
    };
    for (const test::PngOptions& layout : layouts) {
        const Photo photo = normalize_photo(test::encode_test_png(rgba, layout));
        EXPECT_EQ(photo.width, 120u);
        EXPECT_EQ(photo.height, 80u);
        const Image decoded = test::decode_test_jpeg(photo.jpeg);
        if (layout.colour != test::PngColour::gray) {
            expect_corners(decoded, {test::red, test::green, test::blue, test::yellow}, "layout");
        }
    }
    const Photo rgb = normalize_photo(test::encode_test_png(test::corner_marked_image(64, 64)));
    EXPECT_EQ(rgb.width, 64u);
}

TEST(NormalizePhoto, DropsPngTextAndExifChunks) {
    const std::string exif =
        test::exif_payload({.orientation = 6, .gps = true, .make = camera_make});
    const std::string png = test::encode_test_png(test::corner_marked_image(100, 60, 4),
                                                  {.text = camera_make, .exif = exif.substr(6)});
    ASSERT_NE(png.find(camera_make), std::string::npos);
    ASSERT_NE(png.find(test::gps_latitude_bytes()), std::string::npos);
    const Photo photo = normalize_photo(png);
    EXPECT_EQ(photo.width, 100u);  // PNG orientation is not taken from eXIf
    expect_clean_output(photo);
}

TEST(NormalizePhoto, RefusesPngBombBeforeAllocatingPixels) {
    const std::string bomb = test::png_with_header_only(100000, 100000);
    test::reset_largest_allocation();
    expect_refused(bomb, core::ErrorCode::invalid_input);
    EXPECT_LT(test::largest_allocation(), 64u * 1024u);

    // A header just over the limit is refused too; one under it fails on its missing data.
    PhotoLimits limits;
    limits.max_input_pixels = 10'000;
    expect_refused(test::png_with_header_only(101, 100), core::ErrorCode::invalid_input, limits);
    expect_refused(test::png_with_header_only(100, 100), core::ErrorCode::invalid_input, limits);
}

TEST(NormalizePhoto, RefusesJpegBombBeforeAllocatingPixels) {
    std::string jpeg = test::encode_test_jpeg(test::corner_marked_image(64, 48));
    const std::size_t sof = jpeg.find("\xFF\xC0");
    ASSERT_NE(sof, std::string::npos);
    jpeg.replace(sof + 5, 4, std::string("\xEA\x60\xEA\x60", 4));  // 60000 × 60000
    test::reset_largest_allocation();
    try {
        normalize_photo(jpeg);
        ADD_FAILURE() << "accepted";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
        EXPECT_NE(std::string(error.what()).find("60000x60000"), std::string::npos) << error.what();
    }
    EXPECT_LT(test::largest_allocation(), 64u * 1024u);
}

TEST(NormalizePhoto, RefusesEverythingThatIsNotJpegOrPng) {
    const std::vector<std::string> impostors{
        "",
        "just some text saved as photo.jpg",
        "<html><body><script>alert(1)</script></body></html>",
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "<svg onload=\"alert(1)\"></svg>",
        std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 13),
        std::string("RIFF\x1a\x00\x00\x00WEBPVP8 ", 16),
        std::string("BM\x3a\x00\x00\x00", 6),
        std::string("\xFF\xD8", 2),          // SOI alone
        std::string("\x89PNG\r\n", 6),       // a cut signature
        std::string("\xFF\xD8\xFF\xE0", 4),  // a JPEG start and nothing else
    };
    for (const std::string& bytes : impostors) {
        expect_refused(bytes, core::ErrorCode::invalid_input);
    }
}

TEST(NormalizePhoto, OversizeInputIsPayloadTooLarge) {
    PhotoLimits limits;
    limits.max_input_bytes = 1000;
    const std::string jpeg = test::encode_test_jpeg(test::photo_like_image(200, 200, 7));
    ASSERT_GT(jpeg.size(), 1000u);
    expect_refused(jpeg, core::ErrorCode::payload_too_large, limits);
    expect_refused(std::string(1001, 'x'), core::ErrorCode::payload_too_large, limits);
}

TEST(NormalizePhoto, RefusesBadLimits) {
    const std::string jpeg = test::encode_test_jpeg(test::corner_marked_image(40, 40));
    PhotoLimits no_edge;
    no_edge.max_edge = 0;
    EXPECT_THROW(normalize_photo(jpeg, no_edge), core::Error);
    PhotoLimits bad_quality;
    bad_quality.jpeg_quality = 101;
    EXPECT_THROW(normalize_photo(jpeg, bad_quality), core::Error);
}

// Truncations and random byte flips of valid files must decode or throw core::Error, never
// crash or throw anything else (run under the asan preset to catch memory errors too).
TEST(NormalizePhoto, SurvivesTruncationAndBitFlips) {
    const std::vector<std::string> originals{
        phone_jpeg(96, 64, 6),
        test::encode_test_jpeg(test::photo_like_image(80, 60, 3), {.progressive = true}),
        test::encode_test_png(test::corner_marked_image(64, 48, 4), {.interlaced = true}),
        test::encode_test_png(test::corner_marked_image(64, 48, 4),
                              {.colour = test::PngColour::palette}),
    };
    std::mt19937 random(20261123);
    int decoded = 0, refused = 0;
    const auto attempt = [&](const std::string& bytes) {
        try {
            const Photo photo = normalize_photo(bytes);
            EXPECT_NO_THROW(test::decode_test_jpeg(photo.jpeg));
            ++decoded;
        } catch (const core::Error& error) {
            EXPECT_EQ(error.field(), "photo");
            ++refused;
        }
    };
    for (const std::string& original : originals) {
        const std::size_t step = std::max<std::size_t>(1, original.size() / 150);
        for (std::size_t length = 0; length < original.size(); length += step) {
            attempt(original.substr(0, length));
        }
        for (int round = 0; round < 400; ++round) {
            std::string damaged = original;
            const int flips = 1 + static_cast<int>(random() % 4);
            for (int i = 0; i < flips; ++i) {
                const std::size_t at = random() % damaged.size();
                damaged[at] = static_cast<char>(damaged[at] ^ (1 << (random() % 8)));
            }
            attempt(damaged);
        }
    }
    EXPECT_GT(refused, 100);
    EXPECT_GT(decoded, 0);  // flips in pixel data still decode
}

TEST(ResizePhoto, MakesSmallerCopiesAndKeepsFittingOnes) {
    const Photo photo = normalize_photo(phone_jpeg(800, 600, 1));
    const Photo thumbnail = resize_photo(photo, 200);
    EXPECT_EQ(thumbnail.width, 200u);
    EXPECT_EQ(thumbnail.height, 150u);
    const Image decoded = test::decode_test_jpeg(thumbnail.jpeg);
    EXPECT_EQ(decoded.width, 200u);
    expect_corners(decoded, {test::red, test::green, test::blue, test::yellow}, "thumbnail");
    expect_clean_output(thumbnail);

    const Photo same = resize_photo(photo, 800);
    EXPECT_EQ(same.jpeg, photo.jpeg);
    EXPECT_THROW(resize_photo(photo, 0), core::Error);
}

}  // namespace
}  // namespace okrsek::media
