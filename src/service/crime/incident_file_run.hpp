#pragma once

// One incident file being imported: reads its records (io/incident_reader.hpp), merges the
// rows of one incident, checks types, places incidents in the catalog and hands them to
// Store::write_incidents() as an IncidentFeed.

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "io/incident_reader.hpp"
#include "service/crime/crime_data.hpp"
#include "service/crime/incident_batch_queue.hpp"
#include "service/crime/incident_placer.hpp"
#include "store/crime.hpp"

namespace okrsek::service {

/// The ids of a file seen so far: one bit each for plain numbers below 2^31 (the Policie ids),
/// a set of strings for others.
class SeenIds {
public:
    /// False when `id` was already there.
    bool insert(const std::string& id);

private:
    std::vector<std::uint64_t> m_words;
    std::unordered_set<std::string> m_others;
};

class IncidentFileRun final : public store::IncidentFeed {
public:
    /// What the run needs from its import, shared by all files.
    struct Context {
        const IncidentImportRequest* request = nullptr;
        const io::IncidentMapping* mapping = nullptr;
        const geo::SjtskToWgs84* to_wgs84 = nullptr;
        IncidentPlacer* placer = nullptr;
        const std::set<std::int64_t>* known_types = nullptr;  ///< empty: unchecked
        std::uint64_t bytes_before = 0;                       ///< of earlier files, for progress
        std::uint64_t bytes_total = 0;
    };

    /// `reader` reads the file named `file`; a thread of the run starts reading at once.
    IncidentFileRun(const Context& context, std::string file,
                    std::unique_ptr<io::IncidentReader> reader);
    /// Stops the reading thread if it still runs.
    ~IncidentFileRun() override;
    IncidentFileRun(const IncidentFileRun&) = delete;
    IncidentFileRun& operator=(const IncidentFileRun&) = delete;

    bool next_batch(std::vector<store::NewIncident>& batch) override;
    store::AuditEntry audit_entry() override;

    /// After the last batch.
    const IncidentFileReport& report() const noexcept { return m_report; }
    const std::vector<IncidentRejection>& rejections() const noexcept { return m_rejections; }

private:
    void read_all() noexcept;
    bool fill(IncidentBatch& batch);
    bool accept_types(io::IncidentRecord& record, std::string& reason);
    void reject(std::string reason);
    void start(store::NewIncident& incident, io::IncidentRecord& record);
    void place(std::vector<store::NewIncident>& batch, std::size_t count);

    Context m_context;
    std::string m_file;
    std::unique_ptr<io::IncidentReader> m_reader;
    IncidentFileReport m_report;
    std::vector<IncidentRejection> m_rejections;
    SeenIds m_seen;
    io::IncidentRecord m_record;
    store::NewIncident m_pending;
    bool m_has_pending = false;
    bool m_done = false;
    std::vector<core::LonLat> m_points;
    std::vector<IncidentAreas> m_areas;
    IncidentBatchQueue m_queue;
    std::thread m_thread;  ///< last: starts when everything else is ready
};

}  // namespace okrsek::service
