#pragma once

// Pixel operations of the photo pipeline: pure functions on media::Image.

#include <cstdint>
#include <utility>

#include "media/image.hpp"

namespace okrsek::media {

/// The size an image of `width` × `height` gets when its longer edge is brought down to
/// `max_edge` pixels, keeping the aspect ratio (each edge at least 1). Never larger than the
/// input: an image that already fits keeps its size. Precondition: max_edge > 0.
std::pair<std::uint32_t, std::uint32_t> fitted_size(std::uint32_t width, std::uint32_t height,
                                                    std::uint32_t max_edge);

/// Area averaging (a box filter) from the image's size down to `width` × `height`, which must
/// each be at most the input's and at least 1: every source pixel contributes to the output
/// pixels it overlaps in proportion to the overlap, so any ratio (not only integers) is exact.
Image downscale_box(const Image& image, std::uint32_t width, std::uint32_t height);

/// An RGBA image composited onto a white background, as RGB. An RGB image is returned as is.
Image flatten_onto_white(Image image);

/// The image turned upright for an EXIF orientation value (1–8, TIFF tag 274): 2 mirrors,
/// 3 rotates by 180°, 4 flips, 5 transposes, 6 rotates 90° clockwise, 7 transverses,
/// 8 rotates 90° counter-clockwise. 5–8 swap width and height; any other value is taken as 1.
Image apply_orientation(Image image, int orientation);

}  // namespace okrsek::media
