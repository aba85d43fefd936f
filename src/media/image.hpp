#pragma once

// The decoded pixels that travel between the decoders, the image operations and the encoder.

#include <cstdint>
#include <vector>

namespace okrsek::media {

/// 8-bit pixels, rows top to bottom without padding: 3 channels (RGB) or 4 (RGBA, straight
/// alpha). `pixels.size() == width * height * channels`.
struct Image {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::uint32_t channels = 3;
    std::vector<std::uint8_t> pixels;
};

}  // namespace okrsek::media
