#include "media/image_ops.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>

namespace okrsek::media {
namespace {

// How one source pixel (or row) contributes to the output: to `first` with `weight_first` and
// to `first + 1` with `weight_second` (0 when it lies inside one output pixel). When scaling
// down, a source pixel is never wider than an output pixel, so two outputs are enough.
struct BoxTap {
    std::uint32_t first = 0;
    float weight_first = 0.0f;
    float weight_second = 0.0f;
};

// Both axes are laid on a common grid of source_n * target_n units: source pixel j covers
// [j * target_n, (j + 1) * target_n), output pixel i covers [i * source_n, (i + 1) * source_n).
// Integer overlaps make the weights exact for any ratio; an output is the overlap-weighted sum
// of its sources divided by its own length, source_n.
std::vector<BoxTap> box_taps(std::uint32_t source_n, std::uint32_t target_n) {
    std::vector<BoxTap> taps(source_n);
    const auto src = static_cast<std::uint64_t>(source_n);
    const auto dst = static_cast<std::uint64_t>(target_n);
    for (std::uint64_t j = 0; j < src; ++j) {
        const std::uint64_t begin = j * dst;
        const std::uint64_t end = begin + dst;
        const std::uint64_t first = begin / src;
        const std::uint64_t boundary = (first + 1) * src;
        BoxTap& tap = taps[j];
        tap.first = static_cast<std::uint32_t>(first);
        if (end <= boundary) {
            tap.weight_first =
                static_cast<float>(static_cast<double>(dst) / static_cast<double>(src));
        } else {
            tap.weight_first = static_cast<float>(static_cast<double>(boundary - begin) /
                                                  static_cast<double>(src));
            tap.weight_second =
                static_cast<float>(static_cast<double>(end - boundary) / static_cast<double>(src));
        }
    }
    return taps;
}

std::uint8_t to_byte(float value) {
    return static_cast<std::uint8_t>(std::clamp(value + 0.5f, 0.0f, 255.0f));
}

// Where output pixel (x, y) of the upright image is read from in the stored one
// (stored size width × height).
struct SourcePixel {
    std::uint32_t x = 0;
    std::uint32_t y = 0;
};

SourcePixel oriented_source(int orientation, std::uint32_t x, std::uint32_t y, std::uint32_t width,
                            std::uint32_t height) {
    switch (orientation) {
        case 2:
            return {width - 1 - x, y};
        case 3:
            return {width - 1 - x, height - 1 - y};
        case 4:
            return {x, height - 1 - y};
        case 5:
            return {y, x};
        case 6:
            return {y, height - 1 - x};
        case 7:
            return {width - 1 - y, height - 1 - x};
        case 8:
            return {width - 1 - y, x};
        default:
            return {x, y};
    }
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> fitted_size(std::uint32_t width, std::uint32_t height,
                                                    std::uint32_t max_edge) {
    assert(max_edge > 0);
    const std::uint32_t longer = std::max(width, height);
    if (longer <= max_edge) {
        return {width, height};
    }
    const auto scaled = [&](std::uint32_t edge) {
        const std::uint64_t rounded =
            (static_cast<std::uint64_t>(edge) * max_edge + longer / 2) / longer;
        return static_cast<std::uint32_t>(std::max<std::uint64_t>(rounded, 1));
    };
    return {scaled(width), scaled(height)};
}

Image downscale_box(const Image& image, std::uint32_t width, std::uint32_t height) {
    assert(width >= 1 && height >= 1 && width <= image.width && height <= image.height);
    if (width == image.width && height == image.height) {
        return image;
    }
    const std::size_t channels = image.channels;
    const std::vector<BoxTap> x_taps = box_taps(image.width, width);
    const std::vector<BoxTap> y_taps = box_taps(image.height, height);

    // One spare output column and row take the zero-weight second contributions of the last
    // pixels, so the inner loops need no branch.
    const std::size_t out_row = (static_cast<std::size_t>(width) + 1) * channels;
    std::vector<float> sums(out_row * (static_cast<std::size_t>(height) + 1), 0.0f);
    std::vector<float> row(out_row);
    const std::size_t in_row = static_cast<std::size_t>(image.width) * channels;

    for (std::uint32_t y = 0; y < image.height; ++y) {
        std::fill(row.begin(), row.end(), 0.0f);
        const std::uint8_t* in = image.pixels.data() + y * in_row;
        for (std::uint32_t x = 0; x < image.width; ++x) {
            const BoxTap& tap = x_taps[x];
            float* first = row.data() + tap.first * channels;
            for (std::size_t c = 0; c < channels; ++c) {
                const auto value = static_cast<float>(in[x * channels + c]);
                first[c] += value * tap.weight_first;
                first[channels + c] += value * tap.weight_second;
            }
        }
        const BoxTap& tap = y_taps[y];
        float* first = sums.data() + tap.first * out_row;
        float* second = first + out_row;
        for (std::size_t i = 0; i < out_row; ++i) {
            first[i] += row[i] * tap.weight_first;
            second[i] += row[i] * tap.weight_second;
        }
    }

    Image result{.width = width, .height = height, .channels = image.channels, .pixels = {}};
    const std::size_t used_row = static_cast<std::size_t>(width) * channels;
    result.pixels.resize(used_row * height);
    for (std::size_t y = 0; y < height; ++y) {
        std::transform(sums.begin() + static_cast<std::ptrdiff_t>(y * out_row),
                       sums.begin() + static_cast<std::ptrdiff_t>(y * out_row + used_row),
                       result.pixels.begin() + static_cast<std::ptrdiff_t>(y * used_row), to_byte);
    }
    return result;
}

Image flatten_onto_white(Image image) {
    if (image.channels != 4) {
        return image;
    }
    const std::size_t count = static_cast<std::size_t>(image.width) * image.height;
    std::vector<std::uint8_t> rgb(count * 3);
    for (std::size_t i = 0; i < count; ++i) {
        const unsigned alpha = image.pixels[i * 4 + 3];
        for (std::size_t c = 0; c < 3; ++c) {
            const unsigned value = image.pixels[i * 4 + c] * alpha + 255u * (255u - alpha);
            rgb[i * 3 + c] = static_cast<std::uint8_t>((value + 127u) / 255u);
        }
    }
    image.pixels = std::move(rgb);
    image.channels = 3;
    return image;
}

Image apply_orientation(Image image, int orientation) {
    if (orientation < 2 || orientation > 8) {
        return image;
    }
    const bool swaps = orientation >= 5;
    const std::uint32_t width = swaps ? image.height : image.width;
    const std::uint32_t height = swaps ? image.width : image.height;
    const std::size_t channels = image.channels;
    std::vector<std::uint8_t> out(image.pixels.size());
    for (std::uint32_t y = 0; y < height; ++y) {
        for (std::uint32_t x = 0; x < width; ++x) {
            const SourcePixel from = oriented_source(orientation, x, y, image.width, image.height);
            const std::size_t source = (static_cast<std::size_t>(from.y) * image.width + from.x);
            const std::size_t target = static_cast<std::size_t>(y) * width + x;
            std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(source * channels),
                        channels, out.begin() + static_cast<std::ptrdiff_t>(target * channels));
        }
    }
    image.width = width;
    image.height = height;
    image.pixels = std::move(out);
    return image;
}

}  // namespace okrsek::media
