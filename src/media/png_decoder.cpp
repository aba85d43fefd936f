#include "media/png_decoder.hpp"

#include <png.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace okrsek::media {
namespace {

// libpng reports errors by longjmp. Everything that lives while libpng runs is plain data or
// owned by a frame outside the functions that call setjmp, so the jump skips no destructor.
struct PngSource {
    const unsigned char* data = nullptr;
    std::size_t size = 0;
    std::size_t offset = 0;
    char message[160] = {};
};

struct PngHeader {
    png_uint_32 width = 0;
    png_uint_32 height = 0;
    int channels = 0;
    int bit_depth = 0;
    std::size_t row_bytes = 0;
};

constexpr png_uint_32 max_edge_px = 1'000'000;  // libpng's own default, stated explicitly
constexpr png_uint_32 max_cached_chunks = 32;
constexpr png_alloc_size_t max_chunk_bytes = 1u << 20;

void read_source(png_structp png, png_bytep out, std::size_t count) {
    auto* source = static_cast<PngSource*>(png_get_io_ptr(png));
    if (count > source->size - source->offset) {
        png_error(png, "the file is truncated");
    }
    std::memcpy(out, source->data + source->offset, count);
    source->offset += count;
}

void on_error(png_structp png, png_const_charp message) {
    auto* source = static_cast<PngSource*>(png_get_error_ptr(png));
    std::snprintf(source->message, sizeof source->message, "%s", message);
    png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

// 0: header read and transformations set; 1: over the pixel limit; -1: libpng error.
int read_png_header(png_structp png, png_infop info, std::uint64_t max_pixels, PngHeader* header) {
    if (setjmp(png_jmpbuf(png))) {
        return -1;
    }
    png_read_info(png, info);
    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    if (static_cast<std::uint64_t>(header->width) * header->height > max_pixels) {
        return 1;
    }
    png_set_expand(png);  // palette → RGB, gray below 8 bits → 8, tRNS → alpha
    png_set_scale_16(png);
    png_set_gray_to_rgb(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    header->channels = png_get_channels(png, info);
    header->bit_depth = png_get_bit_depth(png, info);
    header->row_bytes = png_get_rowbytes(png, info);
    return 0;
}

int read_png_rows(png_structp png, png_bytepp rows) {
    if (setjmp(png_jmpbuf(png))) {
        return -1;
    }
    png_read_image(png, rows);
    return 0;
}

class PngReader {
public:
    explicit PngReader(PngSource* source)
        : m_png(png_create_read_struct(PNG_LIBPNG_VER_STRING, source, on_error, on_warning)) {
        if (m_png != nullptr) {
            m_info = png_create_info_struct(m_png);
        }
        if (m_info == nullptr) {
            png_destroy_read_struct(&m_png, nullptr, nullptr);
            throw core::Error(core::ErrorCode::internal, "photo: cannot start the PNG decoder");
        }
        png_set_read_fn(m_png, source, read_source);
        png_set_user_limits(m_png, max_edge_px, max_edge_px);
        png_set_chunk_cache_max(m_png, max_cached_chunks);
        png_set_chunk_malloc_max(m_png, max_chunk_bytes);
        // Keep IHDR, PLTE, tRNS, IDAT and IEND only: metadata is never even parsed.
        png_set_keep_unknown_chunks(m_png, PNG_HANDLE_CHUNK_NEVER, nullptr, -1);
    }
    ~PngReader() { png_destroy_read_struct(&m_png, &m_info, nullptr); }
    PngReader(const PngReader&) = delete;
    PngReader& operator=(const PngReader&) = delete;

    png_structp png() const { return m_png; }
    png_infop info() const { return m_info; }

private:
    png_structp m_png = nullptr;
    png_infop m_info = nullptr;
};

[[noreturn]] void throw_corrupt_png_decoder(const PngSource& source) {
    throw core::Error(core::ErrorCode::invalid_input,
                      std::string("photo: not a valid PNG image (") + source.message + ")",
                      "photo");
}

}  // namespace

Image decode_png(std::string_view bytes, std::uint64_t max_pixels) {
    PngSource source;
    source.data = reinterpret_cast<const unsigned char*>(bytes.data());
    source.size = bytes.size();
    const PngReader reader(&source);

    PngHeader header;
    const int status = read_png_header(reader.png(), reader.info(), max_pixels, &header);
    if (status < 0) {
        throw_corrupt_png_decoder(source);
    }
    if (status > 0) {
        throw core::Error(core::ErrorCode::invalid_input,
                          "photo: " + std::to_string(header.width) + "x" +
                              std::to_string(header.height) + " pixels is over the limit of " +
                              std::to_string(max_pixels) + " pixels",
                          "photo");
    }
    const auto channels = static_cast<std::size_t>(header.channels);
    if ((channels != 3 && channels != 4) || header.bit_depth != 8 ||
        header.row_bytes != header.width * channels) {
        throw core::Error(core::ErrorCode::invalid_input, "photo: unsupported PNG pixel layout",
                          "photo");
    }

    Image image{.width = header.width,
                .height = header.height,
                .channels = static_cast<std::uint32_t>(channels),
                .pixels = std::vector<std::uint8_t>(header.row_bytes * header.height)};
    std::vector<png_bytep> rows(header.height);
    for (std::size_t y = 0; y < rows.size(); ++y) {
        rows[y] = image.pixels.data() + y * header.row_bytes;
    }
    if (read_png_rows(reader.png(), rows.data()) != 0) {
        throw_corrupt_png_decoder(source);
    }
    return image;
}

}  // namespace okrsek::media
