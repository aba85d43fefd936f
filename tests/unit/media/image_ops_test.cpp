#include "media/image_ops.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace okrsek::media {
namespace {

Image gray(std::uint32_t width, std::uint32_t height, std::vector<std::uint8_t> values) {
    // A one-channel image is not a pipeline format, but the operations are channel-generic,
    // which keeps the expected numbers readable.
    return Image{.width = width, .height = height, .channels = 1, .pixels = std::move(values)};
}

TEST(FittedSize, KeepsAspectAndNeverUpscales) {
    EXPECT_EQ(fitted_size(4000, 3000, 1200), std::make_pair(1200u, 900u));
    EXPECT_EQ(fitted_size(3000, 4000, 1200), std::make_pair(900u, 1200u));
    EXPECT_EQ(fitted_size(800, 600, 1200), std::make_pair(800u, 600u));
    EXPECT_EQ(fitted_size(1201, 1, 1200), std::make_pair(1200u, 1u));
    EXPECT_EQ(fitted_size(100000, 10, 1200), std::make_pair(1200u, 1u));  // at least 1
}

TEST(DownscaleBox, IntegerRatioAveragesBlocks) {
    const Image in = gray(4, 2,
                          {0, 100, 200, 40,  //
                           100, 0, 40, 200});
    const Image out = downscale_box(in, 2, 1);
    EXPECT_EQ(out.pixels, (std::vector<std::uint8_t>{50, 120}));
}

TEST(DownscaleBox, FractionalRatioWeighsByOverlap) {
    // 3 → 2: output 0 covers source 0 and half of source 1, output 1 the rest.
    const Image out = downscale_box(gray(3, 1, {0, 90, 180}), 2, 1);
    // (0 * 1 + 90 * 0.5) / 1.5 = 30; (90 * 0.5 + 180 * 1) / 1.5 = 150
    EXPECT_EQ(out.pixels, (std::vector<std::uint8_t>{30, 150}));
}

TEST(DownscaleBox, PreservesMeanAndFlatColourForAnyRatio) {
    std::vector<std::uint8_t> values(7 * 5, 77);
    const Image flat = downscale_box(gray(7, 5, values), 3, 2);
    EXPECT_EQ(flat.pixels, std::vector<std::uint8_t>(6, 77));

    std::vector<std::uint8_t> ramp;
    for (int i = 0; i < 97; ++i) {
        ramp.push_back(static_cast<std::uint8_t>(i * 2));
    }
    const Image out = downscale_box(gray(97, 1, ramp), 13, 1);
    double in_mean = 0, out_mean = 0;
    for (const auto v : ramp) in_mean += v / 97.0;
    for (const auto v : out.pixels) out_mean += v / 13.0;
    EXPECT_NEAR(in_mean, out_mean, 0.5);
    for (std::size_t i = 1; i < out.pixels.size(); ++i) {
        EXPECT_GT(out.pixels[i], out.pixels[i - 1]);  // a ramp stays a ramp
    }
}

TEST(DownscaleBox, KeepsChannelsApart) {
    const Image rgb{.width = 2, .height = 1, .channels = 3, .pixels = {255, 0, 10, 255, 0, 30}};
    EXPECT_EQ(downscale_box(rgb, 1, 1).pixels, (std::vector<std::uint8_t>{255, 0, 20}));
}

TEST(FlattenOntoWhite, CompositesAlpha) {
    const Image rgba{.width = 3,
                     .height = 1,
                     .channels = 4,
                     .pixels = {200, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128}};
    const Image rgb = flatten_onto_white(rgba);
    EXPECT_EQ(rgb.channels, 3u);
    EXPECT_EQ(rgb.pixels, (std::vector<std::uint8_t>{200, 0, 0, 255, 255, 255, 127, 127, 127}));
}

// A 3 × 2 image with distinct values; expected results written out by hand for each
// orientation (TIFF/EXIF tag 274).
TEST(ApplyOrientation, AllEightOrientations) {
    const Image in = gray(3, 2,
                          {1, 2, 3,  //
                           4, 5, 6});
    const std::vector<std::vector<std::uint8_t>> expected{
        {1, 2, 3, 4, 5, 6},  // 1: as stored
        {3, 2, 1, 6, 5, 4},  // 2: mirrored
        {6, 5, 4, 3, 2, 1},  // 3: rotated 180°
        {4, 5, 6, 1, 2, 3},  // 4: flipped
        {1, 4, 2, 5, 3, 6},  // 5: transposed
        {4, 1, 5, 2, 6, 3},  // 6: rotated 90° clockwise
        {6, 3, 5, 2, 4, 1},  // 7: transversed
        {3, 6, 2, 5, 1, 4},  // 8: rotated 90° counter-clockwise
    };
    for (int orientation = 1; orientation <= 8; ++orientation) {
        const Image out = apply_orientation(in, orientation);
        const bool swapped = orientation >= 5;
        EXPECT_EQ(out.width, swapped ? 2u : 3u) << orientation;
        EXPECT_EQ(out.height, swapped ? 3u : 2u) << orientation;
        EXPECT_EQ(out.pixels, expected[static_cast<std::size_t>(orientation - 1)]) << orientation;
    }
    EXPECT_EQ(apply_orientation(in, 0).pixels, in.pixels);
    EXPECT_EQ(apply_orientation(in, 9).pixels, in.pixels);
}

}  // namespace
}  // namespace okrsek::media
