#include "service/addresses/address_words.hpp"

#include <algorithm>

namespace okrsek::service {

WordRange prefix_range(const StringPool& words, std::string_view prefix, WordRange within) {
    const auto first_not = [&](auto below) {
        std::uint32_t lo = within.begin;
        std::uint32_t hi = within.end;
        while (lo < hi) {
            const std::uint32_t mid = lo + (hi - lo) / 2;
            if (below(words.get(mid).substr(0, prefix.size()).compare(prefix))) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    };
    return {first_not([](int c) { return c < 0; }), first_not([](int c) { return c <= 0; })};
}

WordRange all_words(const StringPool& words) {
    return {1, words.size()};
}

std::uint32_t exact_word(const StringPool& words, std::string_view text) {
    if (text.empty()) return no_word;
    const WordRange range = prefix_range(words, text, all_words(words));
    return !range.empty() && words.get(range.begin) == text ? range.begin : no_word;
}

bool typo_eligible(const QueryWord& word) {
    return !word.numeric && word.text.size() + 1 >= min_typo_letters &&
           std::all_of(word.text.begin(), word.text.end(),
                       [](char c) { return c >= 'a' && c <= 'z'; });
}

// Substitutions and insertions only try the letters that follow the common head in the
// dictionary.
std::vector<WordRange> typo_ranges(const StringPool& words, const std::string& w) {
    std::vector<WordRange> ranges;
    std::string variant;
    variant.reserve(w.size() + 1);
    const auto add = [&](WordRange within) {
        const WordRange range = prefix_range(words, variant, within);
        if (!range.empty()) ranges.push_back(range);
    };
    const WordRange all = all_words(words);
    const std::size_t n = w.size();
    const bool missing_letter_only = n < min_typo_letters;
    for (std::size_t i = 0; i < n && !missing_letter_only; ++i) {
        variant.assign(w).erase(i, 1);
        add(all);
        if (i + 1 < n && w[i] != w[i + 1]) {
            variant.assign(w);
            std::swap(variant[i], variant[i + 1]);
            add(all);
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const WordRange with_head = prefix_range(words, std::string_view(w).substr(0, i), all);
        std::uint32_t id = with_head.begin;
        while (id < with_head.end) {
            const std::string_view word = words.get(id);
            if (word.size() <= i) {
                ++id;
                continue;
            }
            const WordRange with_next = prefix_range(words, word.substr(0, i + 1), with_head);
            // Substituting the last letter is what deleting it (above) already covers.
            if (word[i] != w[i] && i + 1 < n && !missing_letter_only) {
                variant.assign(w, 0, i).append(1, word[i]).append(w, i + 1);
                add(with_next);
            }
            variant.assign(w, 0, i).append(1, word[i]).append(w, i);
            add(with_next);
            id = std::max(with_next.end, id + 1);
        }
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const WordRange& a, const WordRange& b) { return a.begin < b.begin; });
    std::vector<WordRange> merged;
    for (const WordRange& range : ranges) {
        if (!merged.empty() && range.begin <= merged.back().end) {
            merged.back().end = std::max(merged.back().end, range.end);
        } else {
            merged.push_back(range);
        }
    }
    return merged;
}

}  // namespace okrsek::service
