#include <algorithm>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "geo/area_index.hpp"
#include "service/addresses/address_folding.hpp"
#include "service/addresses/address_index.hpp"
#include "service/addresses/address_index_data.hpp"

namespace okrsek::service {
namespace {

struct GroupKey {
    std::uint32_t town = 0;
    std::uint32_t city_part = 0;
    std::uint32_t part = 0;
    std::uint32_t street = 0;
    friend bool operator==(const GroupKey&, const GroupKey&) = default;
};

struct GroupKeyHash {
    std::size_t operator()(const GroupKey& key) const noexcept {
        std::uint64_t h = key.town;
        h = h * 0x9E3779B97F4A7C15ULL ^ key.city_part;
        h = h * 0x9E3779B97F4A7C15ULL ^ key.part;
        h = h * 0x9E3779B97F4A7C15ULL ^ key.street;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
};

std::uint32_t clamp_number(std::int32_t value) {
    return value > 0 ? static_cast<std::uint32_t>(value) : 0;
}

// Orders the group ids by a key computed once per group.
template <typename Key>
std::vector<std::uint32_t> order_by(std::size_t count, const std::vector<Key>& keys) {
    std::vector<std::uint32_t> order(count);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
    return order;
}

}  // namespace

struct AddressIndexBuilder::State {
    std::unique_ptr<AddressIndexData> data = std::make_unique<AddressIndexData>();
    std::unordered_map<std::string, std::uint32_t> name_ids;
    std::unordered_map<std::int64_t, std::uint32_t> town_ids;
    std::unordered_map<std::int64_t, std::uint32_t> city_part_ids;
    std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> group_ids;
    std::vector<GroupKey> group_keys;
    std::unordered_map<std::string, std::uint32_t> odd_letter_ids;

    State() { data->city_parts.push_back({}); }

    std::uint32_t name(const std::string& text) {
        if (text.empty()) return 0;
        auto [it, added] = name_ids.try_emplace(text, 0);
        if (added) it->second = data->names.add(text);
        return it->second;
    }

    std::uint32_t coded(std::unordered_map<std::int64_t, std::uint32_t>& ids,
                        std::vector<NamedCode>& list, std::int64_t code, const std::string& text) {
        auto [it, added] = ids.try_emplace(code, 0);
        if (added) {
            it->second = static_cast<std::uint32_t>(list.size());
            list.push_back({code, name(text)});
        }
        return it->second;
    }

    void set_letter(AddressRecord& record, const std::string& letter) {
        if (letter.empty()) return;
        const std::string folded = fold_address_text(letter);
        if (folded.size() == 1 && folded[0] >= 'a' && folded[0] <= 'z') {
            record.letter = static_cast<unsigned char>(folded[0]);
            return;
        }
        // RÚIAN letters are single lower-case letters; anything else is kept for display (up
        // to 256 distinct values) but not matched.
        auto found = odd_letter_ids.find(letter);
        if (found == odd_letter_ids.end()) {
            if (data->odd_letters.size() > 0xFF) return;
            found = odd_letter_ids.emplace(letter, data->odd_letters.size()).first;
            data->odd_letters.push_back(letter);
        }
        record.letter = found->second & 0xFFU;
        record.odd_letter = 1;
    }

    void add(const core::AddressPoint& point) {
        GroupKey key;
        key.town = coded(town_ids, data->towns, point.municipality_code, point.municipality_name);
        if (point.city_part_code != 0) {
            key.city_part =
                coded(city_part_ids, data->city_parts, point.city_part_code, point.city_part_name);
        }
        key.part = name(point.part_name);
        key.street = name(point.street);
        auto [group, added] =
            group_ids.try_emplace(key, static_cast<std::uint32_t>(group_keys.size()));
        if (added) group_keys.push_back(key);

        AddressRecord record;
        record.code = point.code;
        if (point.position && core::is_valid_wgs84(*point.position)) {
            const geo::FixedPoint fixed = geo::to_fixed(*point.position);
            record.lon_e7 = fixed.x;
            record.lat_e7 = fixed.y;
        }
        record.group = group->second;
        record.house_number = clamp_number(point.house_number);
        record.orientation_number = clamp_number(point.orientation_number);
        if (point.postcode > 0 && point.postcode < (1 << 20))
            record.postcode = static_cast<std::uint32_t>(point.postcode) & 0xFFFFFU;
        record.evidence = point.evidence_number ? 1 : 0;
        set_letter(record, point.orientation_letter);
        data->records.push_back(record);
    }

    std::unique_ptr<AddressIndexData> finish();
    void order_towns();
    void order_groups();
    void sort_records();
    void index_words();
    void index_postcodes();
};

// Towns by code, so that a town is found by binary search.
void AddressIndexBuilder::State::order_towns() {
    auto& towns = data->towns;
    std::vector<std::int64_t> codes(towns.size());
    for (std::size_t i = 0; i < towns.size(); ++i) codes[i] = towns[i].code;
    const auto order = order_by(towns.size(), codes);
    std::vector<std::uint32_t> new_id(towns.size());
    std::vector<NamedCode> sorted(towns.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        new_id[order[i]] = i;
        sorted[i] = towns[order[i]];
    }
    towns = std::move(sorted);
    for (auto& key : group_keys) key.town = new_id[key.town];
}

// Group ids by town, then by display order (street or part name, town, part, city part), so
// that a town's groups are one range and results come out in a stable, readable order.
void AddressIndexBuilder::State::order_groups() {
    const std::size_t count = group_keys.size();
    std::vector<std::string> folded_names(data->names.size());
    for (std::uint32_t i = 0; i < data->names.size(); ++i)
        folded_names[i] = fold_address_text(data->names.get(i));
    using DisplayKey = std::tuple<std::string_view, std::string_view, std::string_view,
                                  std::int64_t, std::uint32_t>;
    std::vector<DisplayKey> display(count);
    for (std::uint32_t g = 0; g < count; ++g) {
        const GroupKey& key = group_keys[g];
        const std::uint32_t shown = key.street != 0 ? key.street : key.part;
        display[g] = {folded_names[shown], folded_names[data->towns[key.town].name],
                      folded_names[key.part], data->city_parts[key.city_part].code, g};
    }
    const auto display_order = order_by(count, display);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> placed(count);
    for (std::uint32_t rank = 0; rank < count; ++rank) {
        const std::uint32_t g = display_order[rank];
        placed[g] = {group_keys[g].town, rank};
    }
    const auto final_order = order_by(count, placed);
    std::vector<std::uint32_t> new_id(count);
    data->groups.resize(count);
    for (std::uint32_t id = 0; id < count; ++id) {
        const std::uint32_t g = final_order[id];
        new_id[g] = id;
        const GroupKey& key = group_keys[g];
        StreetGroup& group = data->groups[id];
        group.town = key.town;
        group.city_part = key.city_part;
        group.part = key.part;
        group.street = key.street;
        group.display_order = placed[g].second;
    }
    data->display_orders.resize(count);
    for (std::uint32_t id = 0; id < count; ++id)
        data->display_orders[id] = data->groups[id].display_order;
    for (auto& record : data->records) record.group = new_id[record.group];
    data->town_groups.assign(data->towns.size() + 1, 0);
    for (const auto& group : data->groups) ++data->town_groups[group.town + 1];
    std::partial_sum(data->town_groups.begin(), data->town_groups.end(), data->town_groups.begin());
}

void AddressIndexBuilder::State::sort_records() {
    auto& records = data->records;
    using HouseKey = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t,
                                std::uint32_t, std::int64_t>;
    const auto by_house = [](const AddressRecord& r) {
        return HouseKey{r.group,  r.evidence, r.house_number, r.orientation_number,
                        r.letter, r.code};
    };
    std::sort(records.begin(), records.end(), [&](const AddressRecord& a, const AddressRecord& b) {
        return by_house(a) < by_house(b);
    });
    auto& by_orientation = data->by_orientation;
    by_orientation.resize(records.size());
    std::iota(by_orientation.begin(), by_orientation.end(), 0U);
    std::uint32_t begin = 0;
    for (auto& group : data->groups) {
        std::uint32_t end = begin;
        while (end < records.size() && records[end].group == records[begin].group) ++end;
        group.first_record = begin;
        group.end_record = end;
        std::sort(by_orientation.begin() + begin, by_orientation.begin() + end,
                  [&](std::uint32_t a, std::uint32_t b) {
                      using Key =
                          std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::int64_t>;
                      const auto& x = records[a];
                      const auto& y = records[b];
                      return Key{x.orientation_number, x.letter, x.house_number, x.code} <
                             Key{y.orientation_number, y.letter, y.house_number, y.code};
                  });
        // The first address with an orientation number, else the lowest house number.
        const auto numbered =
            std::find_if(by_orientation.begin() + begin, by_orientation.begin() + end,
                         [&](std::uint32_t r) { return records[r].orientation_number > 0; });
        group.best_record = numbered != by_orientation.begin() + end ? *numbered : begin;
        begin = end;
    }
}

// The dictionary of folded words, each group's word ids (street words first) and the posting
// list of groups for every word.
void AddressIndexBuilder::State::index_words() {
    std::vector<std::string> folded(data->names.size());
    std::vector<std::string_view> all_words;
    for (std::uint32_t i = 0; i < data->names.size(); ++i) {
        folded[i] = fold_address_text(data->names.get(i));
        for (const auto word : split_words(folded[i])) all_words.push_back(word);
    }
    std::sort(all_words.begin(), all_words.end());
    all_words.erase(std::unique(all_words.begin(), all_words.end()), all_words.end());
    for (const auto word : all_words) data->words.add(word);
    std::vector<std::vector<std::uint32_t>> name_words(data->names.size());
    for (std::uint32_t i = 0; i < data->names.size(); ++i) {
        for (const auto word : split_words(folded[i])) {
            const auto at = std::lower_bound(all_words.begin(), all_words.end(), word);
            name_words[i].push_back(static_cast<std::uint32_t>(at - all_words.begin()) + 1);
        }
    }
    std::vector<std::uint32_t> counts(data->words.size() + 1, 0);
    for (auto& group : data->groups) {
        group.tokens_begin = static_cast<std::uint32_t>(data->group_tokens.size());
        const auto append = [&](std::uint32_t name) {
            for (const std::uint32_t word : name_words[name]) {
                const auto begin = data->group_tokens.begin() + group.tokens_begin;
                if (std::find(begin, data->group_tokens.end(), word) != data->group_tokens.end())
                    continue;
                data->group_tokens.push_back(word);
                ++counts[word + 1];
            }
        };
        append(group.street != 0 ? group.street : group.part);
        group.street_tokens =
            static_cast<std::uint32_t>(data->group_tokens.size()) - group.tokens_begin;
        append(group.part);
        append(data->city_parts[group.city_part].name);
        append(data->towns[group.town].name);
        group.tokens_end = static_cast<std::uint32_t>(data->group_tokens.size());
    }
    std::partial_sum(counts.begin(), counts.end(), counts.begin());
    data->posting_offsets = counts;
    data->postings.resize(data->group_tokens.size());
    for (std::uint32_t g = 0; g < data->groups.size(); ++g) {
        const auto& group = data->groups[g];
        for (std::uint32_t t = group.tokens_begin; t < group.tokens_end; ++t)
            data->postings[counts[data->group_tokens[t]]++] = g;
    }
    auto& counts_of = data->street_word_counts;
    counts_of.resize(data->groups.size());
    for (std::uint32_t g = 0; g < data->groups.size(); ++g)
        counts_of[g] = static_cast<std::uint8_t>(std::min(data->groups[g].street_tokens, 255U));
    data->postings_by_rank = data->postings;
    const auto& orders = data->display_orders;
    for (std::uint32_t w = 0; w + 1 < data->posting_offsets.size(); ++w) {
        std::sort(data->postings_by_rank.begin() + data->posting_offsets[w],
                  data->postings_by_rank.begin() + data->posting_offsets[w + 1],
                  [&](std::uint32_t a, std::uint32_t b) {
                      return std::tie(counts_of[a], orders[a]) < std::tie(counts_of[b], orders[b]);
                  });
    }
}

void AddressIndexBuilder::State::index_postcodes() {
    auto& pairs = data->postcode_groups;
    for (const auto& record : data->records) {
        const std::uint64_t pair = (std::uint64_t{record.postcode} << 32) | record.group;
        if (record.postcode != 0 && (pairs.empty() || pairs.back() != pair)) pairs.push_back(pair);
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    pairs.shrink_to_fit();
}

std::unique_ptr<AddressIndexData> AddressIndexBuilder::State::finish() {
    // Free the maps before sorting: at three million addresses the build's peak matters.
    name_ids = {};
    town_ids = {};
    city_part_ids = {};
    group_ids = {};
    odd_letter_ids = {};
    data->records.shrink_to_fit();
    order_towns();
    order_groups();
    sort_records();
    index_words();
    index_postcodes();
    return std::move(data);
}

AddressIndexBuilder::AddressIndexBuilder() : m_state(std::make_unique<State>()) {}
AddressIndexBuilder::~AddressIndexBuilder() = default;

void AddressIndexBuilder::add(const core::AddressPoint& point) {
    m_state->add(point);
}

std::size_t AddressIndexBuilder::size() const noexcept {
    return m_state->data->records.size();
}

std::shared_ptr<const AddressIndex> AddressIndexBuilder::finish() {
    auto data = m_state->finish();
    m_state = std::make_unique<State>();
    return std::make_shared<const AddressIndex>(std::move(data));
}

}  // namespace okrsek::service
