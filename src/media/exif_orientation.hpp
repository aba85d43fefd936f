#pragma once

// The one piece of a JPEG's metadata okrsek reads before dropping all of it.

#include <string_view>

namespace okrsek::media {

/// The payload of a JPEG's first APP1 Exif segment (starting with "Exif\0\0"), found by walking
/// the marker segments before the first scan; empty when there is none or the segments are
/// malformed.
std::string_view find_exif_segment(std::string_view jpeg);

/// The EXIF orientation (1–8) of a JPEG, read with libexif; 1 when the file has no EXIF
/// data, no orientation tag or an invalid one. Never throws for malformed data.
int jpeg_exif_orientation(std::string_view jpeg);

}  // namespace okrsek::media
