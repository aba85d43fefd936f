#pragma once

// A real SMTP server for tests, on 127.0.0.1 at a free port (Boost.Asio, its own thread):
// 220 greeting, EHLO/HELO (with 8BITMIME, PIPELINING-free, optional AUTH PLAIN), MAIL FROM,
// RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT. It records every message it accepts
// and can be told to fail the next messages: 421/451 (temporary), 550 (permanent), or to
// drop the connection after DATA without answering (a server that took the message and
// crashed before the client heard the 250).

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::test {

/// One message as the sink received it.
struct SinkMessage {
    std::string mail_from;                ///< the envelope sender, without <>
    std::vector<std::string> recipients;  ///< RCPT TO addresses, without <>
    std::string data;                     ///< the message, dot-unstuffed, CRLF line ends
    bool answered = true;  ///< false: the sink dropped the connection instead of replying

    /// The value of header `name` (case-insensitive), unfolded; std::nullopt when absent.
    std::optional<std::string> header(std::string_view name) const;
    /// The body: everything after the blank line that ends the headers.
    std::string body() const;
};

/// What the sink does with the end of a message's DATA.
enum class SinkFailure {
    reply_421,        ///< "421 closing": temporary, then the connection is closed
    reply_451,        ///< "451 try again later": temporary
    reply_550,        ///< "550 rejected": permanent
    drop_after_data,  ///< records the message, then closes without a reply
};

class SmtpSink {
public:
    /// Starts listening at once. With `user`, EHLO offers AUTH PLAIN and MAIL needs it.
    explicit SmtpSink(std::string user = {}, std::string password = {});
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    unsigned short port() const;
    /// "smtp://127.0.0.1:PORT".
    std::string url() const;

    /// The next `count` messages end with `failure` instead of "250".
    void fail_next(std::size_t count, SinkFailure failure);

    /// Every message accepted (and those dropped after DATA), in arrival order.
    std::vector<SinkMessage> messages() const;
    std::size_t message_count() const;
    /// Waits until at least `count` messages arrived; false on timeout.
    bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;
    /// Called (on the sink's thread) for every message recorded.
    void on_message(std::function<void(const SinkMessage&)> callback);

    struct State;  ///< the server's insides (smtp_sink.cpp)

private:
    std::shared_ptr<State> m_state;
};

/// Decodes quoted-printable (soft breaks removed, =XX decoded).
std::string decode_quoted_printable(std::string_view text);
/// Decodes one header value's RFC 2047 B-encoded UTF-8 words (joined, whitespace between
/// adjacent words dropped); other text is kept.
std::string decode_header_words(std::string_view value);

}  // namespace okrsek::test
