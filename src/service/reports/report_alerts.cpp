// Area alerts and feeds of citizen reports: subscriptions to a district's new public reports
// (confirmed by e-mail, rate-limited), the alert mails, and the district's RSS feed.
//
// The subscription token. One token confirms a subscription and ends it; only its SHA-256 is
// stored. So that every alert can carry the unsubscribe link without keeping the token in
// clear, the token is derived, not drawn: the first 192 bits of a keyed BLAKE2b (the server's
// report key, ServerKeys::report_keys) of the district and the normalised address. Nobody
// without the server key can compute it; the server recomputes it for each alert. Hence area
// alerts need the master key (without it subscribing is unavailable).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "service/reports/report_impl.hpp"
#include "service/reports/report_rss.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using namespace std::chrono_literals;
using reports::RssChannel;
using reports::RssItem;

constexpr std::string_view district_layer_report_alerts = "districts";
constexpr std::int64_t max_subscriptions_per_address_day = 5;
constexpr std::int64_t max_subscriptions_per_client_hour = 20;
constexpr std::size_t alert_window = 50;            // newest public reports looked at per district
constexpr std::size_t alert_listed = 20;            // listed in one mail
constexpr std::size_t feed_reports = 50;            // reports in a feed (with their updates)
constexpr std::size_t feed_items = 100;             // items in a feed
constexpr std::size_t subscription_token_hex = 48;  // 192 bits
constexpr std::size_t max_email_bytes = 254;

// Trimmed, ASCII letters lower-cased, one '@' with text on both sides, no spaces or controls:
// the store keeps the address in this form, so the derived token is the same either way.
std::string normalized_address(std::string_view email) {
    while (!email.empty() && email.front() == ' ') email.remove_prefix(1);
    while (!email.empty() && email.back() == ' ') email.remove_suffix(1);
    const auto at = email.find('@');
    bool valid = !email.empty() && email.size() <= max_email_bytes && at != std::string::npos &&
                 at > 0 && at + 1 < email.size() && email.find('@', at + 1) == std::string::npos;
    std::string result;
    for (const char c : email) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f) valid = false;
        result += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (!valid) throw Error(ErrorCode::invalid_argument, "not an e-mail address", "email");
    return result;
}

std::string subscription_token(const reports::ReportCore& core, std::int64_t district_id,
                               std::string_view address) {
    return core
        .keyed_hash("area-subscription", std::to_string(district_id) + ":" + std::string(address))
        .substr(0, subscription_token_hex);
}

// The hash of a well-formed token; throws not_found (field "token") otherwise.
std::string token_hash_of(std::string_view token) {
    const bool hex = token.size() == subscription_token_hex &&
                     std::all_of(token.begin(), token.end(), [](char c) {
                         return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                     });
    if (!hex) throw Error(ErrorCode::not_found, "unknown subscription token", "token");
    return reports::sha256_hex(token);
}

const core::AreaInfo& district_info(const AreaCatalog& catalog, std::int64_t district_id) {
    const auto area = catalog.find_area(district_id);
    if (!area || area->info().layer != district_layer_report_alerts)
        throw Error(ErrorCode::not_found, "no district " + std::to_string(district_id), "district");
    return area->info();
}

std::string base_url_report_alerts(const ReportSettings& settings) {
    std::string url = settings.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

std::string unsubscribe_link(const ReportSettings& settings, std::string_view token) {
    return base_url_report_alerts(settings) + "/report.html#unsubscribe=" + std::string(token);
}

// Counts one event for `key` in a fixed window and refuses past `limit`. The counter is
// locked until its window ends, so that the housekeeping, which keeps only the login
// throttle's short windows, does not forget it early.
void count_or_refuse(store::Store& store, const std::string& key, std::chrono::seconds window,
                     std::int64_t limit, store::TimePoint now) {
    const auto state = store.throttle_hit(key, window, now);
    const auto window_end = state.window_start + window;
    if (!state.locked_until || *state.locked_until < window_end)
        store.throttle_lock(key, window_end);
    if (state.count > limit)
        throw Error(ErrorCode::rate_limited, "too many subscriptions, try again later", "rate");
}

store::OutboxMessage confirmation_mail(const ReportSettings& settings, std::int64_t town,
                                       const std::string& district_name, std::string address,
                                       std::string_view token, std::string_view language) {
    const bool en = reports::mail_language(language) == "en";
    const std::string confirm =
        base_url_report_alerts(settings) + "/report.html#subscribe=" + std::string(token);
    std::string body =
        en ? "Please confirm that you want e-mail about new public reports in district " +
                 district_name + ":\n" + confirm + "\n\nNot you? Ignore this e-mail.\n" +
                 "To stop the alerts later: " + unsubscribe_link(settings, token) + "\n"
           : "Potvrďte prosím, že chcete dostávat e-mail o nových veřejných hlášeních v okrsku " +
                 district_name + ":\n" + confirm + "\n\nNežádali jste o to? E-mail ignorujte.\n" +
                 "Odběr zrušíte odkazem: " + unsubscribe_link(settings, token) + "\n";
    return reports::outbox_message("report.subscription", town, std::move(address),
                                   en ? "[okrsek] Confirm alerts for " + district_name
                                      : "[okrsek] Potvrďte upozornění pro okrsek " + district_name,
                                   std::move(body));
}

std::string alert_line(const ReportSettings& settings, const PublicReport& report) {
    std::string line = "č./no. " + std::to_string(report.id) + " · " + report.category_name_cs;
    if (!report.address_text.empty()) line += " · " + report.address_text;
    return line + "\n  " + reports::public_link(settings, report.id) + "\n";
}

store::OutboxMessage alert_mail(const ReportSettings& settings, const store::AreaSubscription& sub,
                                const std::string& district_name,
                                std::span<const PublicReport> fresh, std::string_view token) {
    std::string body = "Nová veřejná hlášení v okrsku " + district_name +
                       " / New public reports in district " + district_name + ":\n\n";
    for (std::size_t i = 0; i < fresh.size() && i < alert_listed; ++i)
        body += alert_line(settings, fresh[i]);
    if (fresh.size() > alert_listed)
        body += "… a další / and " + std::to_string(fresh.size() - alert_listed) + " more\n";
    body += "\n--\nOdběr zrušíte / Unsubscribe: " + unsubscribe_link(settings, token) + "\n";
    auto mail = reports::outbox_message("report.alert", sub.municipality_code, sub.email,
                                        "[okrsek] " + std::to_string(fresh.size()) +
                                            " × nové hlášení / new reports: " + district_name,
                                        std::move(body));
    // A second server sending the same alert meets this key and gives way.
    mail.dedupe_key = "alert:" + std::to_string(sub.id) + ":" + std::to_string(fresh.front().id);
    return mail;
}

// Alerts of one district; returns the messages queued.
std::size_t alert_district(reports::ReportCore& core, const core::AreaInfo& district,
                           store::TimePoint now) {
    const auto subscriptions = core.store.district_subscriptions(district.id);
    if (subscriptions.empty()) return 0;
    store::ReportFilter filter;
    filter.district_ids = {district.id};
    filter.visibilities = {store::ReportVisibility::public_};
    filter.limit = alert_window;
    const auto page = core.store.list_reports(filter);  // newest first
    if (page.reports.empty()) return 0;
    reports::ReportLookups lookups(core);
    std::vector<PublicReport> views;
    for (const auto& report : page.reports) views.push_back(lookups.to_public(report, false));
    std::size_t queued = 0;
    for (const auto& sub : subscriptions) {
        std::vector<PublicReport> fresh;
        for (const auto& view : views)
            if (view.id > sub.last_update_id) fresh.push_back(view);
        if (fresh.empty()) continue;
        const auto token = subscription_token(core, district.id, sub.email);
        const auto mail = alert_mail(core.settings, sub, district.name, fresh, token);
        const std::int64_t ids[] = {sub.id};
        try {
            core.store.record_alerts(ids, fresh.front().id, std::span(&mail, 1), now);
            ++queued;
        } catch (const Error& error) {
            if (error.code() != ErrorCode::conflict) throw;
        }
    }
    return queued;
}

RssItem report_item(const ReportSettings& settings, const PublicReport& report, bool en) {
    RssItem item;
    item.title = (en ? "Report no. " : "Hlášení č. ") + std::to_string(report.id) + ": " +
                 (en ? report.category_name_en : report.category_name_cs);
    if (!report.address_text.empty()) item.title += " – " + report.address_text;
    item.link = reports::public_link(settings, report.id);
    item.guid = "okrsek-report-" + std::to_string(report.id);
    item.description = report.description;
    item.published = report.created_at;
    return item;
}

RssItem update_item(const ReportSettings& settings, const PublicReport& report,
                    const store::ReportUpdate& update, bool en) {
    RssItem item;
    item.title = (en ? "Report no. " : "Hlášení č. ") + std::to_string(report.id) + ": ";
    if (update.to_state) {
        const auto state = store::report_state_from(*update.to_state);
        item.title +=
            state ? std::string(reports::state_label(*state, en ? "en" : "cs")) : *update.to_state;
    } else if (update.kind == "escalated") {
        item.title += en ? "escalated" : "eskalováno";
    } else {
        item.title += en ? "update" : "novinka";
    }
    item.link = reports::public_link(settings, report.id);
    item.guid = "okrsek-report-update-" + std::to_string(update.id);
    item.description = update.author_name ? *update.author_name + ": " + update.body : update.body;
    item.published = update.created_at;
    return item;
}

}  // namespace

void CitizenReports::subscribe(std::int64_t district_id, std::string_view email,
                               const ClientInfo& client, std::string_view language) {
    auto& core = *m_impl;
    const auto address = normalized_address(email);
    const auto catalog = core.catalog();
    const auto& district = district_info(*catalog, district_id);
    if (core.settings.hash_key.empty())
        throw Error(ErrorCode::unavailable, "area alerts need the server's master key", "email");
    const auto now = core.now();
    if (!client.address.empty())
        count_or_refuse(core.store,
                        "report-sub-ip:" + core.keyed_hash("subscribe-ip", client.address), 1h,
                        max_subscriptions_per_client_hour, now);
    count_or_refuse(core.store, "report-sub-mail:" + core.keyed_hash("subscribe-email", address),
                    24h, max_subscriptions_per_address_day, now);
    const auto token = subscription_token(core, district_id, address);
    const auto mail = confirmation_mail(core.settings, district.municipality_code, district.name,
                                        address, token, language);
    try {
        core.store.subscribe_area(district.municipality_code, district_id, address,
                                  reports::sha256_hex(token), mail, now);
    } catch (const Error& error) {
        // Subscribed already: the same answer as for a new address, so that nobody learns
        // who subscribes to what.
        if (error.code() != ErrorCode::conflict) throw;
    }
}

void CitizenReports::confirm_subscription(std::string_view token) {
    auto& core = *m_impl;
    if (!core.store.confirm_subscription(token_hash_of(token), core.now()))
        throw Error(ErrorCode::not_found, "unknown subscription token", "token");
}

void CitizenReports::unsubscribe(std::string_view token) {
    // Unknown tokens pass silently: a second click on the link is no error.
    m_impl->store.unsubscribe(token_hash_of(token));
}

std::size_t CitizenReports::send_area_alerts() {
    auto& core = *m_impl;
    const auto now = core.now();
    const auto catalog = core.catalog();
    const auto* layer = catalog->find_layer(district_layer_report_alerts);
    if (!layer) return 0;
    std::size_t queued = 0;
    for (const auto& district : layer->areas) {
        try {
            queued += alert_district(core, district, now);
        } catch (const Error& error) {
            if (error.code() == ErrorCode::unavailable) throw;
            spdlog::warn("reports: alerts of district {} failed: {}", district.id, error.what());
        }
    }
    return queued;
}

std::string CitizenReports::district_feed(std::int64_t district_id, std::string_view language) {
    auto& core = *m_impl;
    const auto catalog = core.catalog();
    const auto& district = district_info(*catalog, district_id);
    const bool en = reports::mail_language(language) == "en";
    store::ReportFilter filter;
    filter.district_ids = {district_id};
    filter.visibilities = {store::ReportVisibility::public_};
    filter.order = store::ReportFilter::Order::updated_newest_first;
    filter.limit = feed_reports;
    const auto page = core.store.list_reports(filter);
    reports::ReportLookups lookups(core);
    std::vector<RssItem> items;
    for (const auto& report : page.reports) {
        const auto view = lookups.to_public(report, true);
        items.push_back(report_item(core.settings, view, en));
        for (const auto& update : view.updates) {
            // The report's own item stands for its submission and confirmation.
            if (!update.is_public || update.kind == "submitted" || update.kind == "confirmed" ||
                update.kind == "approved")
                continue;
            items.push_back(update_item(core.settings, view, update, en));
        }
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const RssItem& a, const RssItem& b) { return a.published > b.published; });
    if (items.size() > feed_items) items.resize(feed_items);
    RssChannel channel;
    channel.title = (en ? "Reports – district " : "Hlášení – okrsek ") + district.name;
    channel.link = base_url_report_alerts(core.settings) +
                   "/report.html#district=" + std::to_string(district_id);
    channel.description = en ? "New public reports and answers in district " + district.name
                             : "Nová veřejná hlášení a odpovědi v okrsku " + district.name;
    channel.language = en ? "en" : "cs";
    channel.items = std::move(items);
    return reports::write_rss(channel);
}

}  // namespace okrsek::service
