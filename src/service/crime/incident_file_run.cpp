#include "service/crime/incident_file_run.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

// Incidents per batch handed to the store: a few MB whatever the file's size.
constexpr std::size_t batch_incidents = 8192;
constexpr std::uint64_t progress_every_rows_incident_file_run = 8192;
constexpr std::uint64_t max_numeric_id = std::uint64_t{1} << 31;
// Full batches waiting for the writer: reading and writing overlap, memory stays bounded.
constexpr std::size_t queue_batches_incident_file_run = 3;

// A plain decimal number without a leading zero, below 2^31.
bool small_number(const std::string& id, std::uint64_t& value) {
    if (id.empty() || id.size() > 10 || (id[0] == '0' && id.size() > 1)) return false;
    value = 0;
    for (const char c : id) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value < max_numeric_id;
}

void add_type(std::vector<std::int64_t>& types, std::int64_t type) {
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
}

}  // namespace

bool SeenIds::insert(const std::string& id) {
    std::uint64_t value = 0;
    if (!small_number(id, value)) return m_others.insert(id).second;
    const std::size_t word = value / 64;
    if (word >= m_words.size()) m_words.resize(std::max(m_words.size() * 2, word + 1), 0);
    const std::uint64_t bit = std::uint64_t{1} << (value % 64);
    if (m_words[word] & bit) return false;
    m_words[word] |= bit;
    return true;
}

IncidentFileRun::IncidentFileRun(const Context& context, std::string file,
                                 std::unique_ptr<io::IncidentReader> reader)
    : m_context(context),
      m_file(std::move(file)),
      m_reader(std::move(reader)),
      m_queue(queue_batches_incident_file_run),
      m_thread([this] { read_all(); }) {}

IncidentFileRun::~IncidentFileRun() {
    m_queue.cancel();
    if (m_thread.joinable()) m_thread.join();
}

void IncidentFileRun::read_all() noexcept {
    m_report.file = m_file;
    try {
        IncidentBatch batch;
        while (fill(batch)) {
            if (!m_queue.push(batch)) return;
        }
        m_queue.finish();
    } catch (...) {
        m_queue.finish(std::current_exception());
    }
}

bool IncidentFileRun::next_batch(std::vector<store::NewIncident>& batch) {
    if (m_queue.pop(batch)) return true;
    if (m_thread.joinable()) m_thread.join();
    return false;
}

void IncidentFileRun::reject(std::string reason) {
    ++m_report.rows_rejected;
    if (m_rejections.size() < max_reported_incident_rejections) {
        m_rejections.push_back({m_file, std::string(m_reader->position_kind()),
                                m_reader->position(), std::move(reason)});
    }
    if (m_report.rows_rejected > m_context.request->max_rejected_rows) {
        const IncidentRejection& first = m_rejections.front();
        throw Error(
            ErrorCode::invalid_input,
            m_file + ": more than " + std::to_string(m_context.request->max_rejected_rows) +
                " rows rejected, nothing imported from it; the first: " + first.position_kind +
                " " + std::to_string(first.position) + ": " + first.reason,
            "file");
    }
}

bool IncidentFileRun::accept_types(io::IncidentRecord& record, std::string& reason) {
    const auto* known = m_context.known_types;
    if (!known || known->empty()) return true;
    for (const auto type : record.types) {
        if (known->contains(type)) continue;
        if (m_context.request->reject_unknown_types) {
            reason = "type " + std::to_string(type) + " is not in the source's type list";
            return false;
        }
        ++m_report.unknown_types;
        break;
    }
    return true;
}

void IncidentFileRun::start(store::NewIncident& incident, io::IncidentRecord& record) {
    incident.external_id.swap(record.external_id);
    incident.occurred_at.swap(record.occurred_at);
    incident.local_offset_min = record.local_offset_min;
    incident.lon_e7 = record.lon_e7;
    incident.lat_e7 = record.lat_e7;
    incident.municipal_police = record.municipal_police;
    incident.state = record.state;
    incident.relevance = record.relevance;
    incident.types.clear();
    for (const auto type : record.types) add_type(incident.types, type);
    incident.repeat = !m_seen.insert(incident.external_id);
    if (incident.repeat) ++m_report.repeated_ids;
}

bool IncidentFileRun::fill(IncidentBatch& batch) {
    std::size_t filled = 0;
    std::string reason;
    const auto push_pending = [&] {
        if (filled == batch.size()) batch.emplace_back();
        std::swap(batch[filled++], m_pending);
        m_has_pending = false;
    };
    while (!m_done && filled < batch_incidents) {
        const auto row = m_reader->next(m_record, reason);
        if (row == io::IncidentReader::Row::end) {
            m_done = true;
            break;
        }
        if (++m_report.rows_read > max_incident_rows_per_file) {
            throw Error(
                ErrorCode::payload_too_large,
                m_file + ": more than " + std::to_string(max_incident_rows_per_file) + " rows",
                "file");
        }
        if (m_context.request->progress &&
            m_report.rows_read % progress_every_rows_incident_file_run == 0) {
            m_context.request->progress(m_context.bytes_before + m_reader->bytes_read(),
                                        m_context.bytes_total);
        }
        if (row == io::IncidentReader::Row::rejected || !accept_types(m_record, reason)) {
            reject(std::move(reason));
            continue;
        }
        if (m_has_pending && m_pending.external_id == m_record.external_id) {
            if (m_pending.types.size() + m_record.types.size() > store::max_incident_types) {
                reject("more than " + std::to_string(store::max_incident_types) +
                       " types for one incident");
                continue;
            }
            for (const auto type : m_record.types) add_type(m_pending.types, type);
            continue;
        }
        if (m_has_pending) push_pending();
        start(m_pending, m_record);
        m_has_pending = true;
    }
    if (m_done && m_has_pending) push_pending();
    batch.resize(filled);
    place(batch, filled);
    return filled > 0;
}

void IncidentFileRun::place(std::vector<store::NewIncident>& batch, std::size_t count) {
    m_points.clear();
    for (std::size_t i = 0; i < count; ++i) {
        m_points.push_back({static_cast<double>(batch[i].lon_e7) / 1e7,
                            static_cast<double>(batch[i].lat_e7) / 1e7});
    }
    m_areas.resize(count);
    m_context.placer->place(m_points, m_areas);
    for (std::size_t i = 0; i < count; ++i) {
        store::NewIncident& incident = batch[i];
        if (incident.repeat) continue;
        ++m_report.incidents;
        incident.municipality_code = m_areas[i].municipality_code;
        incident.city_part_id = m_areas[i].city_part_id;
        incident.district_id = m_areas[i].district_id;
        if (!incident.municipality_code) ++m_report.unassigned;
    }
}

store::AuditEntry IncidentFileRun::audit_entry() {
    store::AuditEntry entry = m_context.request->actor.audit("incidents.import", "crime_source",
                                                             m_context.request->source);
    entry.details_json = "{\"rows_read\":" + std::to_string(m_report.rows_read) +
                         ",\"incidents\":" + std::to_string(m_report.incidents) +
                         ",\"rejected\":" + std::to_string(m_report.rows_rejected) +
                         ",\"unassigned\":" + std::to_string(m_report.unassigned) + "}";
    return entry;
}

}  // namespace okrsek::service
