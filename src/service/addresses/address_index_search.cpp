// AddressIndex::find: candidate streets from the posting lists of the rarest query word, each
// checked against every other word and the house number, the best `limit` kept in a heap.

#include <algorithm>
#include <array>
#include <compare>
#include <limits>
#include <span>

#include "service/addresses/address_index.hpp"
#include "service/addresses/address_index_data.hpp"
#include "service/addresses/address_numbers.hpp"
#include "service/addresses/address_words.hpp"

namespace okrsek::service {
namespace {

// Postings one search looks at, at most. Only queries of a letter or two reach it (the word
// "n" lists most streets of the country); they then get the best of the first this many.
constexpr std::size_t max_visited_postings = 10000;

enum class Quality : std::uint8_t { none, typo, prefix, exact };

// The dictionary words one query word matches, and how well.
struct WordMatcher {
    WordRange prefix{};
    std::uint32_t exact = no_word;
    std::uint32_t alias = no_word;
    std::vector<WordRange> typos{};

    Quality quality(std::uint32_t word) const {
        if (word == exact || word == alias) return Quality::exact;
        if (word >= prefix.begin && word < prefix.end) return Quality::prefix;
        const auto after = std::upper_bound(
            typos.begin(), typos.end(), word,
            [](std::uint32_t w, const WordRange& range) { return w < range.begin; });
        if (after != typos.begin() && word < std::prev(after)->end) return Quality::typo;
        return Quality::none;
    }
};

// Lower is better; compared member by member.
struct Rank {
    std::uint8_t typos = 0;
    std::uint8_t number_class = 0;  ///< 0 exact, 1 other letter or č.ev., 2 longer number
    std::uint8_t prefix_words = 0;
    std::uint8_t other_town = 0;
    std::uint8_t street_words = 0;  ///< shorter street names first ("Míru", "náměstí Míru")
    std::uint32_t display_order = 0;
    std::uint8_t by_house_number = 0;  ///< a plain number found as č.p. comes after its č.o.
    std::uint32_t record = 0;
    auto operator<=>(const Rank&) const = default;
};

// What the driving word adds to the rank of the groups of one of its word ranges.
struct Driven {
    std::uint8_t prefix_words = 0;
    std::uint8_t typos = 0;
};

// Groups already looked at by this thread's current search.
struct VisitStamps {
    std::vector<std::uint32_t> stamps;
    std::uint32_t generation = 0;

    void start(std::size_t groups) {
        if (stamps.size() < groups) stamps.resize(groups, 0);
        if (++generation == 0) {
            std::fill(stamps.begin(), stamps.end(), 0);
            generation = 1;
        }
    }
    bool first_visit(std::uint32_t group) {
        if (stamps[group] == generation) return false;
        stamps[group] = generation;
        return true;
    }
};

thread_local VisitStamps visit_stamps;

class Search {
public:
    Search(const AddressIndexData& data, const ParsedAddressQuery& query, std::size_t limit,
           std::optional<std::uint32_t> town, bool typos)
        : m_data(data), m_query(query), m_limit(limit), m_town(town) {
        for (std::size_t i = 0; i < query.words.size(); ++i) {
            const QueryWord& word = query.words[i];
            m_exact.push_back(exact_word(data.words, word.text));
            if (word.numeric) continue;
            WordMatcher matcher;
            matcher.prefix = prefix_range(data.words, word.text, all_words(data.words));
            matcher.exact = m_exact.back();
            matcher.alias = exact_word(data.words, word.alias);
            m_matchers.push_back(std::move(matcher));
        }
        if (typos) add_typos();
        if (query.postcode) {
            // A postcode some address has is a filter; one none has may be a house number
            // ("12000" alone), or else fails every street ("120 00").
            const std::uint64_t key = std::uint64_t(query.postcode->postcode) << 32;
            const auto& pairs = data.postcode_groups;
            const auto first = std::lower_bound(pairs.begin(), pairs.end(), key);
            const auto last = std::lower_bound(first, pairs.end(), key + (std::uint64_t{1} << 32));
            m_postcode_groups = std::span<const std::uint64_t>(first, last);
            m_postcode_fails = m_postcode_groups.empty() && query.postcode->word_count > 1;
        }
    }

    // The typo pass: words that start no word of the dictionary are the mistyped ones; when
    // every word starts some, any of them may be.
    void add_typos() {
        const bool some_unknown = std::any_of(m_matchers.begin(), m_matchers.end(),
                                              [](const auto& m) { return m.prefix.empty(); });
        std::size_t at = 0;
        for (const QueryWord& word : m_query.words) {
            if (word.numeric) continue;
            WordMatcher& matcher = m_matchers[at++];
            if (typo_eligible(word) && (!some_unknown || matcher.prefix.empty()))
                matcher.typos = typo_ranges(m_data.words, word.text);
        }
    }

    std::vector<Rank> run() {
        visit_stamps.start(m_data.groups.size());
        const WordMatcher* driver = choose_driver();
        if (m_postcode_fails) return {};
        if (driver) {
            visit_word_groups(*driver);
        } else if (!m_postcode_groups.empty()) {
            for (const std::uint64_t pair : m_postcode_groups)
                visit(static_cast<std::uint32_t>(pair), {});
        } else if (m_town) {
            for (std::uint32_t g = m_data.town_groups[*m_town]; g < m_data.town_groups[*m_town + 1];
                 ++g) {
                visit(g, {});
            }
        }
        std::sort_heap(m_best.begin(), m_best.end());
        return std::move(m_best);
    }

private:
    std::size_t postings_in(WordRange range) const {
        return m_data.posting_offsets[range.end] - m_data.posting_offsets[range.begin];
    }

    // The word whose matches list the fewest groups; none when there are no name words or the
    // postcode's groups are fewer. Also sets what the other words add to every match's rank
    // at least: a word that is not a whole word of the dictionary matches as a prefix, one
    // that starts no word with a typo.
    const WordMatcher* choose_driver() {
        const WordMatcher* best = nullptr;
        std::size_t best_count = m_postcode_groups.empty() ? std::numeric_limits<std::size_t>::max()
                                                           : m_postcode_groups.size();
        for (const auto& matcher : m_matchers) {
            std::size_t count = postings_in(matcher.prefix);
            for (const auto& range : matcher.typos) count += postings_in(range);
            if (count < best_count) {
                best = &matcher;
                best_count = count;
            }
        }
        for (const auto& matcher : m_matchers) {
            if (&matcher == best || matcher.exact != no_word || matcher.alias != no_word) continue;
            if (matcher.prefix.empty()) {
                ++m_floor.typos;
            } else {
                ++m_floor.prefix_words;
            }
        }
        return best;
    }

    // The driver's groups: those of the word itself first (they rank first), then those in the
    // user's town, then the rest.
    void visit_word_groups(const WordMatcher& matcher) {
        const Driven exact{0, 0};
        const Driven prefix{1, 0};
        const Driven typo{0, 1};
        for (const std::uint32_t word : {matcher.exact, matcher.alias}) {
            if (word != no_word) visit_in_rank_order({word, word + 1}, exact);
        }
        if (m_town) {
            visit_town_groups(matcher.prefix, prefix);
            for (const WordRange& range : matcher.typos) visit_town_groups(range, typo);
        }
        visit_in_rank_order(matcher.prefix, prefix);
        for (const WordRange& range : matcher.typos) visit_in_rank_order(range, typo);
    }

    // The groups of the user's town in the posting lists of `range`'s words: a town's groups
    // have consecutive ids.
    void visit_town_groups(WordRange range, Driven driven) {
        const std::uint32_t town_begin = m_data.town_groups[*m_town];
        const std::uint32_t town_end = m_data.town_groups[*m_town + 1];
        for (std::uint32_t word = range.begin; word < range.end; ++word) {
            const auto begin = m_data.postings.begin() + m_data.posting_offsets[word];
            const auto end = m_data.postings.begin() + m_data.posting_offsets[word + 1];
            auto at = std::lower_bound(begin, end, town_begin);
            for (; at != end && *at < town_end; ++at) {
                if (++m_visited > max_visited_postings) return;
                visit(*at, driven);
            }
        }
    }

    // Each word's groups in the order of their best possible rank, until the rest of the list
    // cannot beat the best found so far. `driven`: what the driving word adds to their rank.
    void visit_in_rank_order(WordRange range, Driven driven) {
        for (std::uint32_t word = range.begin; word < range.end; ++word) {
            for (std::uint32_t i = m_data.posting_offsets[word];
                 i < m_data.posting_offsets[word + 1]; ++i) {
                if (++m_visited > max_visited_postings) return;
                const std::uint32_t g = m_data.postings_by_rank[i];
                if (cannot_make_it(g, driven, true)) break;
                visit(g, driven);
            }
        }
    }

    // True when the heap is full and no match in group `g` can rank before its worst entry.
    // With `ignoring_town`, as if `g` were elsewhere (its town's groups are visited first).
    bool cannot_make_it(std::uint32_t g, Driven driven, bool ignoring_town) const {
        if (m_best.size() < m_limit) return false;
        Rank bound = m_floor;
        bound.prefix_words = static_cast<std::uint8_t>(bound.prefix_words + driven.prefix_words);
        bound.typos = static_cast<std::uint8_t>(bound.typos + driven.typos);
        bound.other_town = m_town && (ignoring_town || !in_town(g)) ? 1 : 0;
        bound.street_words = m_data.street_word_counts[g];
        bound.display_order = m_data.display_orders[g];
        return !(bound < m_best.front());
    }

    bool in_town(std::uint32_t g) const {
        return g >= m_data.town_groups[*m_town] && g < m_data.town_groups[*m_town + 1];
    }

    void visit(std::uint32_t g, Driven driven) {
        if (!visit_stamps.first_visit(g)) return;
        if (cannot_make_it(g, driven, false)) return;
        evaluate(g);
    }

    bool has_word(const StreetGroup& group, std::uint32_t word) const {
        if (word == no_word) return false;
        const auto begin = m_data.group_tokens.begin() + group.tokens_begin;
        const auto end = m_data.group_tokens.begin() + group.tokens_end;
        return std::find(begin, end, word) != end;
    }

    bool match_names(const StreetGroup& group, Rank& rank) const;
    bool take_postcode(std::uint32_t g);
    void evaluate(std::uint32_t g);
    bool emit_numbers(const StreetGroup& group, const Rank& rank,
                      std::span<const std::size_t> plain);
    bool emit_plain(const StreetGroup& group, const Rank& rank, const QueryWord& word);
    bool emit_explicit(const StreetGroup& group, const Rank& rank, const HouseNumberQuery& spec);
    void emit_best(const StreetGroup& group, const Rank& rank);
    bool emit(std::uint32_t record, Rank rank, std::uint8_t number_class);
    bool full_and_worse(const Rank& rank) const {
        return m_best.size() >= m_limit && !(rank < m_best.front());
    }

    const AddressIndexData& m_data;
    const ParsedAddressQuery& m_query;
    std::size_t m_limit;
    std::optional<std::uint32_t> m_town;
    std::vector<std::uint32_t> m_exact;   ///< per query word: the word id equal to it
    std::vector<WordMatcher> m_matchers;  ///< per name (non-numeric) word
    std::uint32_t m_postcode = 0;         ///< the group's addresses must have it; 0: any
    std::vector<Rank> m_best;             ///< a max-heap of the best `m_limit`
    std::size_t m_visited = 0;            ///< postings looked at so far
    Rank m_floor;  ///< what the words other than the driver add to every match's rank
    std::span<const std::uint64_t> m_postcode_groups{};  ///< (postcode, group) of the query's
    bool m_postcode_fails = false;                       ///< "120 00" that no address has
};

bool Search::match_names(const StreetGroup& group, Rank& rank) const {
    const std::uint32_t* tokens = m_data.group_tokens.data() + group.tokens_begin;
    const std::uint32_t count = group.tokens_end - group.tokens_begin;
    for (const auto& matcher : m_matchers) {
        Quality best = Quality::none;
        for (std::uint32_t k = 0; k < count && best != Quality::exact; ++k)
            best = std::max(best, matcher.quality(tokens[k]));
        if (best == Quality::none) return false;
        if (best == Quality::typo) ++rank.typos;
        if (best == Quality::prefix) ++rank.prefix_words;
    }
    rank.street_words =
        m_data.street_word_counts[static_cast<std::size_t>(&group - m_data.groups.data())];
    return true;
}

// A postcode that some address has filters the group's addresses, and fails a group without
// it.
bool Search::take_postcode(std::uint32_t g) {
    m_postcode = 0;
    if (!m_query.postcode) return true;
    if (m_postcode_groups.empty()) return true;  // a house number, if anything
    const std::uint64_t pair = (std::uint64_t(m_query.postcode->postcode) << 32) | g;
    if (!std::binary_search(m_postcode_groups.begin(), m_postcode_groups.end(), pair)) return false;
    m_postcode = static_cast<std::uint32_t>(m_query.postcode->postcode);
    return true;
}

void Search::evaluate(std::uint32_t g) {
    const StreetGroup& group = m_data.groups[g];
    Rank rank;
    rank.other_town = m_town && group.town != *m_town ? 1 : 0;
    rank.display_order = group.display_order;
    if (!match_names(group, rank)) return;
    if (full_and_worse(rank)) return;
    if (!take_postcode(g)) return;
    std::array<std::size_t, max_query_words> plain{};
    std::size_t plain_count = 0;
    for (std::size_t i = 0; i < m_query.words.size() && i < max_query_words; ++i) {
        const bool postcode_word = m_postcode != 0 && i >= m_query.postcode->first_word &&
                                   i < m_query.postcode->first_word + m_query.postcode->word_count;
        if (m_query.words[i].numeric && !postcode_word) plain[plain_count++] = i;
    }
    emit_numbers(group, rank, std::span<const std::size_t>(plain.data(), plain_count));
}

// Which plain numbers are parts of names ("Praha 2") and which one is the house number; then
// the addresses. False when the group does not match.
bool Search::emit_numbers(const StreetGroup& group, const Rank& rank,
                          std::span<const std::size_t> plain) {
    const auto nameable = [&](std::size_t i) { return has_word(group, m_exact[i]); };
    if (m_query.number) {
        if (!std::all_of(plain.begin(), plain.end(), nameable)) return false;
        return emit_explicit(group, rank, *m_query.number);
    }
    if (plain.empty()) {
        emit_best(group, rank);
        return true;
    }
    auto number = std::find_if_not(plain.rbegin(), plain.rend(), nameable);
    if (number != plain.rend()) {
        for (auto it = plain.rbegin(); it != plain.rend(); ++it) {
            if (it != number && !nameable(*it)) return false;
        }
        return emit_plain(group, rank, m_query.words[*number]);
    }
    // Every number can be read as a name. The query's last word may still be the house number
    // ("nám. Míru 2" in Praha 2); otherwise, or when no such address exists, they are names.
    const QueryWord& last = m_query.words[plain.back()];
    if (last.last && emit_plain(group, rank, last)) return true;
    emit_best(group, rank);
    return true;
}

bool Search::emit_plain(const StreetGroup& group, const Rank& rank, const QueryWord& word) {
    return match_plain_number(m_data, group, static_cast<std::uint32_t>(word.value), word.last,
                              m_limit, [&](const NumberMatch& match) {
                                  Rank ranked = rank;
                                  ranked.by_house_number = match.by_house_number ? 1 : 0;
                                  return emit(match.record, ranked, match.number_class);
                              });
}

bool Search::emit_explicit(const StreetGroup& group, const Rank& rank,
                           const HouseNumberQuery& spec) {
    return match_house_number(m_data, group, spec, m_limit, [&](const NumberMatch& match) {
        return emit(match.record, rank, match.number_class);
    });
}

void Search::emit_best(const StreetGroup& group, const Rank& rank) {
    if (m_postcode == 0 || m_data.records[group.best_record].postcode == m_postcode) {
        emit(group.best_record, rank, 0);
        return;
    }
    for (std::uint32_t i = group.first_record; i < group.end_record; ++i) {
        const std::uint32_t r = m_data.by_orientation[i];
        if (m_data.records[r].postcode == m_postcode) {
            emit(r, rank, 0);
            return;
        }
    }
}

// True when the record matches (whether or not it made the best `m_limit`).
bool Search::emit(std::uint32_t record, Rank rank, std::uint8_t number_class) {
    if (m_postcode != 0 && m_data.records[record].postcode != m_postcode) return false;
    rank.number_class = number_class;
    rank.record = record;
    if (m_best.size() >= m_limit && !(rank < m_best.front())) return true;
    // One record can match twice (č.p. 5 that is also č.o. 5): keep its better rank.
    const auto same = std::find_if(m_best.begin(), m_best.end(),
                                   [&](const Rank& kept) { return kept.record == record; });
    if (same != m_best.end()) {
        if (rank < *same) {
            *same = rank;
            std::make_heap(m_best.begin(), m_best.end());
        }
        return true;
    }
    if (m_best.size() < m_limit) {
        m_best.push_back(rank);
        std::push_heap(m_best.begin(), m_best.end());
    } else if (rank < m_best.front()) {
        std::pop_heap(m_best.begin(), m_best.end());
        m_best.back() = rank;
        std::push_heap(m_best.begin(), m_best.end());
    }
    return true;
}

std::optional<std::uint32_t> town_index(const AddressIndexData& data,
                                        std::optional<std::int64_t> code) {
    if (!code) return std::nullopt;
    const auto at =
        std::lower_bound(data.towns.begin(), data.towns.end(), *code,
                         [](const NamedCode& town, std::int64_t c) { return town.code < c; });
    if (at == data.towns.end() || at->code != *code) return std::nullopt;
    return static_cast<std::uint32_t>(at - data.towns.begin());
}

}  // namespace

std::vector<std::uint32_t> AddressIndex::find(const ParsedAddressQuery& query, std::size_t limit,
                                              std::optional<std::int64_t> town) const {
    std::vector<std::uint32_t> records;
    if (limit == 0 || m_data->records.empty()) return records;
    const auto town_at = town_index(*m_data, town);
    auto best = Search(*m_data, query, limit, town_at, false).run();
    // Typos are tried only when the words as typed find nothing, so most queries never pay for
    // them; every match of the typo pass then has at least one.
    if (best.empty() && std::any_of(query.words.begin(), query.words.end(), typo_eligible))
        best = Search(*m_data, query, limit, town_at, true).run();
    records.reserve(best.size());
    for (const Rank& rank : best) records.push_back(rank.record);
    return records;
}

}  // namespace okrsek::service
