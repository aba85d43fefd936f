#include "geo/wkb.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

#include "core/error.hpp"

namespace okrsek::geo {

namespace {

constexpr std::uint32_t k_polygon = 3;
constexpr std::uint32_t k_multi_polygon = 6;
constexpr char k_little_endian = 1;
constexpr char k_big_endian = 0;
constexpr std::size_t k_point_bytes = 16;

static_assert(std::endian::native == std::endian::little ||
              std::endian::native == std::endian::big);

template <typename T>
T byte_swapped(T value) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
    std::memcpy(&value, bytes, sizeof(T));
    return value;
}

class WkbWriter {
public:
    void byte_order() { m_out.push_back(k_little_endian); }
    void uint32(std::uint32_t value) { put(value); }
    void point(core::LonLat p) {
        put(p.lon);
        put(p.lat);
    }
    std::string take() { return std::move(m_out); }

private:
    template <typename T>
    void put(T value) {
        if constexpr (std::endian::native == std::endian::big) value = byte_swapped(value);
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        m_out.append(bytes, sizeof(T));
    }

    std::string m_out;
};

void write_ring(WkbWriter& out, const Ring& ring) {
    out.uint32(static_cast<std::uint32_t>(ring.size()));
    for (const core::LonLat& p : ring) out.point(p);
}

void write_polygon(WkbWriter& out, const Polygon& polygon) {
    out.byte_order();
    out.uint32(k_polygon);
    out.uint32(static_cast<std::uint32_t>(polygon.holes.size() + 1));
    write_ring(out, polygon.outer);
    for (const Ring& hole : polygon.holes) write_ring(out, hole);
}

// Reads WKB with bounds checks; every geometry header sets the byte order for what follows.
class WkbReader {
public:
    explicit WkbReader(std::string_view bytes) : m_bytes(bytes) {}

    std::uint32_t geometry_header() {
        need(1, "byte order");
        const char order = m_bytes[m_pos++];
        if (order != k_little_endian && order != k_big_endian) {
            fail("unknown byte order " + std::to_string(static_cast<int>(order)));
        }
        m_swap = (order == k_little_endian) != (std::endian::native == std::endian::little);
        return uint32("geometry type");
    }

    // A count of items of at least `item_bytes` each; larger than the rest of the input is
    // truncation, which also keeps a corrupt count from allocating gigabytes.
    std::uint32_t count(std::size_t item_bytes, const char* what) {
        const std::uint32_t n = uint32(what);
        if (static_cast<std::uint64_t>(n) * item_bytes > m_bytes.size() - m_pos) {
            fail(std::string("truncated: ") + what + " " + std::to_string(n) + " does not fit");
        }
        return n;
    }

    core::LonLat point() {
        const double lon = get<double>("coordinate");
        const double lat = get<double>("coordinate");
        return {lon, lat};
    }

    void expect_end() const {
        if (m_pos != m_bytes.size()) {
            fail(std::to_string(m_bytes.size() - m_pos) + " bytes after the geometry");
        }
    }

    [[noreturn]] void fail(const std::string& problem) const {
        throw core::Error(core::ErrorCode::invalid_input,
                          "WKB at byte " + std::to_string(m_pos) + ": " + problem);
    }

private:
    std::uint32_t uint32(const char* what) { return get<std::uint32_t>(what); }

    template <typename T>
    T get(const char* what) {
        need(sizeof(T), what);
        T value;
        std::memcpy(&value, m_bytes.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return m_swap ? byte_swapped(value) : value;
    }

    void need(std::size_t n, const char* what) const {
        if (m_bytes.size() - m_pos < n) fail(std::string("truncated while reading ") + what);
    }

    std::string_view m_bytes;
    std::size_t m_pos = 0;
    bool m_swap = false;
};

Ring read_ring(WkbReader& in) {
    Ring ring(in.count(k_point_bytes, "point count"));
    for (core::LonLat& p : ring) p = in.point();
    return ring;
}

Polygon read_polygon_body(WkbReader& in) {
    // A ring is at least its 4-byte point count.
    const std::uint32_t rings = in.count(4, "ring count");
    if (rings == 0) in.fail("polygon without rings");
    Polygon polygon;
    polygon.outer = read_ring(in);
    polygon.holes.reserve(rings - 1);
    for (std::uint32_t i = 1; i < rings; ++i) polygon.holes.push_back(read_ring(in));
    return polygon;
}

}  // namespace

std::string to_wkb(const MultiPolygon& shape) {
    WkbWriter out;
    out.byte_order();
    out.uint32(k_multi_polygon);
    out.uint32(static_cast<std::uint32_t>(shape.size()));
    for (const Polygon& polygon : shape) write_polygon(out, polygon);
    return out.take();
}

MultiPolygon from_wkb(std::string_view wkb) {
    WkbReader in(wkb);
    MultiPolygon shape;
    const std::uint32_t type = in.geometry_header();
    if (type == k_polygon) {
        shape.push_back(read_polygon_body(in));
    } else if (type == k_multi_polygon) {
        // A member polygon is at least its 9-byte header and 4-byte ring count.
        const std::uint32_t n = in.count(13, "polygon count");
        shape.reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            if (in.geometry_header() != k_polygon) in.fail("multipolygon member is not a polygon");
            shape.push_back(read_polygon_body(in));
        }
    } else {
        in.fail("geometry type " + std::to_string(type) +
                " is not Polygon (3) or MultiPolygon (6)");
    }
    in.expect_end();
    return shape;
}

}  // namespace okrsek::geo
