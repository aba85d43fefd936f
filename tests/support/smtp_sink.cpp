#include "support/smtp_sink.hpp"

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace okrsek::test {
namespace {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

constexpr std::size_t max_line_bytes = 64 * 1024;
constexpr std::size_t max_message_bytes = 20 * 1024 * 1024;

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// "MAIL FROM:<a@b> SIZE=…" → "a@b".
std::string angle_address(std::string_view line) {
    const auto open = line.find('<');
    const auto close = line.find('>', open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) return {};
    return std::string(line.substr(open + 1, close - open - 1));
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

std::string decode_base64(std::string_view text) {
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : text) {
        const int value = base64_value(c);
        if (value < 0) continue;
        bits = (bits << 6) | static_cast<unsigned>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xff);
        }
    }
    return out;
}

}  // namespace

struct SmtpSink::State {
    asio::io_context io;
    tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::thread thread;
    std::string auth_plain;  // the decoded "\0user\0password" AUTH PLAIN must carry
    mutable std::mutex mutex;
    mutable std::condition_variable arrived;
    std::vector<SinkMessage> messages;
    std::deque<SinkFailure> failures;
    std::function<void(const SinkMessage&)> callback;

    std::optional<SinkFailure> next_failure() {
        std::lock_guard lock(mutex);
        if (failures.empty()) return std::nullopt;
        const auto failure = failures.front();
        failures.pop_front();
        return failure;
    }

    void record(SinkMessage message) {
        std::function<void(const SinkMessage&)> call;
        {
            std::lock_guard lock(mutex);
            messages.push_back(message);
            call = callback;
        }
        arrived.notify_all();
        if (call) call(message);
    }
};

namespace {

struct Connection {
    tcp::socket socket;
    std::string buffer;

    awaitable<void> send(std::string text) {
        co_await asio::async_write(socket, asio::buffer(text), use_awaitable);
    }

    awaitable<std::string> line() {
        const std::size_t n = co_await asio::async_read_until(
            socket, asio::dynamic_buffer(buffer, max_line_bytes), "\r\n", use_awaitable);
        std::string text = buffer.substr(0, n - 2);
        buffer.erase(0, n);
        co_return text;
    }
};

// Reads DATA up to the lone "." and undoes the client's dot-stuffing.
awaitable<std::string> read_data(Connection& connection) {
    std::string data;
    for (;;) {
        std::string text = co_await connection.line();
        if (text == ".") co_return data;
        if (text.starts_with('.')) text.erase(0, 1);
        data += text + "\r\n";
        if (data.size() > max_message_bytes) throw std::runtime_error("message too large");
    }
}

awaitable<void> session(SmtpSink::State* state, tcp::socket socket) {
    Connection connection{std::move(socket), {}};
    try {
        bool authenticated = state->auth_plain.empty();
        SinkMessage message;
        bool have_sender = false;
        co_await connection.send("220 okrsek-smtp-sink ready\r\n");
        for (;;) {
            const std::string line = co_await connection.line();
            const std::string verb = upper(line.substr(0, line.find(' ')));
            if (verb == "EHLO") {
                co_await connection.send(std::string("250-okrsek-smtp-sink\r\n250-8BITMIME\r\n") +
                                         (state->auth_plain.empty() ? "" : "250-AUTH PLAIN\r\n") +
                                         "250 SIZE 20971520\r\n");
            } else if (verb == "HELO") {
                co_await connection.send("250 okrsek-smtp-sink\r\n");
            } else if (verb == "AUTH") {
                std::string rest = line.size() > 11 ? line.substr(11) : std::string();
                if (upper(line.substr(0, 10)) != "AUTH PLAIN") {
                    co_await connection.send("504 only PLAIN\r\n");
                    continue;
                }
                if (rest.empty()) {
                    co_await connection.send("334 \r\n");
                    rest = co_await connection.line();
                }
                authenticated =
                    !state->auth_plain.empty() && decode_base64(rest) == state->auth_plain;
                co_await connection.send(authenticated ? "235 ok\r\n" : "535 denied\r\n");
            } else if (verb == "MAIL") {
                if (!authenticated) {
                    co_await connection.send("530 authentication required\r\n");
                    continue;
                }
                message = {};
                message.mail_from = angle_address(line);
                have_sender = true;
                co_await connection.send("250 ok\r\n");
            } else if (verb == "RCPT") {
                if (!have_sender) {
                    co_await connection.send("503 MAIL first\r\n");
                    continue;
                }
                message.recipients.push_back(angle_address(line));
                co_await connection.send("250 ok\r\n");
            } else if (verb == "DATA") {
                if (message.recipients.empty()) {
                    co_await connection.send("503 RCPT first\r\n");
                    continue;
                }
                co_await connection.send("354 end with <CRLF>.<CRLF>\r\n");
                message.data = co_await read_data(connection);
                have_sender = false;
                const auto failure = state->next_failure();
                if (!failure) {
                    state->record(std::move(message));
                    co_await connection.send("250 2.0.0 queued\r\n");
                } else if (*failure == SinkFailure::drop_after_data) {
                    message.answered = false;
                    state->record(std::move(message));
                    co_return;  // closes the connection without a reply
                } else if (*failure == SinkFailure::reply_421) {
                    co_await connection.send("421 4.3.2 shutting down\r\n");
                    co_return;
                } else if (*failure == SinkFailure::reply_451) {
                    co_await connection.send("451 4.3.0 try again later\r\n");
                } else {
                    co_await connection.send("550 5.7.1 message rejected\r\n");
                }
                message = {};
            } else if (verb == "RSET") {
                message = {};
                have_sender = false;
                co_await connection.send("250 ok\r\n");
            } else if (verb == "NOOP") {
                co_await connection.send("250 ok\r\n");
            } else if (verb == "QUIT") {
                co_await connection.send("221 bye\r\n");
                co_return;
            } else {
                co_await connection.send("502 command not implemented\r\n");
            }
        }
    } catch (const std::exception&) {
        // The client went away or sent too much: the connection ends.
    }
}

awaitable<void> accept_loop(SmtpSink::State* state) {
    for (;;) {
        tcp::socket socket = co_await state->acceptor.async_accept(use_awaitable);
        asio::co_spawn(state->io, session(state, std::move(socket)), asio::detached);
    }
}

}  // namespace

std::optional<std::string> SinkMessage::header(std::string_view name) const {
    const auto end = data.find("\r\n\r\n");
    const std::string head = data.substr(0, end == std::string::npos ? data.size() : end + 2);
    const std::string wanted = upper(name) + ":";
    std::size_t pos = 0;
    while (pos < head.size()) {
        auto line_end = head.find("\r\n", pos);
        if (line_end == std::string::npos) line_end = head.size();
        std::string line = head.substr(pos, line_end - pos);
        pos = line_end + 2;
        if (!upper(line).starts_with(wanted)) continue;
        std::string value = line.substr(wanted.size());
        // Folded continuation lines start with whitespace.
        while (pos < head.size() && (head[pos] == ' ' || head[pos] == '\t')) {
            auto next_end = head.find("\r\n", pos);
            if (next_end == std::string::npos) next_end = head.size();
            value += "\r\n" + head.substr(pos, next_end - pos);
            pos = next_end + 2;
        }
        const auto first = value.find_first_not_of(' ');
        return first == std::string::npos ? std::string() : value.substr(first);
    }
    return std::nullopt;
}

std::string SinkMessage::body() const {
    const auto end = data.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : data.substr(end + 4);
}

SmtpSink::SmtpSink(std::string user, std::string password) : m_state(std::make_shared<State>()) {
    if (!user.empty()) m_state->auth_plain = std::string(1, '\0') + user + '\0' + password;
    asio::co_spawn(m_state->io, accept_loop(m_state.get()), asio::detached);
    m_state->thread = std::thread([state = m_state.get()] { state->io.run(); });
}

SmtpSink::~SmtpSink() {
    m_state->io.stop();
    m_state->thread.join();
}

unsigned short SmtpSink::port() const {
    return m_state->acceptor.local_endpoint().port();
}

std::string SmtpSink::url() const {
    return "smtp://127.0.0.1:" + std::to_string(port());
}

void SmtpSink::fail_next(std::size_t count, SinkFailure failure) {
    std::lock_guard lock(m_state->mutex);
    for (std::size_t i = 0; i < count; ++i) m_state->failures.push_back(failure);
}

std::vector<SinkMessage> SmtpSink::messages() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->messages;
}

std::size_t SmtpSink::message_count() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->messages.size();
}

bool SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_state->mutex);
    return m_state->arrived.wait_for(lock, timeout,
                                     [&] { return m_state->messages.size() >= count; });
}

void SmtpSink::on_message(std::function<void(const SinkMessage&)> callback) {
    std::lock_guard lock(m_state->mutex);
    m_state->callback = std::move(callback);
}

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
        } else if (i + 2 < text.size() && text[i + 1] == '\r' && text[i + 2] == '\n') {
            i += 2;  // a soft line break
        } else if (i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

std::string decode_header_words(std::string_view value) {
    std::string out;
    std::size_t pos = 0;
    bool previous_word = false;
    while (pos < value.size()) {
        const auto start = value.find("=?", pos);
        if (start == std::string_view::npos) {
            out += value.substr(pos);
            break;
        }
        const std::string_view between = value.substr(pos, start - pos);
        const bool blank = between.find_first_not_of(" \t\r\n") == std::string_view::npos;
        if (!(previous_word && blank)) out += between;
        const auto end = value.find("?=", start + 2);
        const auto prefix = value.substr(start, 10);
        if (end == std::string_view::npos || upper(prefix) != "=?UTF-8?B?") {
            out += value.substr(start);
            break;
        }
        out += decode_base64(value.substr(start + 10, end - start - 10));
        pos = end + 2;
        previous_word = true;
    }
    return out;
}

}  // namespace okrsek::test
