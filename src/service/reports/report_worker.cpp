#include "service/reports/report_worker.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace okrsek::service::reports {

ReportSweepResult sweep_reports(CitizenReports& reports) {
    ReportSweepResult result;
    result.escalated = reports.escalate_due();
    result.alerts = reports.send_area_alerts();
    result.digests = reports.send_daily_digests();
    return result;
}

ReportWorker::ReportWorker(CitizenReports& reports, ReportWorkerSettings settings)
    : m_reports(reports), m_settings(settings) {
    using namespace std::chrono_literals;
    if (m_settings.poll_interval < 50ms || m_settings.poll_interval > 24h)
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the reports' poll interval must be 0.05 s to a day", "poll_interval");
}

ReportWorker::~ReportWorker() {
    stop();
}

void ReportWorker::start() {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable() || m_stop) return;
    m_thread = std::thread([this] { loop(); });
}

void ReportWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

std::size_t ReportWorker::sweeps() const {
    std::lock_guard lock(m_mutex);
    return m_sweeps;
}

void ReportWorker::loop() {
    spdlog::info("reports: worker started");
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        lock.unlock();
        try {
            const auto result = sweep_reports(m_reports);
            if (result.escalated + result.alerts + result.digests > 0)
                spdlog::info("reports: {} escalated, {} alert(s), {} digest(s)", result.escalated,
                             result.alerts, result.digests);
        } catch (const std::exception& error) {
            // The database may be away for a while; the next sweep tries again.
            spdlog::warn("reports: sweep failed: {}", error.what());
        }
        lock.lock();
        ++m_sweeps;
        m_wake.wait_for(lock, m_settings.poll_interval, [this] { return m_stop; });
    }
    spdlog::info("reports: worker stopped");
}

}  // namespace okrsek::service::reports
