#include "analytics/cube_query.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "analytics/cube_parallel.hpp"
#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

using TypeColumns = std::array<std::int32_t, CategoryTree::max_levels>;

[[noreturn]] void bad_query(const std::string& message, const char* field) {
    throw core::Error(core::ErrorCode::invalid_argument, message, field);
}

// The selected categories' codes, in column order.
std::vector<std::uint16_t> selected_codes(const CategoryTree& tree,
                                          const CategorySelection& selection) {
    std::vector<std::uint16_t> codes;
    if (selection.ids.empty()) {
        codes = tree.codes_at_level(selection.level);
        if (codes.empty()) bad_query("no categories at this level", "categories");
        return codes;
    }
    if (selection.ids.size() > CategoryTree::max_types)
        bad_query("too many categories", "categories");
    for (const std::int32_t id : selection.ids) {
        const auto code = tree.code_of(id);
        if (!code) bad_query("unknown category " + std::to_string(id), "categories");
        if (std::find(codes.begin(), codes.end(), *code) != codes.end()) {
            bad_query("category " + std::to_string(id) + " given twice", "categories");
        }
        codes.push_back(*code);
    }
    return codes;
}

// For each type code, the columns it counts in (-1 ends the list): at most one per level of
// its lineage, since a column is one category.
std::vector<TypeColumns> type_columns(const CategoryTree& tree,
                                      const std::vector<std::uint16_t>& columns) {
    std::vector<TypeColumns> map(tree.size());
    for (std::size_t t = 0; t < tree.size(); ++t) {
        map[t].fill(-1);
        std::size_t n = 0;
        for (std::size_t j = 0; j < columns.size(); ++j) {
            if (tree.within(static_cast<std::uint16_t>(t), columns[j])) {
                map[t][n++] = static_cast<std::int32_t>(j);
            }
        }
    }
    return map;
}

struct BucketRange {
    std::int32_t first = 0;
    std::size_t count = 1;
};

BucketRange bucket_range(TimeBucket bucket, const Period& period) {
    const LocalKeys first = local_keys(period.from);
    const LocalKeys last = local_keys(period.to - std::chrono::seconds{1});
    switch (bucket) {
        case TimeBucket::whole_period:
            return {0, 1};
        case TimeBucket::month:
            return {first.month, std::size_t(last.month - first.month + 1)};
        case TimeBucket::iso_week:
            return {first.week, std::size_t(last.week - first.week + 1)};
        case TimeBucket::hour_of_day:
            return {0, 24};
        case TimeBucket::day_of_week:
            return {0, 7};
    }
    return {0, 1};
}

struct Kernel {
    const IncidentCube& cube;
    const CubeQuery& query;
    const std::vector<TypeColumns>& columns;
    std::vector<std::uint8_t> sensitive;
    std::int32_t first_bucket = 0;
    std::size_t column_count = 0;
    std::size_t bucket_count = 0;

    std::size_t bucket_of(std::size_t i) const {
        switch (query.bucket) {
            case TimeBucket::whole_period:
                return 0;
            case TimeBucket::month:
                return std::size_t(cube.months()[i] - first_bucket);
            case TimeBucket::iso_week:
                return std::size_t(cube.weeks()[i] - first_bucket);
            case TimeBucket::hour_of_day:
                return cube.hours()[i];
            case TimeBucket::day_of_week:
                return cube.weekdays()[i];
        }
        return 0;
    }

    // Counts rows [begin, end) into `cells`; returns the incidents without an area.
    std::int64_t run(std::size_t begin, std::size_t end, std::vector<std::int64_t>& cells) const {
        const std::int64_t from = query.period.from.time_since_epoch().count();
        const std::int64_t to = query.period.to.time_since_epoch().count();
        const auto times = cube.times_s();
        const auto type_begin = cube.type_begin();
        const auto codes = cube.type_codes();
        const std::span<const std::uint16_t> slots = query.area_level
                                                         ? cube.area_slots(*query.area_level)
                                                         : std::span<const std::uint16_t>{};
        std::int64_t without_area = 0;
        for (std::size_t i = begin; i < end; ++i) {
            if (times[i] < from || times[i] >= to) continue;
            if (query.exclude_sensitive_incidents &&
                has_sensitive(type_begin[i], type_begin[i + 1], codes)) {
                continue;
            }
            std::size_t row = 0;
            if (query.area_level) {
                if (slots[i] == IncidentCube::no_slot) {
                    ++without_area;
                    continue;
                }
                row = slots[i];
            }
            // An incident counts once per column even when several of its types lie below it.
            std::array<std::int32_t, 16 * CategoryTree::max_levels> seen;
            std::size_t seen_count = 0;
            for (std::uint32_t k = type_begin[i]; k < type_begin[i + 1]; ++k) {
                for (const std::int32_t column : columns[codes[k]]) {
                    if (column < 0) break;
                    if (std::find(seen.begin(), seen.begin() + seen_count, column) ==
                        seen.begin() + seen_count) {
                        seen[seen_count++] = column;
                    }
                }
            }
            const std::size_t base = row * column_count * bucket_count + bucket_of(i);
            for (std::size_t s = 0; s < seen_count; ++s) {
                ++cells[base + std::size_t(seen[s]) * bucket_count];
            }
        }
        return without_area;
    }

    bool has_sensitive(std::uint32_t begin, std::uint32_t end,
                       std::span<const std::uint16_t> codes) const {
        for (std::uint32_t k = begin; k < end; ++k) {
            if (sensitive[codes[k]] != 0) return true;
        }
        return false;
    }
};

}  // namespace

AggregateTable aggregate(const IncidentCube& cube, const CubeQuery& query) {
    check_period(query.period);
    const CategoryTree& tree = cube.categories();
    const std::vector<std::uint16_t> codes = selected_codes(tree, query.categories);
    const std::vector<TypeColumns> columns = type_columns(tree, codes);
    const BucketRange buckets = bucket_range(query.bucket, query.period);

    AggregateTable table;
    table.area_level = query.area_level;
    const std::size_t rows = query.area_level ? cube.area_count(*query.area_level) : 1;
    for (std::size_t r = 0; r < rows; ++r) table.areas.push_back(static_cast<std::int32_t>(r));
    for (const std::uint16_t code : codes) table.categories.push_back(tree.id_of(code));
    table.bucket = query.bucket;
    for (std::size_t b = 0; b < buckets.count; ++b) {
        table.buckets.push_back(buckets.first + static_cast<std::int32_t>(b));
    }
    table.sensitive_incidents_excluded = query.exclude_sensitive_incidents;
    const double cells = double(rows) * double(codes.size()) * double(buckets.count);
    if (cells > double(max_table_cells)) bad_query("the table would have too many cells", "bucket");
    table.counts.assign(rows * codes.size() * buckets.count, 0);

    Kernel kernel{cube, query, columns, {}, buckets.first, codes.size(), buckets.count};
    kernel.sensitive.resize(tree.size());
    for (std::size_t t = 0; t < tree.size(); ++t) {
        kernel.sensitive[t] = tree.sensitive(static_cast<std::uint16_t>(t)) ? 1 : 0;
    }
    const unsigned chunks = detail::thread_count(query.threads, cube.size());
    std::vector<std::vector<std::int64_t>> partial(chunks);
    std::vector<std::int64_t> without_area(chunks, 0);
    detail::for_chunks(cube.size(), chunks, [&](std::size_t begin, std::size_t end, unsigned k) {
        partial[k].assign(table.counts.size(), 0);
        without_area[k] = kernel.run(begin, end, partial[k]);
    });
    for (unsigned k = 0; k < chunks; ++k) {
        for (std::size_t c = 0; c < table.counts.size(); ++c) table.counts[c] += partial[k][c];
        table.incidents_without_area += without_area[k];
    }
    return table;
}

TrendTables aggregate_with_year_earlier(const IncidentCube& cube, const CubeQuery& query) {
    CubeQuery previous = query;
    previous.period = year_earlier(query.period);
    return {aggregate(cube, query), aggregate(cube, previous)};
}

std::string bucket_label(TimeBucket bucket, std::int32_t key) {
    switch (bucket) {
        case TimeBucket::whole_period:
            return "";
        case TimeBucket::month:
            return month_label(key);
        case TimeBucket::iso_week:
            return week_label(key);
        case TimeBucket::hour_of_day:
            return std::to_string(key);
        case TimeBucket::day_of_week:
            return std::to_string(key + 1);
    }
    return "";
}

std::vector<CategoryCount> top_categories(const AggregateTable& table, std::size_t area_row,
                                          std::size_t limit) {
    std::vector<CategoryCount> result;
    for (std::size_t c = 0; c < table.categories.size(); ++c) {
        std::int64_t sum = 0;
        for (std::size_t b = 0; b < table.buckets.size(); ++b) sum += table.at(area_row, c, b);
        if (sum > 0) result.push_back({table.categories[c], sum});
    }
    std::sort(result.begin(), result.end(), [](const CategoryCount& a, const CategoryCount& b) {
        return a.count != b.count ? a.count > b.count : a.category_id < b.category_id;
    });
    if (result.size() > limit) result.resize(limit);
    return result;
}

std::vector<double> rates_per_1000(const AggregateTable& table,
                                   std::span<const double> population_by_slot) {
    std::vector<double> rates(table.counts.size(), std::numeric_limits<double>::quiet_NaN());
    const std::size_t per_row = table.categories.size() * table.buckets.size();
    for (std::size_t r = 0; r < table.areas.size(); ++r) {
        const auto slot = static_cast<std::size_t>(table.areas[r]);
        if (slot >= population_by_slot.size()) continue;
        const double population = population_by_slot[slot];
        if (!(population > 0.0)) continue;
        for (std::size_t k = r * per_row; k < (r + 1) * per_row; ++k) {
            rates[k] = static_cast<double>(table.counts[k]) * 1000.0 / population;
        }
    }
    return rates;
}

}  // namespace okrsek::analytics
