#include "media/qr_code.hpp"

#include <gtest/gtest.h>
#include <zbar.h>

#include <regex>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace okrsek::media {
namespace {

// A district page URL as printed on a leaflet: long, with a query string and Czech letters
// percent-encoded ("Náměstí Míru", "Vinohrady").
const std::string district_url =
    "https://bezpecne-mesto.example.cz/okrsky/praha-2/okrsek-0215?ulice=N%C3%A1m%C4%9Bst%C3%AD"
    "%20M%C3%ADru&cislo=1903%2F14a&cast=Vinohrady&lang=cs&utm_source=letak#tym";

// A grey-scale raster (0 = black, 255 = white) of the SVG, drawn from its own geometry: the
// viewBox and the path of "M x y h w v s h -w z" rectangles, nothing else.
struct Raster {
    int size = 0;
    std::vector<unsigned char> pixels;
};

Raster rasterize(const std::string& svg) {
    std::smatch match;
    const std::regex view_box{R"re(viewBox="0 0 (\d+) (\d+)")re"};
    if (!std::regex_search(svg, match, view_box) || match[1] != match[2]) {
        ADD_FAILURE() << "no square viewBox";
        return {};
    }
    Raster raster;
    raster.size = std::stoi(match[1]);
    raster.pixels.assign(static_cast<std::size_t>(raster.size * raster.size), 255);
    // Found with find(), not a regex: libstdc++'s regex recurses per character.
    const std::string path_start = "<path fill=\"#000000\" d=\"";
    const std::size_t begin = svg.find(path_start);
    const std::size_t end =
        begin == std::string::npos ? begin : svg.find('"', begin + path_start.size());
    if (end == std::string::npos) {
        ADD_FAILURE() << "no path";
        return raster;
    }
    const std::string d = svg.substr(begin + path_start.size(), end - begin - path_start.size());
    const std::regex rect{R"re(M(\d+) (\d+)h(\d+)v(\d+)h-(\d+)z)re"};
    std::size_t covered = 0;
    for (auto it = std::sregex_iterator(d.begin(), d.end(), rect); it != std::sregex_iterator();
         ++it) {
        const auto& m = *it;
        const int x = std::stoi(m[1]), y = std::stoi(m[2]), w = std::stoi(m[3]),
                  h = std::stoi(m[4]);
        EXPECT_EQ(w, std::stoi(m[5]));
        EXPECT_LE(x + w, raster.size);
        EXPECT_LE(y + h, raster.size);
        for (int row = y; row < y + h; ++row) {
            for (int column = x; column < x + w; ++column) {
                raster.pixels[static_cast<std::size_t>(row * raster.size + column)] = 0;
            }
        }
        covered += static_cast<std::size_t>(m.length());
    }
    EXPECT_EQ(covered, d.size()) << "the path holds something other than rectangles";
    return raster;
}

std::vector<std::string> decode_with_zbar(const Raster& raster) {
    using namespace zbar;  // zbar.h declares its C API in namespace zbar for C++
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t* image = zbar_image_create();
    const unsigned long y800 = 'Y' | '8' << 8 | '0' << 16 | static_cast<unsigned long>('0') << 24;
    zbar_image_set_format(image, y800);
    const auto size = static_cast<unsigned>(raster.size);
    zbar_image_set_size(image, size, size);
    zbar_image_set_data(image, raster.pixels.data(), raster.pixels.size(), nullptr);
    std::vector<std::string> texts;
    if (zbar_scan_image(scanner, image) > 0) {
        for (const zbar_symbol_t* symbol = zbar_image_first_symbol(image); symbol != nullptr;
             symbol = zbar_symbol_next(symbol)) {
            if (zbar_symbol_get_type(symbol) == ZBAR_QRCODE) {
                texts.emplace_back(zbar_symbol_get_data(symbol),
                                   zbar_symbol_get_data_length(symbol));
            }
        }
    }
    zbar_image_destroy(image);
    zbar_image_scanner_destroy(scanner);
    return texts;
}

TEST(QrCodeSvg, DecodesBackToTheDistrictUrl) {
    for (const int module_size : {2, 4, 7}) {
        const std::string svg = qr_code_svg(district_url, module_size);
        const Raster raster = rasterize(svg);
        EXPECT_EQ(decode_with_zbar(raster), std::vector<std::string>{district_url})
            << "module size " << module_size;
    }
}

TEST(QrCodeSvg, DecodesLongUrls) {
    std::string url = district_url + "&next=";
    while (url.size() < 600) {
        url += "%C5%BE%C4%8D%C5%99";  // "žčř"
    }
    EXPECT_EQ(decode_with_zbar(rasterize(qr_code_svg(url, 3))), std::vector<std::string>{url});
}

TEST(QrCodeSvg, IsStandaloneGeometryOnly) {
    const std::string svg = qr_code_svg("https://example.cz/a?b=<c>&d=\"e\"'", 4);
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" ", 0), 0u);
    EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
    EXPECT_NE(svg.find("fill=\"#ffffff\""), std::string::npos);
    EXPECT_EQ(svg.find("example"), std::string::npos);  // the text never appears in the SVG
    std::size_t paths = 0;
    for (std::size_t at = svg.find("<path"); at != std::string::npos;
         at = svg.find("<path", at + 1)) {
        ++paths;
    }
    EXPECT_EQ(paths, 1u);
    // Only the fixed markup and numbers: nothing a text could have smuggled in.
    const std::regex head{
        R"re(<svg xmlns="http://www\.w3\.org/2000/svg" width="(\d+)" height="\1" )re"
        R"re(viewBox="0 0 \1 \1" shape-rendering="crispEdges"><rect width="\1" height="\1" )re"
        R"re(fill="#ffffff"/><path fill="#000000" d=")re"};
    std::smatch match;
    ASSERT_TRUE(std::regex_search(svg, match, head, std::regex_constants::match_continuous))
        << svg.substr(0, 300);
    const std::string tail = "\"/></svg>\n";
    ASSERT_EQ(svg.substr(svg.size() - tail.size()), tail);
    const std::string d =
        svg.substr(static_cast<std::size_t>(match.length()),
                   svg.size() - tail.size() - static_cast<std::size_t>(match.length()));
    EXPECT_EQ(d.find_first_not_of("0123456789 Mhvz-"), std::string::npos);
    EXPECT_FALSE(rasterize(svg).pixels.empty());  // and d is nothing but rectangles
}

TEST(QrCodeSvg, HasAFourModuleQuietZone) {
    const QrMatrix matrix = qr_code_matrix(district_url);
    const int module_size = 5;
    const Raster raster = rasterize(qr_code_svg(district_url, module_size));
    EXPECT_EQ(raster.size, (matrix.size + 8) * module_size);
    const int quiet = 4 * module_size;
    for (int y = 0; y < raster.size; ++y) {
        for (int x = 0; x < raster.size; ++x) {
            const bool in_zone =
                x < quiet || y < quiet || x >= raster.size - quiet || y >= raster.size - quiet;
            const unsigned char pixel =
                raster.pixels[static_cast<std::size_t>(y * raster.size + x)];
            if (in_zone) {
                ASSERT_EQ(pixel, 255) << x << "," << y;
            } else {
                const bool dark =
                    matrix.is_dark((x - quiet) / module_size, (y - quiet) / module_size);
                ASSERT_EQ(pixel, dark ? 0 : 255) << x << "," << y;
            }
        }
    }
}

TEST(QrCodeMatrix, UsesLevelMInTheSmallestVersion) {
    // 100 bytes in 8-bit mode: version 5 holds 106 at level L, 84 at M; version 6 holds 106 at
    // M; level Q would need version 8. So version 6 means level M.
    const QrMatrix matrix = qr_code_matrix(std::string(100, 'a'));
    EXPECT_EQ(matrix.version, 6);
    EXPECT_EQ(matrix.size, 17 + 4 * 6);
    EXPECT_EQ(matrix.dark.size(), static_cast<std::size_t>(matrix.size * matrix.size));
    // Finder pattern corners are dark, the separator next to them light.
    EXPECT_TRUE(matrix.is_dark(0, 0));
    EXPECT_TRUE(matrix.is_dark(matrix.size - 1, 0));
    EXPECT_TRUE(matrix.is_dark(0, matrix.size - 1));
    EXPECT_FALSE(matrix.is_dark(7, 0));
}

TEST(QrCodeSvg, RefusesEmptyTooLongTextAndBadModuleSize) {
    const auto expect_invalid = [](auto call, const std::string& field) {
        try {
            call();
            ADD_FAILURE() << "accepted";
        } catch (const core::Error& error) {
            EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
            EXPECT_EQ(error.field(), field);
        }
    };
    expect_invalid([] { qr_code_svg(""); }, "text");
    expect_invalid([] { qr_code_svg(std::string(max_qr_text_bytes + 1, 'x')); }, "text");
    expect_invalid([] { qr_code_svg("https://example.cz", 0); }, "module_size");
    expect_invalid([] { qr_code_svg("https://example.cz", 101); }, "module_size");
    EXPECT_NO_THROW(qr_code_svg(std::string(max_qr_text_bytes, 'x')));
}

}  // namespace
}  // namespace okrsek::media
