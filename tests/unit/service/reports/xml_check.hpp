#pragma once

// A tiny XML well-formedness check for the RSS tests: balanced and properly nested tags, one
// root, attribute values quoted, '&' only in the five predefined entities or character
// references, no raw '<' in text, no control characters XML 1.0 forbids. Not a parser for
// anything but our own output (no DTDs, comments or CDATA).

#include <cctype>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::test {

struct XmlCheck {
    bool ok = false;
    std::string problem{};
    std::string root{};
    std::map<std::string, std::size_t> elements{};  ///< how many of each name

    std::size_t count_of(const std::string& name) const {
        const auto it = elements.find(name);
        return it == elements.end() ? 0 : it->second;
    }
};

inline bool valid_entity(std::string_view text, std::size_t amp, std::size_t& end) {
    end = text.find(';', amp);
    if (end == std::string_view::npos || end - amp > 10) return false;
    const auto name = text.substr(amp + 1, end - amp - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos")
        return true;
    if (name.size() < 2 || name[0] != '#') return false;
    for (std::size_t i = 1; i < name.size(); ++i)
        if (!std::isxdigit(static_cast<unsigned char>(name[i])) && !(i == 1 && name[i] == 'x'))
            return false;
    return true;
}

inline bool valid_text(std::string_view text, std::string& problem) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            problem = "control character in text";
            return false;
        }
        if (c == '<') {
            problem = "raw '<' in text";
            return false;
        }
        if (c == '&') {
            std::size_t end = 0;
            if (!valid_entity(text, i, end)) {
                problem = "bad entity in text near: " + std::string(text.substr(i, 12));
                return false;
            }
            i = end;
        }
    }
    if (text.find("]]>") != std::string_view::npos) {
        problem = "']]>' in text";
        return false;
    }
    return true;
}

// Checks `<name attr="v" …>` (inner: without the angle brackets and the closing '/').
inline bool valid_start_tag(std::string_view inner, std::string& name, std::string& problem) {
    std::size_t i = 0;
    while (i < inner.size() && !std::isspace(static_cast<unsigned char>(inner[i]))) ++i;
    name = std::string(inner.substr(0, i));
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
        problem = "bad element name '" + name + "'";
        return false;
    }
    while (i < inner.size()) {
        while (i < inner.size() && std::isspace(static_cast<unsigned char>(inner[i]))) ++i;
        if (i == inner.size()) break;
        const auto eq = inner.find('=', i);
        if (eq == std::string_view::npos || eq + 1 >= inner.size() ||
            (inner[eq + 1] != '"' && inner[eq + 1] != '\'')) {
            problem = "attribute without a quoted value in <" + name + ">";
            return false;
        }
        const auto close = inner.find(inner[eq + 1], eq + 2);
        if (close == std::string_view::npos) {
            problem = "unterminated attribute in <" + name + ">";
            return false;
        }
        if (!valid_text(inner.substr(eq + 2, close - eq - 2), problem)) return false;
        i = close + 1;
    }
    return true;
}

inline XmlCheck check_xml(std::string_view xml) {
    XmlCheck result;
    std::vector<std::string> open;
    std::size_t i = 0;
    if (xml.starts_with("<?xml")) {
        i = xml.find("?>");
        if (i == std::string_view::npos) {
            result.problem = "unterminated XML declaration";
            return result;
        }
        i += 2;
    }
    bool root_closed = false;
    while (i < xml.size()) {
        const auto lt = xml.find('<', i);
        const auto text = xml.substr(i, lt == std::string_view::npos ? xml.size() - i : lt - i);
        if (!valid_text(text, result.problem)) return result;
        if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
            result.problem = "text outside the root element";
            return result;
        }
        if (lt == std::string_view::npos) break;
        const auto gt = xml.find('>', lt);
        if (gt == std::string_view::npos) {
            result.problem = "unterminated tag";
            return result;
        }
        auto inner = xml.substr(lt + 1, gt - lt - 1);
        if (inner.starts_with("/")) {
            const std::string name(inner.substr(1));
            if (open.empty() || open.back() != name) {
                result.problem = "</" + name + "> does not close " +
                                 (open.empty() ? std::string("anything") : "<" + open.back() + ">");
                return result;
            }
            open.pop_back();
            if (open.empty()) root_closed = true;
        } else {
            if (root_closed) {
                result.problem = "a second root element";
                return result;
            }
            const bool empty = inner.ends_with("/");
            if (empty) inner.remove_suffix(1);
            std::string name;
            if (!valid_start_tag(inner, name, result.problem)) return result;
            if (result.root.empty()) result.root = name;
            ++result.elements[name];
            if (!empty) open.push_back(name);
            if (empty && open.empty()) root_closed = true;
        }
        i = gt + 1;
    }
    if (!open.empty()) {
        result.problem = "<" + open.back() + "> is never closed";
        return result;
    }
    if (!root_closed) {
        result.problem = "no root element";
        return result;
    }
    result.ok = true;
    return result;
}

/// The raw (still escaped) text of every <name>…</name> element, in order.
inline std::vector<std::string> xml_texts(std::string_view xml, std::string_view name) {
    std::vector<std::string> texts;
    const std::string open = "<" + std::string(name) + ">";
    const std::string close = "</" + std::string(name) + ">";
    for (auto at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at + 1)) {
        const auto end = xml.find(close, at);
        if (end == std::string_view::npos) break;
        texts.emplace_back(xml.substr(at + open.size(), end - at - open.size()));
    }
    return texts;
}

}  // namespace okrsek::test
