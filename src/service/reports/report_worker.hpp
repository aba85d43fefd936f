#pragma once

// The background work of citizen reports in `okrsek serve`: every poll interval one sweep
// (escalations due, area alerts, and after 08:00 Prague the staff's daily digests). Several
// servers may sweep one database at once: escalations are written only if the report's version
// is still the one read, alerts move each subscription forward once, digests carry a dedupe
// key per person and Prague day.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include "service/reports/citizen_reports.hpp"

namespace okrsek::service::reports {

struct ReportWorkerSettings {
    std::chrono::milliseconds poll_interval{60000};  ///< between sweeps, 50 ms to a day
};

/// What one sweep did.
struct ReportSweepResult {
    std::size_t escalated = 0;  ///< reports moved up a level
    std::size_t alerts = 0;     ///< area-alert messages queued
    std::size_t digests = 0;    ///< daily digests queued
};

/// One sweep: escalate_due(), send_area_alerts(), send_daily_digests() (which does nothing
/// before 08:00 Prague or twice a day). Throws what they throw.
ReportSweepResult sweep_reports(CitizenReports& reports);

class ReportWorker {
public:
    /// `reports` must outlive the worker. Throws invalid_argument (field "poll_interval").
    ReportWorker(CitizenReports& reports, ReportWorkerSettings settings);
    ~ReportWorker();  ///< stops the thread
    ReportWorker(const ReportWorker&) = delete;
    ReportWorker& operator=(const ReportWorker&) = delete;

    /// Starts the background thread (once); the first sweep runs at once.
    void start();
    /// Stops it after the sweep under way (if any) ends. Idempotent.
    void stop();
    /// How many sweeps have ended (failed ones included): for tests and logs.
    std::size_t sweeps() const;

private:
    void loop();

    CitizenReports& m_reports;
    ReportWorkerSettings m_settings;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::size_t m_sweeps = 0;
    std::thread m_thread;
};

}  // namespace okrsek::service::reports
