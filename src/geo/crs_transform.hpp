#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "core/lon_lat.hpp"

namespace okrsek::geo {

/// Coordinate reference systems okrsek reads.
enum class Crs {
    wgs84,  ///< EPSG:4326 / OGC CRS84, longitude-latitude in degrees
    sjtsk,  ///< EPSG:5514, S-JTSK / Krovak East North, negative metres
};

/// Parses "EPSG:4326", "EPSG:5514", "urn:ogc:def:crs:EPSG::5514", "urn:ogc:def:crs:OGC:1.3:CRS84"
/// and similar spellings; std::nullopt for anything else.
std::optional<Crs> parse_crs(std::string_view text) noexcept;

/// "EPSG:4326" or "EPSG:5514".
std::string_view to_string(Crs crs) noexcept;

/// Guesses the CRS from one position: S-JTSK values in the Czech Republic are large negative
/// metres (east in about [-910000, -420000], north in about [-1260000, -930000]); WGS 84 values
/// fit within degrees. std::nullopt when neither fits.
std::optional<Crs> detect_crs(double x, double y) noexcept;

/// S-JTSK (EPSG:5514) to WGS 84 with PROJ, using the 7-parameter transformation EPSG:1623
/// (accurate to < 1 m; not the 10 m "towgs84=589,76,480"). One object per thread: not
/// thread-safe. Throws core::Error(internal) when PROJ cannot create the transformation.
class SjtskToWgs84 {
public:
    SjtskToWgs84();
    ~SjtskToWgs84();
    SjtskToWgs84(const SjtskToWgs84&) = delete;
    SjtskToWgs84& operator=(const SjtskToWgs84&) = delete;

    /// Converts S-JTSK east/north metres (EPSG:5514 axis order, negative values) to lon/lat.
    /// Throws core::Error(invalid_input) when the position cannot be transformed.
    core::LonLat transform(double east_m, double north_m) const;

    /// The other way: WGS 84 lon/lat to S-JTSK east/north metres (EPSG:5514, negative).
    /// Throws core::Error(invalid_input) when the position lies outside Czechia and Slovakia.
    std::pair<double, double> inverse(core::LonLat position) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace okrsek::geo
