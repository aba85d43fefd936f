#include "media/jpeg_codec.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace okrsek::media {
namespace {

struct TjHandleDeleter {
    void operator()(void* handle) const noexcept { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjHandleDeleter>;

struct TjBufferDeleter {
    void operator()(unsigned char* buffer) const noexcept { tjFree(buffer); }
};

// Warnings (premature end of data, corrupt entropy data) abort too: a truncated upload is
// refused rather than stored with a grey lower half. LIMITSCANS refuses progressive files
// with absurd scan counts, which otherwise cost minutes of CPU.
constexpr int decode_flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;

[[noreturn]] void throw_corrupt(void* handle) {
    throw core::Error(core::ErrorCode::invalid_input,
                      std::string("photo: not a valid JPEG image (") + tjGetErrorStr2(handle) + ")",
                      "photo");
}

TjHandle open_decoder() {
    TjHandle handle{tjInitDecompress()};
    if (!handle) {
        throw core::Error(core::ErrorCode::internal, "photo: cannot start the JPEG decoder");
    }
    return handle;
}

struct JpegHeader {
    int width = 0;
    int height = 0;
    int colorspace = 0;
};

JpegHeader read_header(void* handle, std::string_view bytes) {
    JpegHeader header;
    int subsampling = 0;
    if (tjDecompressHeader3(handle, reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<unsigned long>(bytes.size()), &header.width, &header.height,
                            &subsampling, &header.colorspace) != 0) {
        throw_corrupt(handle);
    }
    if (header.width <= 0 || header.height <= 0) {
        throw core::Error(core::ErrorCode::invalid_input, "photo: the JPEG image is empty",
                          "photo");
    }
    return header;
}

// The smallest DCT scaling factor (at most 1) that keeps the longer edge at least
// `min_long_edge`; the box filter does the rest exactly.
tjscalingfactor pick_scaling(int width, int height, std::uint32_t min_long_edge) {
    tjscalingfactor best{1, 1};
    if (min_long_edge == 0) {
        return best;
    }
    const int longer = std::max(width, height);
    int count = 0;
    const tjscalingfactor* factors = tjGetScalingFactors(&count);
    for (int i = 0; factors != nullptr && i < count; ++i) {
        const tjscalingfactor factor = factors[i];
        if (factor.num > factor.denom) {
            continue;
        }
        const int scaled = TJSCALED(longer, factor);
        if (static_cast<std::uint32_t>(scaled) >= min_long_edge &&
            scaled < TJSCALED(longer, best)) {
            best = factor;
        }
    }
    return best;
}

// Adobe writes CMYK JPEGs with inverted components (255 = no ink), which is what libjpeg
// hands back; the inverted values multiply straight into RGB.
std::vector<std::uint8_t> inverted_cmyk_to_rgb(const std::vector<std::uint8_t>& cmyk) {
    std::vector<std::uint8_t> rgb(cmyk.size() / 4 * 3);
    for (std::size_t i = 0, o = 0; i + 3 < cmyk.size(); i += 4, o += 3) {
        const unsigned k = cmyk[i + 3];
        for (std::size_t c = 0; c < 3; ++c) {
            rgb[o + c] = static_cast<std::uint8_t>((cmyk[i + c] * k + 127u) / 255u);
        }
    }
    return rgb;
}

}  // namespace

Image decode_jpeg(std::string_view bytes, const JpegDecodeLimits& limits) {
    const TjHandle handle = open_decoder();
    const JpegHeader header = read_header(handle.get(), bytes);
    const auto pixels = static_cast<std::uint64_t>(header.width) * header.height;
    if (pixels > limits.max_pixels) {
        throw core::Error(core::ErrorCode::invalid_input,
                          "photo: " + std::to_string(header.width) + "x" +
                              std::to_string(header.height) + " pixels is over the limit of " +
                              std::to_string(limits.max_pixels) + " pixels",
                          "photo");
    }
    const tjscalingfactor scaling = pick_scaling(header.width, header.height, limits.min_long_edge);
    const int width = TJSCALED(header.width, scaling);
    const int height = TJSCALED(header.height, scaling);
    const bool cmyk = header.colorspace == TJCS_CMYK || header.colorspace == TJCS_YCCK;
    const int format = cmyk ? TJPF_CMYK : TJPF_RGB;

    std::vector<std::uint8_t> buffer(static_cast<std::size_t>(width) * height *
                                     static_cast<std::size_t>(tjPixelSize[format]));
    if (tjDecompress2(handle.get(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<unsigned long>(bytes.size()), buffer.data(), width, 0, height,
                      format, decode_flags) != 0) {
        throw_corrupt(handle.get());
    }
    return Image{.width = static_cast<std::uint32_t>(width),
                 .height = static_cast<std::uint32_t>(height),
                 .channels = 3,
                 .pixels = cmyk ? inverted_cmyk_to_rgb(buffer) : std::move(buffer)};
}

std::string encode_jpeg(const Image& rgb, int quality) {
    TjHandle handle{tjInitCompress()};
    if (!handle) {
        throw core::Error(core::ErrorCode::internal, "photo: cannot start the JPEG encoder");
    }
    unsigned char* raw = nullptr;
    unsigned long size = 0;
    const int status =
        tjCompress2(handle.get(), rgb.pixels.data(), static_cast<int>(rgb.width), 0,
                    static_cast<int>(rgb.height), TJPF_RGB, &raw, &size, TJSAMP_420, quality, 0);
    const std::unique_ptr<unsigned char, TjBufferDeleter> owned{raw};
    if (status != 0) {
        throw core::Error(core::ErrorCode::internal, std::string("photo: JPEG encoding failed (") +
                                                         tjGetErrorStr2(handle.get()) + ")");
    }
    return std::string(reinterpret_cast<const char*>(owned.get()), size);
}

}  // namespace okrsek::media
