#include "media/exif_orientation.hpp"

#include <libexif/exif-data.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace okrsek::media {
namespace {

constexpr unsigned char marker_sos = 0xDA;
constexpr unsigned char marker_eoi = 0xD9;
constexpr unsigned char marker_app1 = 0xE1;
constexpr std::string_view exif_header{"Exif\0\0", 6};

bool has_no_length(unsigned char marker) {
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);  // TEM, RSTn
}

struct ExifDataDeleter {
    void operator()(ExifData* data) const noexcept { exif_data_unref(data); }
};

}  // namespace

std::string_view find_exif_segment(std::string_view jpeg) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(jpeg[at]); };
    std::size_t at = 2;  // after SOI
    while (at + 4 <= jpeg.size()) {
        if (byte(at) != 0xFF) {
            return {};
        }
        const unsigned char marker = byte(at + 1);
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        if (marker == marker_sos || marker == marker_eoi) {
            return {};
        }
        if (has_no_length(marker)) {
            at += 2;
            continue;
        }
        const std::size_t length = static_cast<std::size_t>(byte(at + 2)) << 8 | byte(at + 3);
        if (length < 2 || at + 2 + length > jpeg.size()) {
            return {};
        }
        const std::string_view payload = jpeg.substr(at + 4, length - 2);
        if (marker == marker_app1 && payload.substr(0, exif_header.size()) == exif_header) {
            return payload;
        }
        at += 2 + length;
    }
    return {};
}

int jpeg_exif_orientation(std::string_view jpeg) {
    const std::string_view segment = find_exif_segment(jpeg);
    if (segment.empty()) {
        return 1;
    }
    const std::unique_ptr<ExifData, ExifDataDeleter> data{exif_data_new()};
    if (!data) {
        return 1;
    }
    // Load as written: following the specification would make libexif add and "fix" tags.
    exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(data.get(), reinterpret_cast<const unsigned char*>(segment.data()),
                        static_cast<unsigned int>(segment.size()));
    const ExifEntry* entry = exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (entry == nullptr || entry->format != EXIF_FORMAT_SHORT || entry->components < 1 ||
        entry->size < 2 || entry->data == nullptr) {
        return 1;
    }
    const int orientation = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
    return orientation >= 1 && orientation <= 8 ? orientation : 1;
}

}  // namespace okrsek::media
