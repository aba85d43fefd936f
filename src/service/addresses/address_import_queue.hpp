#pragma once

// The hand-over between an address import's reading thread and the thread that writes to the
// database: a bounded queue of batches whose vectors are recycled, so that memory stays
// bounded and the strings of recycled points keep their capacity.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <vector>

#include "core/address.hpp"

namespace okrsek::service {

using AddressBatch = std::vector<core::AddressPoint>;

class AddressImportQueue {
public:
    /// At most `capacity` full batches wait at a time.
    explicit AddressImportQueue(std::size_t capacity) : m_capacity(capacity) {}

    /// Reader: hands over `batch` and gets a recycled one in its place (its points are stale
    /// values to overwrite). Blocks while the queue is full. False when the writer cancelled.
    bool push(AddressBatch& batch);

    /// Reader: no more batches; with `error`, the writer's pop() throws it.
    void finish(std::exception_ptr error = nullptr);

    /// Writer: recycles `batch` and replaces it with the next full one; false when the reader
    /// finished and nothing is left. Rethrows the reader's error.
    bool pop(AddressBatch& batch);

    /// Writer: gives up; the reader's next push() returns false.
    void cancel();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_capacity;
    std::deque<AddressBatch> m_full;
    std::vector<AddressBatch> m_free;
    bool m_finished = false;
    bool m_cancelled = false;
    std::exception_ptr m_error;
};

}  // namespace okrsek::service
