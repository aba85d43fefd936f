#include "media/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>

#include "core/error.hpp"

namespace okrsek::media {
namespace {

constexpr int quiet_zone_modules = 4;
constexpr int max_module_size = 100;

struct QrCodeDeleter {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

// One subpath per horizontal run of dark modules: "M x y h w v s h -w z".
void append_run(std::string& path, int x, int y, int length, int module_size) {
    const int left = (x + quiet_zone_modules) * module_size;
    const int top = (y + quiet_zone_modules) * module_size;
    const int width = length * module_size;
    path += 'M' + std::to_string(left) + ' ' + std::to_string(top) + 'h' + std::to_string(width) +
            'v' + std::to_string(module_size) + 'h' + std::to_string(-width) + 'z';
}

}  // namespace

QrMatrix qr_code_matrix(std::string_view text) {
    if (text.empty() || text.size() > max_qr_text_bytes) {
        throw core::Error(
            core::ErrorCode::invalid_argument,
            "text for a QR code must have 1 to " + std::to_string(max_qr_text_bytes) + " bytes",
            "text");
    }
    errno = 0;
    const std::unique_ptr<QRcode, QrCodeDeleter> code{
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M)};
    if (!code) {
        if (errno == ERANGE) {
            throw core::Error(core::ErrorCode::invalid_argument, "text is too long for a QR code",
                              "text");
        }
        throw core::Error(core::ErrorCode::internal, "QR code encoding failed");
    }
    QrMatrix matrix;
    matrix.version = code->version;
    matrix.size = code->width;
    const auto count =
        static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    matrix.dark.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        matrix.dark[i] = static_cast<std::uint8_t>(code->data[i] & 1u);  // bit 0: dark
    }
    return matrix;
}

std::string qr_code_svg(std::string_view text, int module_size) {
    if (module_size < 1 || module_size > max_module_size) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "module_size must be between 1 and 100", "module_size");
    }
    const QrMatrix matrix = qr_code_matrix(text);
    std::string path;
    for (int y = 0; y < matrix.size; ++y) {
        for (int x = 0; x < matrix.size;) {
            if (!matrix.is_dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < matrix.size && matrix.is_dark(end, y)) {
                ++end;
            }
            append_run(path, x, y, end - x, module_size);
            x = end;
        }
    }
    const std::string edge = std::to_string((matrix.size + 2 * quiet_zone_modules) * module_size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + edge + "\" height=\"" + edge +
           "\" viewBox=\"0 0 " + edge + ' ' + edge +
           "\" shape-rendering=\"crispEdges\"><rect width=\"" + edge + "\" height=\"" + edge +
           "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"" + path + "\"/></svg>\n";
}

}  // namespace okrsek::media
