#include "core/xml_text.hpp"

namespace okrsek::core {

void append_xml_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\t':
            case '\n':
            case '\r':
                out += c;
                break;
            default:
                out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
                break;
        }
    }
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    append_xml_escaped(out, text);
    return out;
}

}  // namespace okrsek::core
