#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "http/client_address.hpp"
#include "http/server.hpp"
#include "service/catalog_refresher.hpp"
#include "service/reports/report_worker.hpp"  // added by r-bg

namespace okrsek::cli {
namespace {

struct ServeOptions {
    std::string listen = "127.0.0.1:8080";
    std::string web_root;
    unsigned threads = 0;
    double rate_limit = 50.0;
    std::vector<std::string> trusted_proxies;
    std::string tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    std::string tile_attribution = "© OpenStreetMap contributors";
    double refresh_seconds = 2.0;
    unsigned session_idle_timeout_s = 30 * 60;
    unsigned session_lifetime_s = 12 * 60 * 60;
    SmtpOptions smtp;  // e-mail: the outbox worker runs when --smtp-url is set
    // Citizen reports' background work (escalations, area alerts, digests); added by r-bg.
    std::string reports_worker = "on";
    double reports_poll_seconds = 60.0;
    std::int64_t reports_per_ip_hour = 10;    ///< citizen reports per client address and hour
    std::int64_t reports_per_email_day = 20;  ///< per reporter's e-mail address and day
    std::int64_t stats_min_count = 3;         ///< public statistics hide counts below this
};

service::AuthSettings auth_settings(const ServeOptions& options) {
    service::AuthSettings settings;
    settings.session.idle_timeout = std::chrono::seconds(options.session_idle_timeout_s);
    settings.session.absolute_lifetime = std::chrono::seconds(options.session_lifetime_s);
    // Activity is written at most once a minute, and often enough for short test timeouts.
    settings.session.touch_interval =
        std::chrono::seconds(std::clamp<unsigned>(options.session_idle_timeout_s / 5, 1, 60));
    return settings;
}

void parse_listen(const std::string& listen, http::ServerSettings& settings) {
    const auto colon = listen.rfind(':');
    unsigned long port = 0;
    try {
        if (colon == std::string::npos) throw std::invalid_argument("no port");
        std::size_t used = 0;
        port = std::stoul(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1 || port > 65535) throw std::out_of_range("port");
    } catch (const std::exception&) {
        throw core::Error(
            core::ErrorCode::invalid_argument,
            "--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080, got '" + listen + "'", "listen");
    }
    std::string address = listen.substr(0, colon);
    if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
    }
    settings.address = address;
    settings.port = static_cast<unsigned short>(port);
}

std::optional<std::filesystem::path> find_web_root(const std::string& option) {
    if (!option.empty()) return std::filesystem::path(option);
    if (const char* env = std::getenv("OKRSEK_WEB_ROOT"); env && *env)
        return std::filesystem::path(env);
    if (std::filesystem::exists("web/dist/index.html")) return std::filesystem::path("web/dist");
    spdlog::warn("no web root (web/dist): serving the API only");
    return std::nullopt;
}

void serve(const GlobalOptions& global, const ServeOptions& options) {
    http::ServerSettings settings;
    parse_listen(options.listen, settings);
    settings.threads = options.threads;
    settings.rate_per_second = options.rate_limit;
    settings.rate_burst = std::max(200.0, options.rate_limit * 4.0);
    settings.trusted_proxies = http::parse_addresses(options.trusted_proxies);

    http::ApiSettings api;
    if (!options.tile_url.empty())
        api.tiles = http::TileSettings{options.tile_url, options.tile_attribution};

    service::PlatformOptions tuning;
    tuning.auth = auth_settings(options);
    tuning.reports.max_reports_per_ip_hour = options.reports_per_ip_hour;
    tuning.reports.max_reports_per_email_day = options.reports_per_email_day;
    tuning.publication.min_count = options.stats_min_count;
    auto platform = open_platform(global, KeyNeed::required, std::move(tuning));
    platform->addresses().warm_up();  // builds the address search index in the background
    http::Application application(*platform, api, find_web_root(options.web_root));
    http::Server server(application, settings);
    std::cout << "okrsek listening on http://"
              << options.listen.substr(0, options.listen.rfind(':')) << ':' << server.port()
              << std::endl;
    std::unique_ptr<service::CatalogRefresher> refresher;
    if (options.refresh_seconds > 0) {
        refresher = std::make_unique<service::CatalogRefresher>(
            *platform,
            std::chrono::milliseconds(static_cast<long>(options.refresh_seconds * 1000)));
    }
    // Expired sessions, used links and stale throttle counters are deleted every ten minutes
    // (they can no longer be used anyway; this keeps the tables small).
    std::jthread housekeeping([&platform](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
            try {
                const auto purged = platform->auth().purge_expired();
                spdlog::debug("housekeeping: {} session(s), {} link(s), {} counter(s) deleted",
                              purged.sessions, purged.one_time_links, purged.throttle_counters);
            } catch (const std::exception& error) {
                spdlog::warn("housekeeping failed: {}", error.what());
            }
            std::unique_lock lock(mutex);
            wake.wait_for(lock, stop, std::chrono::minutes(10), [] { return false; });
        }
    });
    // The outbox worker sends queued e-mail in the background; on shutdown the message being
    // sent is finished and recorded, the rest of its batch given back to the queue.
    auto outbox_worker =
        options.smtp.worker ? make_outbox_worker(*platform, options.smtp) : nullptr;
    if (outbox_worker) outbox_worker->start();
    // Reports past their deadline climb the escalation chain, alerts and digests are queued
    // (added by r-bg); several servers may sweep at once.
    std::unique_ptr<service::reports::ReportWorker> reports_worker;
    if (options.reports_worker == "on") {
        reports_worker = std::make_unique<service::reports::ReportWorker>(
            platform->reports(), service::reports::ReportWorkerSettings{std::chrono::milliseconds(
                                     static_cast<long>(options.reports_poll_seconds * 1000))});
        reports_worker->start();
    }
    server.run(true);
    if (reports_worker) reports_worker->stop();
    if (outbox_worker) outbox_worker->stop();
    housekeeping.request_stop();
    spdlog::info("stopped");
}

}  // namespace

Command add_serve_command(CLI::App& app, const GlobalOptions& global) {
    auto options = std::make_shared<ServeOptions>();
    auto* sub = app.add_subcommand("serve", "serve the portal, the JSON API and the front end");
    sub->add_option("--listen", options->listen, "ADDRESS:PORT (port 0: any free port)")
        ->capture_default_str();
    sub->add_option("--web-root", options->web_root,
                    "built front end (default $OKRSEK_WEB_ROOT or web/dist)");
    sub->add_option("--threads", options->threads, "worker threads (0: one per core)")
        ->capture_default_str();
    sub->add_option("--rate-limit", options->rate_limit,
                    "API requests per second per client address (0: no limit)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option("--reports-per-ip-hour", options->reports_per_ip_hour,
                    "citizen reports accepted per client address and hour (0: no limit, nor a "
                    "burst limit on public report writes)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option("--reports-per-email-day", options->reports_per_email_day,
                    "citizen reports accepted per reporter's e-mail address and day (0: no limit)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option("--stats-min-count", options->stats_min_count,
                    "public crime statistics hide counts from 1 to N-1 (docs/statistics.md)")
        ->check(CLI::Range(3, 100))
        ->capture_default_str();
    sub->add_option("--trusted-proxy", options->trusted_proxies,
                    "address of a reverse proxy whose X-Forwarded-For names the client "
                    "(repeatable)");
    sub->add_option("--tile-url", options->tile_url, "map tile URL template (empty: no tiles)")
        ->capture_default_str();
    sub->add_option("--tile-attribution", options->tile_attribution, "attribution of the tiles")
        ->capture_default_str();
    sub->add_option("--refresh-seconds", options->refresh_seconds,
                    "how often to check the database for layers changed elsewhere (0: never)")
        ->check(CLI::Range(0.0, 3600.0))
        ->capture_default_str();
    sub->add_option("--session-idle-timeout-s", options->session_idle_timeout_s,
                    "end a back-office session unused for this long")
        ->check(CLI::Range(2u, 24u * 3600u))
        ->capture_default_str();
    sub->add_option("--session-lifetime-s", options->session_lifetime_s,
                    "end every back-office session this long after login")
        ->check(CLI::Range(2u, 30u * 24u * 3600u))
        ->capture_default_str();
    add_smtp_options(sub, options->smtp);
    // added by r-bg
    sub->add_option("--reports-worker", options->reports_worker,
                    "sweep citizen reports in this process: escalations, area alerts, daily "
                    "digests (off: leave it to other servers or okrsek reports sweep)")
        ->envname("OKRSEK_REPORTS_WORKER")
        ->check(CLI::IsMember({"on", "off"}))
        ->capture_default_str();
    sub->add_option("--reports-poll-seconds", options->reports_poll_seconds,
                    "seconds between two sweeps of citizen reports")
        ->check(CLI::Range(0.05, 86400.0))
        ->capture_default_str();
    return {sub, [&global, options] { serve(global, *options); }};
}

}  // namespace okrsek::cli
