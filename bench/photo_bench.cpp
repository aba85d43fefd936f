// Photo normalisation (src/media): a 12-megapixel phone JPEG (4000 × 3000, EXIF orientation 6
// and GPS) and a 2000 × 1500 RGBA PNG, each decoded, scaled to 1200 px, turned upright,
// flattened and re-encoded at quality 85. Inputs are generated with fixed seeds
// (tests/unit/media/test_images.cpp); "Time" is the wall time per photo.
#include <benchmark/benchmark.h>

#include "media/photo.hpp"
#include "media/qr_code.hpp"
#include "test_images.hpp"

namespace {

using namespace okrsek::media;

const std::string& phone_jpeg() {
    static const std::string jpeg = [] {
        const std::string plain =
            test::encode_test_jpeg(test::photo_like_image(4000, 3000, 12), {.quality = 90});
        const std::string exif =
            test::exif_payload(test::ExifFields{.orientation = 6, .gps = true, .make = "Bench"});
        return test::insert_after_soi(plain, test::jpeg_segment(0xE1, exif));
    }();
    return jpeg;
}

const std::string& rgba_png() {
    static const std::string png = [] {
        const okrsek::media::Image rgb = test::photo_like_image(2000, 1500, 34);
        okrsek::media::Image rgba{
            .width = rgb.width, .height = rgb.height, .channels = 4, .pixels = {}};
        rgba.pixels.reserve(static_cast<std::size_t>(rgb.width) * rgb.height * 4);
        for (std::size_t i = 0; i < rgb.pixels.size(); i += 3) {
            const auto alpha = static_cast<std::uint8_t>(i / 3 % rgb.width < 200 ? 0 : 255);
            rgba.pixels.insert(rgba.pixels.end(),
                               {rgb.pixels[i], rgb.pixels[i + 1], rgb.pixels[i + 2], alpha});
        }
        return test::encode_test_png(rgba);
    }();
    return png;
}

PhotoLimits bench_limits() {
    PhotoLimits limits;
    limits.max_input_bytes = 64u * 1024u * 1024u;  // the generated JPEG's size is reported
    return limits;
}

void normalize(benchmark::State& state, const std::string& input) {
    const PhotoLimits limits = bench_limits();
    std::size_t output_bytes = 0;
    for (auto _ : state) {
        const Photo photo = normalize_photo(input, limits);
        output_bytes = photo.jpeg.size();
        benchmark::DoNotOptimize(photo.jpeg.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["input_MB"] = static_cast<double>(input.size()) / 1e6;
    state.counters["output_kB"] = static_cast<double>(output_bytes) / 1e3;
}

void BM_NormalizeJpeg12Mpx(benchmark::State& state) {
    normalize(state, phone_jpeg());
}
void BM_NormalizePng2000x1500(benchmark::State& state) {
    normalize(state, rgba_png());
}

void BM_ResizeToThumbnail(benchmark::State& state) {
    const Photo photo = normalize_photo(phone_jpeg(), bench_limits());
    for (auto _ : state) {
        benchmark::DoNotOptimize(resize_photo(photo, 240).jpeg.data());
    }
}

void BM_QrCodeSvg(benchmark::State& state) {
    const std::string url = "https://bezpecne-mesto.example.cz/okrsky/praha-2/okrsek-0215";
    for (auto _ : state) {
        benchmark::DoNotOptimize(qr_code_svg(url).data());
    }
}

}  // namespace

BENCHMARK(BM_NormalizeJpeg12Mpx)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_NormalizePng2000x1500)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_ResizeToThumbnail)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QrCodeSvg)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
