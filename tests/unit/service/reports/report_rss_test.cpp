// The RSS writer (service/reports/report_rss.cpp): escaping, RFC 822 dates, and a document
// that stays well-formed whatever a report says.
#include "service/reports/report_rss.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "xml_check.hpp"

namespace okrsek::service::reports {
namespace {

using namespace std::chrono_literals;

TEST(ReportRss, EscapesMarkupAndDropsForbiddenControls) {
    EXPECT_EQ(xml_escape("a & b < c > d \"e\" 'f'"),
              "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    EXPECT_EQ(xml_escape(std::string("x\x01y\tz\n")), "x y\tz\n");
    EXPECT_EQ(xml_escape("žluťoučký"), "žluťoučký");
}

TEST(ReportRss, WritesRfc822TimesInUtc) {
    const store::TimePoint t =
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 11h + 25min + 50s + 300ms;
    EXPECT_EQ(rfc822_time(t), "Mon, 23 Nov 2026 11:25:50 GMT");
    EXPECT_EQ(rfc822_time(std::chrono::sys_days{std::chrono::year{2027} / 1 / 3}),
              "Sun, 03 Jan 2027 00:00:00 GMT");
}

TEST(ReportRss, HostileTextKeepsTheDocumentWellFormed) {
    RssChannel channel;
    channel.title = "Okrsek <1> & spol.";
    channel.link = "https://okrsek.example/district.html?id=1&x=2";
    channel.description = "Hlášení";
    channel.items.push_back({.title = "</title><script>alert(1)</script>",
                             .link = "https://okrsek.example/report.html#id=5",
                             .guid = "report-5",
                             .description = "A & B <b>bold</b> ]]> \x02",
                             .published = std::chrono::sys_days{std::chrono::year{2026} / 5 / 1}});
    const auto xml = write_rss(channel);
    const auto check = test::check_xml(xml);
    EXPECT_TRUE(check.ok) << check.problem << "\n" << xml;
    EXPECT_EQ(check.root, "rss");
    EXPECT_NE(xml.find("&lt;/title&gt;&lt;script&gt;"), std::string::npos);
    EXPECT_NE(xml.find("A &amp; B &lt;b&gt;bold&lt;/b&gt; ]]&gt;"), std::string::npos);
    EXPECT_EQ(check.count_of("item"), 1u);
    EXPECT_EQ(test::xml_texts(xml, "pubDate"),
              std::vector<std::string>{"Fri, 01 May 2026 00:00:00 GMT"});
}

TEST(ReportRss, TheCheckerCatchesBrokenDocuments) {
    EXPECT_FALSE(test::check_xml("<rss><channel></rss>").ok);
    EXPECT_FALSE(test::check_xml("<rss>a & b</rss>").ok);
    EXPECT_FALSE(test::check_xml("<rss>a < b</rss>").ok);
    EXPECT_TRUE(test::check_xml("<?xml version=\"1.0\"?>\n<rss a=\"1\"><x/>&amp;</rss>").ok);
}

}  // namespace
}  // namespace okrsek::service::reports
