#include "service/reports/report_rss.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace okrsek::service::reports {
namespace {

void element(std::string& out, std::string_view name, std::string_view text,
             std::string_view indent) {
    out += indent;
    out += '<';
    out += name;
    out += '>';
    out += xml_escape(text);
    out += "</";
    out += name;
    out += ">\n";
}

}  // namespace

std::string rfc822_time(store::TimePoint time) {
    static constexpr std::array<const char*, 7> weekdays{"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
    const auto day = std::chrono::floor<std::chrono::days>(seconds);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss clock{seconds - day};
    const std::chrono::weekday weekday{day};
    std::array<char, 40> text{};
    std::snprintf(text.data(), text.size(), "%s, %02u %s %04d %02d:%02d:%02d GMT",
                  weekdays[weekday.c_encoding()], static_cast<unsigned>(date.day()),
                  months[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                  static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return text.data();
}

std::string write_rss(const RssChannel& channel) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n";
    out += "  <channel>\n";
    element(out, "title", channel.title, "    ");
    element(out, "link", channel.link, "    ");
    element(out, "description", channel.description, "    ");
    element(out, "language", channel.language, "    ");
    for (const auto& item : channel.items) {
        out += "    <item>\n";
        element(out, "title", item.title, "      ");
        element(out, "link", item.link, "      ");
        out += "      <guid isPermaLink=\"false\">" + xml_escape(item.guid) + "</guid>\n";
        element(out, "pubDate", rfc822_time(item.published), "      ");
        element(out, "description", item.description, "      ");
        out += "    </item>\n";
    }
    out += "  </channel>\n</rss>\n";
    return out;
}

}  // namespace okrsek::service::reports
