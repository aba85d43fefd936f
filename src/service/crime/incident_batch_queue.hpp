#pragma once

// The hand-over between an incident file's reading thread (parse, merge, place) and the
// thread writing to the database: a bounded queue of batches whose vectors are recycled, as
// service/addresses/address_import_queue.hpp does for address points.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <vector>

#include "store/crime.hpp"

namespace okrsek::service {

using IncidentBatch = std::vector<store::NewIncident>;

class IncidentBatchQueue {
public:
    explicit IncidentBatchQueue(std::size_t capacity) : m_capacity(capacity) {}

    /// Reader: hands over `batch` and gets a recycled one in its place. Blocks while the queue
    /// is full. False when the writer cancelled.
    bool push(IncidentBatch& batch) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_cancelled || m_full.size() < m_capacity; });
        if (m_cancelled) return false;
        m_full.push_back(std::move(batch));
        batch.clear();
        if (!m_free.empty()) {
            batch = std::move(m_free.back());
            m_free.pop_back();
        }
        m_changed.notify_all();
        return true;
    }

    /// Reader: no more batches; with `error`, the writer's pop() throws it.
    void finish(std::exception_ptr error = nullptr) {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_error = error;
        m_changed.notify_all();
    }

    /// Writer: recycles `batch` and replaces it with the next full one; false when the reader
    /// finished and nothing is left. Rethrows the reader's error.
    bool pop(IncidentBatch& batch) {
        std::unique_lock lock(m_mutex);
        if (!batch.empty() || batch.capacity() > 0) m_free.push_back(std::move(batch));
        batch = IncidentBatch{};
        m_changed.wait(lock, [&] { return m_finished || !m_full.empty(); });
        if (!m_full.empty()) {
            batch = std::move(m_full.front());
            m_full.pop_front();
            m_changed.notify_all();
            return true;
        }
        if (m_error) std::rethrow_exception(m_error);
        return false;
    }

    /// Writer: gives up; the reader's next push() returns false.
    void cancel() {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_capacity;
    std::deque<IncidentBatch> m_full;
    std::vector<IncidentBatch> m_free;
    bool m_finished = false;
    bool m_cancelled = false;
    std::exception_ptr m_error;
};

}  // namespace okrsek::service
