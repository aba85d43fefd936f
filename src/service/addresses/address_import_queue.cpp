#include "service/addresses/address_import_queue.hpp"

#include <utility>

namespace okrsek::service {

bool AddressImportQueue::push(AddressBatch& batch) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_cancelled || m_full.size() < m_capacity; });
    if (m_cancelled) return false;
    m_full.push_back(std::move(batch));
    batch = AddressBatch();
    if (!m_free.empty()) {
        batch = std::move(m_free.back());
        m_free.pop_back();
    }
    m_changed.notify_all();
    return true;
}

void AddressImportQueue::finish(std::exception_ptr error) {
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_error = std::move(error);
    m_changed.notify_all();
}

bool AddressImportQueue::pop(AddressBatch& batch) {
    std::unique_lock lock(m_mutex);
    if (!batch.empty() && m_free.size() < m_capacity) m_free.push_back(std::move(batch));
    batch = AddressBatch();
    m_changed.wait(lock, [&] { return !m_full.empty() || m_finished; });
    // A reader's error wins over batches still queued: the import fails as a whole anyway.
    if (m_error) std::rethrow_exception(m_error);
    if (m_full.empty()) return false;
    batch = std::move(m_full.front());
    m_full.pop_front();
    m_changed.notify_all();
    return true;
}

void AddressImportQueue::cancel() {
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    m_changed.notify_all();
}

}  // namespace okrsek::service
