#include "http/answer_cache.hpp"

namespace okrsek::http {

std::string AnswerCache::key_of(const Request& request) {
    // Separators that a decoded path or parameter cannot confuse with its own text would need
    // escaping; the lengths make the key unambiguous instead.
    std::string key = std::to_string(request.path.size()) + ':' + request.path;
    for (const auto& [name, value] : request.query) {
        key += '&' + std::to_string(name.size()) + ':' + name + '=' + std::to_string(value.size()) +
               ':' + value;
    }
    return key;
}

std::shared_ptr<const CachedAnswer> AnswerCache::find(const std::string& key,
                                                      const std::string& data_version,
                                                      Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    const auto found = m_index.find(key);
    if (found == m_index.end()) return nullptr;
    const auto at = found->second;
    if (at->data_version != data_version || now - at->stored_at >= m_limits.max_age) {
        erase(at);
        return nullptr;
    }
    m_order.splice(m_order.begin(), m_order, at);
    return at->answer;
}

void AnswerCache::store(const std::string& key, const std::string& data_version,
                        std::shared_ptr<const CachedAnswer> answer, Clock::time_point now) {
    const std::size_t size = answer->body.size();
    std::lock_guard lock(m_mutex);
    if (const auto found = m_index.find(key); found != m_index.end()) erase(found->second);
    if (size > m_limits.max_entry_bytes || m_limits.max_entries == 0) return;
    while (!m_order.empty() &&
           (m_order.size() >= m_limits.max_entries || m_bytes + size > m_limits.max_bytes)) {
        erase(std::prev(m_order.end()));
    }
    m_order.push_front({key, data_version, now, std::move(answer)});
    m_index.emplace(key, m_order.begin());
    m_bytes += size;
}

std::size_t AnswerCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_order.size();
}

std::size_t AnswerCache::bytes() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

void AnswerCache::erase(Order::iterator at) {
    m_bytes -= at->answer->body.size();
    m_index.erase(at->key);
    m_order.erase(at);
}

}  // namespace okrsek::http
