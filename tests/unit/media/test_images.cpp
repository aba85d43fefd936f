#include "test_images.hpp"

#include <libexif/exif-data.h>
#include <png.h>
#include <turbojpeg.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>

namespace okrsek::media::test {
namespace {

struct TjDeleter {
    void operator()(void* handle) const noexcept { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDeleter>;

void put(Image& image, std::uint32_t x, std::uint32_t y, Colour colour) {
    std::uint8_t* at =
        image.pixels.data() + (static_cast<std::size_t>(y) * image.width + x) * image.channels;
    at[0] = colour.r;
    at[1] = colour.g;
    at[2] = colour.b;
    if (image.channels == 4) {
        at[3] = 255;
    }
}

std::string big_endian(std::uint32_t value, int bytes) {
    std::string out;
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
        out += static_cast<char>((value >> shift) & 0xFFu);
    }
    return out;
}

// ---- EXIF ---------------------------------------------------------------------------------

struct ExifDataDeleter {
    void operator()(ExifData* data) const noexcept { exif_data_unref(data); }
};
struct ExifMemDeleter {
    void operator()(ExifMem* mem) const noexcept { exif_mem_unref(mem); }
};

void add_entry(ExifMem* mem, ExifContent* ifd, int tag, ExifFormat format, unsigned long components,
               const std::string& bytes) {
    ExifEntry* entry = exif_entry_new_mem(mem);
    entry->tag = static_cast<ExifTag>(tag);
    entry->format = format;
    entry->components = components;
    entry->size = static_cast<unsigned int>(bytes.size());
    entry->data = static_cast<unsigned char*>(exif_mem_alloc(mem, entry->size));
    std::memcpy(entry->data, bytes.data(), bytes.size());
    exif_content_add_entry(ifd, entry);
    exif_entry_unref(entry);
}

std::string rationals(std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> values) {
    std::string out;
    for (const auto& [numerator, denominator] : values) {
        out += big_endian(numerator, 4) + big_endian(denominator, 4);
    }
    return out;
}

const std::string& latitude_rationals() {
    static const std::string bytes = rationals({{50, 1}, {4, 1}, {123456, 10000}});
    return bytes;
}

// ---- PNG ----------------------------------------------------------------------------------

void append_to_string(png_structp png, png_bytep data, std::size_t size) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<char*>(data), size);
}
void flush_nothing(png_structp) {}

struct PngWriteJob {
    png_uint_32 width = 0;
    png_uint_32 height = 0;
    int bit_depth = 8;
    int colour_type = 0;
    int interlace = PNG_INTERLACE_NONE;
    png_colorp palette = nullptr;
    int palette_size = 0;
    png_bytep alphas = nullptr;
    int alpha_count = 0;
    png_textp text = nullptr;
    png_bytep exif = nullptr;
    png_uint_32 exif_size = 0;
    png_bytepp rows = nullptr;
};

// Plain data only between setjmp and libpng's longjmp.
int write_png(png_structp png, png_infop info, const PngWriteJob* job) {
    if (setjmp(png_jmpbuf(png))) {
        return -1;
    }
    png_set_IHDR(png, info, job->width, job->height, job->bit_depth, job->colour_type,
                 job->interlace, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (job->palette != nullptr) {
        png_set_PLTE(png, info, job->palette, job->palette_size);
        if (job->alpha_count > 0) {
            png_set_tRNS(png, info, job->alphas, job->alpha_count, nullptr);
        }
    }
    if (job->text != nullptr) {
        png_set_text(png, info, job->text, 1);
    }
    if (job->exif != nullptr) {
        png_set_eXIf_1(png, info, job->exif_size, job->exif);
    }
    png_write_info(png, info);
    png_write_image(png, job->rows);
    png_write_end(png, nullptr);
    return 0;
}

// The rows of `image` in the layout of the requested PNG colour type.
std::vector<std::uint8_t> png_samples(const Image& image, const PngOptions& options,
                                      std::vector<png_color>& palette,
                                      std::vector<png_byte>& alphas) {
    const std::size_t count = static_cast<std::size_t>(image.width) * image.height;
    const bool alpha = image.channels == 4;
    std::vector<std::uint8_t> out;
    std::map<std::uint32_t, std::uint8_t> index;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t* p = image.pixels.data() + i * image.channels;
        const std::uint8_t a = alpha ? p[3] : 255;
        std::vector<std::uint8_t> samples;
        if (options.colour == PngColour::palette) {
            const std::uint32_t key = static_cast<std::uint32_t>(p[0]) << 24 |
                                      static_cast<std::uint32_t>(p[1]) << 16 |
                                      static_cast<std::uint32_t>(p[2]) << 8 | a;
            auto [it, added] = index.emplace(key, static_cast<std::uint8_t>(palette.size()));
            if (added) {
                if (palette.size() == 256) {
                    throw std::runtime_error("more than 256 colours for a palette PNG");
                }
                palette.push_back(png_color{p[0], p[1], p[2]});
                alphas.push_back(a);
            }
            out.push_back(it->second);
            continue;
        }
        if (options.colour == PngColour::gray) {
            samples.push_back(static_cast<std::uint8_t>((p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8));
        } else {
            samples.assign(p, p + 3);
        }
        if (alpha) {
            samples.push_back(a);
        }
        for (const std::uint8_t s : samples) {
            out.push_back(s);
            if (options.bit_depth == 16) {
                out.push_back(s);  // big-endian 16 bit: s * 257
            }
        }
    }
    return out;
}

int png_colour_type(const Image& image, PngColour colour) {
    const bool alpha = image.channels == 4;
    switch (colour) {
        case PngColour::gray:
            return alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY;
        case PngColour::palette:
            return PNG_COLOR_TYPE_PALETTE;
        case PngColour::rgb:
            break;
    }
    return alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB;
}

std::uint32_t crc32_of(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : bytes) {
        crc ^= static_cast<std::uint8_t>(c);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

std::string png_chunk(std::string_view type, std::string_view data) {
    const std::string body = std::string(type) + std::string(data);
    return big_endian(static_cast<std::uint32_t>(data.size()), 4) + body +
           big_endian(crc32_of(body), 4);
}

}  // namespace

Image corner_marked_image(std::uint32_t width, std::uint32_t height, std::uint32_t channels) {
    Image image{.width = width, .height = height, .channels = channels, .pixels = {}};
    image.pixels.resize(static_cast<std::size_t>(width) * height * channels);
    const std::uint32_t block = std::min(width, height) / 4;
    for (std::uint32_t y = 0; y < height; ++y) {
        for (std::uint32_t x = 0; x < width; ++x) {
            const bool left = x < block;
            const bool right = x >= width - block;
            const bool top = y < block;
            const bool bottom = y >= height - block;
            Colour colour = grey;
            if (top && left) colour = red;
            if (top && right) colour = green;
            if (bottom && left) colour = blue;
            if (bottom && right) colour = yellow;
            put(image, x, y, colour);
        }
    }
    return image;
}

Image photo_like_image(std::uint32_t width, std::uint32_t height, std::uint32_t seed) {
    Image image{.width = width, .height = height, .channels = 3, .pixels = {}};
    image.pixels.resize(static_cast<std::size_t>(width) * height * 3);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> noise(-6, 6);
    for (std::uint32_t y = 0; y < height; ++y) {
        for (std::uint32_t x = 0; x < width; ++x) {
            const double u = static_cast<double>(x) / width;
            const double v = static_cast<double>(y) / height;
            const double wave = std::sin(u * 17.0 + v * 5.0) * std::cos(v * 11.0 - u * 3.0);
            const std::array<double, 3> base{90 + 80 * u + 40 * wave, 110 + 60 * v - 30 * wave,
                                             140 - 50 * u * v + 50 * wave};
            std::uint8_t* at = image.pixels.data() + (static_cast<std::size_t>(y) * width + x) * 3;
            for (std::size_t c = 0; c < 3; ++c) {
                at[c] = static_cast<std::uint8_t>(std::clamp(base[c] + noise(random), 0.0, 255.0));
            }
        }
    }
    return image;
}

Colour pixel_at(const Image& rgb, std::uint32_t x, std::uint32_t y) {
    const std::uint8_t* at =
        rgb.pixels.data() + (static_cast<std::size_t>(y) * rgb.width + x) * rgb.channels;
    return Colour{at[0], at[1], at[2]};
}

std::string encode_test_jpeg(const Image& rgb, const JpegOptions& options) {
    TjHandle handle{tjInitCompress()};
    std::vector<std::uint8_t> pixels = rgb.pixels;
    int format = TJPF_RGB;
    if (options.cmyk) {
        // Inverted CMYK (Adobe): component = 255 - ink, here with no black ink.
        pixels.clear();
        for (std::size_t i = 0; i + 2 < rgb.pixels.size(); i += 3) {
            pixels.insert(pixels.end(), {rgb.pixels[i], rgb.pixels[i + 1], rgb.pixels[i + 2], 255});
        }
        format = TJPF_CMYK;
    }
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    const int subsampling = options.grayscale ? TJSAMP_GRAY : TJSAMP_444;
    const int flags = options.progressive ? TJFLAG_PROGRESSIVE : 0;
    if (tjCompress2(handle.get(), pixels.data(), static_cast<int>(rgb.width), 0,
                    static_cast<int>(rgb.height), format, &buffer, &size, subsampling,
                    options.quality, flags) != 0) {
        tjFree(buffer);
        throw std::runtime_error(std::string("test JPEG: ") + tjGetErrorStr2(handle.get()));
    }
    std::string jpeg(reinterpret_cast<const char*>(buffer), size);
    tjFree(buffer);
    return jpeg;
}

Image decode_test_jpeg(std::string_view jpeg) {
    TjHandle handle{tjInitDecompress()};
    const auto* data = reinterpret_cast<const unsigned char*>(jpeg.data());
    int width = 0, height = 0, subsampling = 0, colourspace = 0;
    if (tjDecompressHeader3(handle.get(), data, jpeg.size(), &width, &height, &subsampling,
                            &colourspace) != 0) {
        throw std::runtime_error(std::string("decode: ") + tjGetErrorStr2(handle.get()));
    }
    Image image{.width = static_cast<std::uint32_t>(width),
                .height = static_cast<std::uint32_t>(height),
                .channels = 3,
                .pixels = std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
    if (tjDecompress2(handle.get(), data, jpeg.size(), image.pixels.data(), width, 0, height,
                      TJPF_RGB, TJFLAG_STOPONWARNING) != 0) {
        throw std::runtime_error(std::string("decode: ") + tjGetErrorStr2(handle.get()));
    }
    return image;
}

std::string exif_payload(const ExifFields& fields) {
    const std::unique_ptr<ExifMem, ExifMemDeleter> mem{exif_mem_new_default()};
    const std::unique_ptr<ExifData, ExifDataDeleter> data{exif_data_new_mem(mem.get())};
    exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_set_byte_order(data.get(), EXIF_BYTE_ORDER_MOTOROLA);
    ExifContent* ifd0 = data->ifd[EXIF_IFD_0];
    ExifContent* gps = data->ifd[EXIF_IFD_GPS];
    if (fields.orientation != 0) {
        add_entry(mem.get(), ifd0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1,
                  big_endian(static_cast<std::uint32_t>(fields.orientation), 2));
    }
    if (!fields.make.empty()) {
        add_entry(mem.get(), ifd0, EXIF_TAG_MAKE, EXIF_FORMAT_ASCII, fields.make.size() + 1,
                  fields.make + '\0');
    }
    if (fields.gps) {
        add_entry(mem.get(), gps, EXIF_TAG_GPS_VERSION_ID, EXIF_FORMAT_BYTE, 4,
                  std::string("\x02\x03\x00\x00", 4));
        add_entry(mem.get(), gps, EXIF_TAG_GPS_LATITUDE_REF, EXIF_FORMAT_ASCII, 2,
                  std::string("N\0", 2));
        add_entry(mem.get(), gps, EXIF_TAG_GPS_LATITUDE, EXIF_FORMAT_RATIONAL, 3,
                  latitude_rationals());
        add_entry(mem.get(), gps, EXIF_TAG_GPS_LONGITUDE_REF, EXIF_FORMAT_ASCII, 2,
                  std::string("E\0", 2));
        add_entry(mem.get(), gps, EXIF_TAG_GPS_LONGITUDE, EXIF_FORMAT_RATIONAL, 3,
                  rationals({{14, 1}, {26, 1}, {98765, 10000}}));
    }
    unsigned char* saved = nullptr;
    unsigned int size = 0;
    exif_data_save_data(data.get(), &saved, &size);
    if (saved == nullptr || size == 0) {
        throw std::runtime_error("test EXIF: libexif saved nothing");
    }
    std::string payload(reinterpret_cast<const char*>(saved), size);
    exif_mem_free(mem.get(), saved);
    return payload;
}

std::string gps_latitude_bytes() {
    return latitude_rationals();
}

std::string jpeg_segment(std::uint8_t marker, std::string_view payload) {
    if (payload.size() + 2 > 0xFFFF) {
        throw std::runtime_error("JPEG segment too long");
    }
    return std::string("\xFF", 1) + static_cast<char>(marker) +
           big_endian(static_cast<std::uint32_t>(payload.size() + 2), 2) + std::string(payload);
}

std::string insert_after_soi(std::string_view jpeg, std::string_view segments) {
    return std::string(jpeg.substr(0, 2)) + std::string(segments) + std::string(jpeg.substr(2));
}

std::vector<std::uint8_t> jpeg_markers(std::string_view jpeg) {
    std::vector<std::uint8_t> markers;
    const auto byte = [&](std::size_t at) { return static_cast<std::uint8_t>(jpeg[at]); };
    if (jpeg.size() < 2 || byte(0) != 0xFF || byte(1) != 0xD8) {
        return markers;
    }
    markers.push_back(0xD8);
    std::size_t at = 2;
    while (at + 4 <= jpeg.size() && byte(at) == 0xFF) {
        const std::uint8_t marker = byte(at + 1);
        markers.push_back(marker);
        if (marker == 0xDA) {
            break;
        }
        at += 2 + (static_cast<std::size_t>(byte(at + 2)) << 8 | byte(at + 3));
    }
    return markers;
}

std::string encode_test_png(const Image& image, const PngOptions& options) {
    std::vector<png_color> palette;
    std::vector<png_byte> alphas;
    std::vector<std::uint8_t> samples = png_samples(image, options, palette, alphas);
    const std::size_t row_bytes = samples.size() / image.height;
    std::vector<png_bytep> rows(image.height);
    for (std::size_t y = 0; y < rows.size(); ++y) {
        rows[y] = samples.data() + y * row_bytes;
    }
    std::string key = "Make";
    std::string text_value = options.text;
    png_text text{};
    text.compression = PNG_TEXT_COMPRESSION_NONE;
    text.key = key.data();
    text.text = text_value.data();
    text.text_length = text_value.size();
    std::string exif = options.exif;

    PngWriteJob job;
    job.width = image.width;
    job.height = image.height;
    job.bit_depth = options.colour == PngColour::palette ? 8 : options.bit_depth;
    job.colour_type = png_colour_type(image, options.colour);
    job.interlace = options.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE;
    if (options.colour == PngColour::palette) {
        job.palette = palette.data();
        job.palette_size = static_cast<int>(palette.size());
        job.alphas = alphas.data();
        job.alpha_count = image.channels == 4 ? static_cast<int>(alphas.size()) : 0;
    }
    job.text = options.text.empty() ? nullptr : &text;
    job.exif = exif.empty() ? nullptr : reinterpret_cast<png_bytep>(exif.data());
    job.exif_size = static_cast<png_uint_32>(exif.size());
    job.rows = rows.data();

    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &out, append_to_string, flush_nothing);
    const int status = write_png(png, info, &job);
    png_destroy_write_struct(&png, &info);
    if (status != 0) {
        throw std::runtime_error("test PNG: libpng failed");
    }
    return out;
}

std::string png_with_header_only(std::uint32_t width, std::uint32_t height) {
    const std::string ihdr =
        big_endian(width, 4) + big_endian(height, 4) + std::string("\x08\x02\x00\x00\x00", 5);
    const std::string idat("\x78\x9C\x63\x00\x00\x00\x01\x00\x01", 9);  // zlib of one 0 byte
    return std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", idat) +
           png_chunk("IEND", "");
}

}  // namespace okrsek::media::test
