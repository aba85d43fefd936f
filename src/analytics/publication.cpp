#include "analytics/publication.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

[[noreturn]] void refuse(const char* message, const char* field) {
    throw core::Error(core::ErrorCode::invalid_argument, message, field);
}

void check_rules(const PublicationRules& rules) {
    if (rules.min_count < 1 || rules.min_count > 1'000'000) {
        refuse("min_count must be between 1 and 1000000", "rules");
    }
    if (!std::isfinite(rules.min_area_m2) || rules.min_area_m2 < 0.0 ||
        !std::isfinite(rules.min_population) || rules.min_population < 0.0) {
        refuse("minimum area and population must be finite and not negative", "rules");
    }
}

bool below_town(const std::optional<AreaLevel>& level) {
    return level && *level != AreaLevel::town;
}

// Too small (or of unknown size, which `!(x >= min)` also catches for NaN).
bool too_small(const AreaSize& size, const PublicationRules& rules) {
    return (rules.min_area_m2 > 0.0 && !(size.area_m2 >= rules.min_area_m2)) ||
           (rules.min_population > 0.0 && !(size.population >= rules.min_population));
}

// Hidden cells lose their values, so nothing downstream can show them by mistake.
void hide_values(std::vector<std::int64_t>& values, const std::vector<CellStatus>& status) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (is_hidden(status[i])) values[i] = 0;
    }
}

void hide_small_counts(ExtendedTable& extended, std::int64_t min_count) {
    for (std::size_t i = 0; i < extended.values.size(); ++i) {
        const std::int64_t v = extended.values[i];
        if (extended.status[i] == CellStatus::shown && v >= 1 && v < min_count) {
            extended.status[i] = CellStatus::suppressed_small;
        }
    }
}

std::vector<std::size_t> kept_categories(const AggregateTable& table, const CategoryTree& tree,
                                         PublishedTable& published) {
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < table.categories.size(); ++c) {
        const auto code = tree.code_of(table.categories[c]);
        if (!code) refuse("the table has a category the tree does not know", "categories");
        if (below_town(table.area_level) && tree.sensitive(*code)) {
            published.dropped_sensitive_categories.push_back(table.categories[c]);
        } else {
            kept.push_back(c);
        }
    }
    return kept;
}

}  // namespace

std::optional<std::int64_t> PublishedTable::value(std::size_t area, std::size_t category,
                                                  std::size_t bucket_index) const {
    const std::size_t i = index(area, category, bucket_index);
    if (is_hidden(status.at(i))) return std::nullopt;
    return values.at(i);
}

std::size_t PublishedTable::count(CellStatus wanted) const {
    std::size_t n = 0;
    for (const CellStatus s : status) n += s == wanted ? 1 : 0;
    return n;
}

PublishedTable publish(const AggregateTable& table, const CategoryTree& categories,
                       const PublicationRules& rules, std::span<const AreaSize> sizes_by_slot) {
    check_rules(rules);
    if (below_town(table.area_level) && !table.sensitive_incidents_excluded) {
        refuse("a public table below town level must leave out sensitive incidents",
               "exclude_sensitive_incidents");
    }
    PublishedTable published;
    published.area_level = table.area_level;
    published.areas = table.areas;
    published.bucket = table.bucket;
    published.buckets = table.buckets;
    const std::vector<std::size_t> kept = kept_categories(table, categories, published);
    for (const std::size_t c : kept) published.categories.push_back(table.categories[c]);

    const std::array<std::size_t, 3> entries{table.areas.size(), kept.size(), table.buckets.size()};
    ExtendedTable extended;
    for (std::size_t d = 0; d < 3; ++d) {
        extended.has_total[d] = entries[d] > 1;
        extended.extent[d] = entries[d] + (extended.has_total[d] ? 1 : 0);
    }
    const std::size_t cells = extended.extent[0] * extended.extent[1] * extended.extent[2];
    extended.values.assign(cells, 0);
    extended.status.assign(cells, CellStatus::shown);
    for (std::size_t a = 0; a < entries[0]; ++a) {
        for (std::size_t k = 0; k < entries[1]; ++k) {
            for (std::size_t b = 0; b < entries[2]; ++b) {
                extended.values[extended.index(a, k, b)] = table.at(a, kept[k], b);
            }
        }
    }
    fill_totals(extended);

    const bool size_rule =
        table.area_level && (rules.min_area_m2 > 0.0 || rules.min_population > 0.0);
    for (std::size_t a = 0; size_rule && a < entries[0]; ++a) {
        const auto slot = static_cast<std::size_t>(table.areas[a]);
        if (slot >= sizes_by_slot.size()) refuse("the size of an area is missing", "sizes");
        if (!too_small(sizes_by_slot[slot], rules)) continue;
        published.withheld_areas.push_back(table.areas[a]);
        for (std::size_t k = 0; k < extended.extent[1]; ++k) {
            for (std::size_t b = 0; b < extended.extent[2]; ++b) {
                extended.status[extended.index(a, k, b)] = CellStatus::withheld_small_area;
            }
        }
    }
    hide_small_counts(extended, rules.min_count);
    suppress_complementary(extended);

    published.suppression_fully_checked = extended.fully_checked;
    published.has_total = extended.has_total;
    published.extent = extended.extent;
    published.values = std::move(extended.values);
    published.status = std::move(extended.status);
    hide_values(published.values, published.status);
    return published;
}

PublishedGrid publish_grid(const GridCounts& grid, const PublicationRules& rules) {
    check_rules(rules);
    if (!grid.sensitive_incidents_excluded) {
        refuse("a public grid must leave out sensitive incidents", "exclude_sensitive_incidents");
    }
    std::uint32_t factor = 1;
    const std::uint32_t max_factor = std::max({grid.spec.columns, grid.spec.rows, 1u});
    while (std::pow(grid.spec.cell_size_m * factor, 2.0) < rules.min_area_m2 &&
           factor < max_factor) {
        ++factor;
    }
    const GridCounts merged = factor == 1 ? grid : coarsen(grid, factor);

    // One line: the cells and their total.
    ExtendedTable extended;
    const std::size_t cells = merged.counts.size();
    extended.has_total[0] = cells > 1;
    extended.extent[0] = cells + (cells > 1 ? 1 : 0);
    extended.values = merged.counts;
    extended.values.resize(extended.extent[0], 0);
    extended.status.assign(extended.extent[0], CellStatus::shown);
    fill_totals(extended);
    hide_small_counts(extended, rules.min_count);
    suppress_complementary(extended);

    PublishedGrid published;
    published.spec = merged.spec;
    published.merge_factor = factor;
    hide_values(extended.values, extended.status);
    const std::size_t total_cell = cells > 1 ? cells : 0;
    if (cells > 0 && !is_hidden(extended.status[total_cell])) {
        published.total = extended.values[total_cell];
    }
    extended.values.resize(cells);
    extended.status.resize(cells);
    published.values = std::move(extended.values);
    published.status = std::move(extended.status);
    return published;
}

}  // namespace okrsek::analytics
