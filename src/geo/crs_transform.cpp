#include "geo/crs_transform.hpp"

#include <proj.h>

#include <cctype>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace okrsek::geo {

namespace {

// EPSG:5514 (Krovak East North) inverted to S-JTSK geographic, then EPSG:1623 "S-JTSK to
// WGS 84 (1)": the 7-parameter position-vector Helmert, accurate to about 1 m in Czechia.
// Written out instead of asking proj.db for "EPSG:5514 -> EPSG:4326", which may pick the 6 m
// three-parameter EPSG:15965 (+towgs84=589,76,480). PROJ's krovak reads east/north negative
// metres (EPSG:5514 axis order) by default. The output is lon, lat in degrees (no axisswap);
// push/pop keeps the unknown height out of the datum shift.
constexpr const char* k_sjtsk_to_wgs84_pipeline =
    "+proj=pipeline"
    " +step +inv +proj=krovak +lat_0=49.5 +lon_0=24.8333333333333 +alpha=30.2881397527778"
    " +k=0.9999 +x_0=0 +y_0=0 +ellps=bessel"
    " +step +proj=push +v_3"
    " +step +proj=cart +ellps=bessel"
    " +step +proj=helmert +x=570.8 +y=85.7 +z=462.8 +rx=4.998 +ry=1.587 +rz=5.261 +s=3.56"
    " +convention=position_vector"
    " +step +inv +proj=cart +ellps=WGS84"
    " +step +proj=pop +v_3"
    " +step +proj=unitconvert +xy_in=rad +xy_out=deg";

struct ContextDeleter {
    void operator()(PJ_CONTEXT* context) const noexcept { proj_context_destroy(context); }
};

struct PjDeleter {
    void operator()(PJ* pj) const noexcept { proj_destroy(pj); }
};

std::string to_lower_trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

std::optional<Crs> crs_of(std::string_view authority, std::string_view code) noexcept {
    if (authority == "epsg" && code == "4326") return Crs::wgs84;
    if (authority == "epsg" && code == "5514") return Crs::sjtsk;
    if (authority == "ogc" && code == "crs84") return Crs::wgs84;
    return std::nullopt;
}

std::string position_text(double east_m, double north_m) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << east_m << ' ' << north_m;
    return out.str();
}

// The EPSG:5514 area of use (Czechia and Slovakia) with half a degree to spare. Krovak's inverse
// maps any numbers somewhere (positive EPSG:5513-style values land in Russia), so a result
// outside it means the input was not S-JTSK east/north metres.
bool in_sjtsk_area(core::LonLat p) noexcept {
    return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= 11.59 && p.lon <= 23.06 &&
           p.lat >= 47.23 && p.lat <= 51.56;
}

}  // namespace

std::optional<Crs> parse_crs(std::string_view text) noexcept {
    try {
        const std::string lower = to_lower_trimmed(text);
        const std::string_view view = lower;
        constexpr std::string_view urn = "urn:ogc:def:crs:";
        constexpr std::string_view http = "http://www.opengis.net/def/crs/";
        constexpr std::string_view https = "https://www.opengis.net/def/crs/";
        // urn:ogc:def:crs:AUTHORITY:VERSION:CODE, version often empty.
        if (view.starts_with(urn)) {
            const auto parts = split(view.substr(urn.size()), ':');
            if (parts.size() != 3) return std::nullopt;
            return crs_of(parts[0], parts[2]);
        }
        // http://www.opengis.net/def/crs/AUTHORITY/VERSION/CODE
        for (std::string_view prefix : {http, https}) {
            if (!view.starts_with(prefix)) continue;
            const auto parts = split(view.substr(prefix.size()), '/');
            if (parts.size() != 3) return std::nullopt;
            return crs_of(parts[0], parts[2]);
        }
        const auto parts = split(view, ':');
        if (parts.size() == 2) return crs_of(parts[0], parts[1]);
        if (view == "crs84") return Crs::wgs84;
        return std::nullopt;
    } catch (...) {  // only std::bad_alloc can reach here
        return std::nullopt;
    }
}

std::string_view to_string(Crs crs) noexcept {
    switch (crs) {
        case Crs::wgs84:
            return "EPSG:4326";
        case Crs::sjtsk:
            return "EPSG:5514";
    }
    return "EPSG:4326";
}

std::optional<Crs> detect_crs(double x, double y) noexcept {
    if (!std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
    if (x >= -180.0 && x <= 180.0 && y >= -90.0 && y <= 90.0) return Crs::wgs84;
    if (x >= -910000.0 && x <= -420000.0 && y >= -1260000.0 && y <= -930000.0) {
        return Crs::sjtsk;
    }
    return std::nullopt;
}

// Members are destroyed in reverse order: the pipeline goes before the context it lives in.
struct SjtskToWgs84::Impl {
    std::unique_ptr<PJ_CONTEXT, ContextDeleter> context;
    std::unique_ptr<PJ, PjDeleter> pipeline;
};

SjtskToWgs84::SjtskToWgs84() : m_impl(std::make_unique<Impl>()) {
    m_impl->context.reset(proj_context_create());
    if (!m_impl->context) {
        throw core::Error(core::ErrorCode::internal, "PROJ: cannot create a context");
    }
    proj_log_level(m_impl->context.get(), PJ_LOG_NONE);
    m_impl->pipeline.reset(proj_create(m_impl->context.get(), k_sjtsk_to_wgs84_pipeline));
    if (!m_impl->pipeline) {
        const int code = proj_context_errno(m_impl->context.get());
        throw core::Error(core::ErrorCode::internal,
                          std::string("PROJ: cannot create the S-JTSK to WGS 84 pipeline: ") +
                              proj_context_errno_string(m_impl->context.get(), code));
    }
}

SjtskToWgs84::~SjtskToWgs84() = default;

core::LonLat SjtskToWgs84::transform(double east_m, double north_m) const {
    PJ* pipeline = m_impl->pipeline.get();
    if (std::isfinite(east_m) && std::isfinite(north_m)) {
        proj_errno_reset(pipeline);
        const PJ_COORD out = proj_trans(pipeline, PJ_FWD, proj_coord(east_m, north_m, 0.0, 0.0));
        const core::LonLat result{out.v[0], out.v[1]};
        if (proj_errno(pipeline) == 0 && in_sjtsk_area(result)) return result;
    }
    throw core::Error(core::ErrorCode::invalid_input,
                      "S-JTSK position " + position_text(east_m, north_m) +
                          " cannot be converted to WGS 84: it lies outside Czechia and Slovakia");
}

std::pair<double, double> SjtskToWgs84::inverse(core::LonLat position) const {
    PJ* pipeline = m_impl->pipeline.get();
    if (in_sjtsk_area(position)) {
        proj_errno_reset(pipeline);
        const PJ_COORD out =
            proj_trans(pipeline, PJ_INV, proj_coord(position.lon, position.lat, 0.0, 0.0));
        if (proj_errno(pipeline) == 0 && std::isfinite(out.v[0]) && std::isfinite(out.v[1])) {
            return {out.v[0], out.v[1]};
        }
    }
    throw core::Error(core::ErrorCode::invalid_input,
                      "position " + position_text(position.lon, position.lat) +
                          " cannot be converted to S-JTSK: it lies outside Czechia and Slovakia");
}

}  // namespace okrsek::geo
