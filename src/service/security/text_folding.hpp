#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace okrsek::service::security {

/// Decodes strict UTF-8 into code points: std::nullopt for overlong forms, surrogates, code
/// points above U+10FFFF, stray continuation bytes and truncated sequences.
std::optional<std::u32string> decode_utf8(std::string_view text);

/// Encodes code points as UTF-8 (the caller passes valid code points).
std::string encode_utf8(std::u32string_view text);

/// Folds text for "does the password contain…" comparisons: lower case, and Latin letters
/// without their diacritics ("Šťastný" → "stastny"), because people type their names into
/// passwords without accents as often as with them. Covers ASCII, Latin-1 and Latin
/// Extended-A (every Czech, Slovak, Polish, Hungarian and German letter); other code points
/// stay as they are.
std::u32string fold_for_comparison(std::u32string_view text);

}  // namespace okrsek::service::security
