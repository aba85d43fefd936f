#include "http/session.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "core/error.hpp"
#include "http/api_handlers.hpp"
#include "http/client_address.hpp"
#include "http/report_handlers.hpp"
#include "http/security_headers.hpp"

namespace okrsek::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

Session::Session(boost::asio::ip::tcp::socket&& socket, const SessionContext& context)
    : m_stream(std::move(socket)), m_context(context) {
    beast::error_code ec;
    const auto endpoint = m_stream.socket().remote_endpoint(ec);
    if (!ec) m_peer = endpoint.address();
}

void Session::start() {
    boost::asio::dispatch(m_stream.get_executor(),
                          beast::bind_front_handler(&Session::read_request, shared_from_this()));
}

void Session::close_if_idle() {
    boost::asio::post(m_stream.get_executor(), [self = shared_from_this()] {
        if (self->m_idle) self->close();
    });
}

void Session::read_request() {
    if (m_context.stopping) return close();
    m_idle = true;
    m_parser.emplace();
    // Beast checks a Content-Length against the limit while it reads the header, so the
    // header is read under the largest limit and on_header narrows it per route.
    m_parser->body_limit(std::max(m_context.max_body_bytes, max_upload_body_bytes));
    m_parser->header_limit(static_cast<std::uint32_t>(m_context.max_header_bytes));
    m_stream.expires_after(m_context.read_timeout);
    bhttp::async_read_header(m_stream, m_buffer, *m_parser,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

// Photo uploads (PUT …/photo under the back office) may be larger than any other body; the
// limit is chosen from the request line before a byte of the body is read.
void Session::on_header(beast::error_code ec, std::size_t bytes) {
    if (ec) return on_read(ec, bytes);
    const auto& header = m_parser->get();
    const std::string_view target(header.target().data(), header.target().size());
    const std::string_view path = target.substr(0, target.find('?'));
    const bool upload = (header.method() == bhttp::verb::put &&
                         path.starts_with("/api/v1/admin/") && path.ends_with("/photo")) ||
                        is_report_photo_upload(header.method(), path);
    const std::uint64_t limit = upload ? std::max(m_context.max_body_bytes, max_upload_body_bytes)
                                       : m_context.max_body_bytes;
    const auto length = m_parser->content_length();
    if (length && *length > limit) return on_read(bhttp::error::body_limit, bytes);
    m_parser->body_limit(limit);  // a chunked body is counted as it arrives
    bhttp::async_read(m_stream, m_buffer, *m_parser,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

Response Session::answer(const bhttp::request<Body>& message) {
    Request request;
    request.method = message.method();
    parse_target(std::string_view(message.target().data(), message.target().size()), request);
    request.client_address =
        client_address(m_peer, message["X-Forwarded-For"], m_context.trusted_proxies);
    if ((request.path.starts_with("/api/") || request.path.starts_with("/open311/")) &&
        !m_context.rate_limiter.allow(request.client_address, std::chrono::steady_clock::now())) {
        Response response =
            error_response(core::ErrorCode::rate_limited, "too many requests; slow down and retry");
        response.headers.emplace_back("Retry-After", "1");
        return response;
    }
    request.body = message.body();
    request.content_type = std::string(message[bhttp::field::content_type]);
    request.accept_language = std::string(message[bhttp::field::accept_language]);
    request.cookie = std::string(message[bhttp::field::cookie]);
    request.csrf_token = std::string(message["X-CSRF-Token"]);
    request.authorization = std::string(message[bhttp::field::authorization]);
    request.user_agent = std::string(message[bhttp::field::user_agent]);
    request.if_none_match = std::string(message[bhttp::field::if_none_match]);
    // Only a trusted proxy may say that the client used HTTPS.
    request.secure =
        is_trusted(m_peer, m_context.trusted_proxies) && message["X-Forwarded-Proto"] == "https";
    return m_context.application.handle(request);
}

void Session::on_read(beast::error_code ec, std::size_t) {
    m_idle = false;
    if (ec == bhttp::error::end_of_stream) return close();
    if (ec == bhttp::error::body_limit) {
        return send(error_response(core::ErrorCode::payload_too_large,
                                   "the request body is larger than allowed", "body"),
                    false, false);
    }
    if (ec == bhttp::error::header_limit) {
        return send(error_response(431, "headers_too_large", "the request headers are too large"),
                    false, false);
    }
    if (ec == beast::error::timeout || ec == boost::asio::error::operation_aborted) return close();
    if (ec) {
        if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
            return send(error_response(400, "bad_request", "malformed HTTP request"), false, false);
        }
        return close();
    }
    const auto& message = m_parser->get();
    const auto started = std::chrono::steady_clock::now();
    Response response;
    try {
        response = answer(message);
    } catch (const core::Error& error) {
        response = error_response(error);
    }
    if (spdlog::should_log(spdlog::level::debug)) {
        // The path only: a query can hold a citizen's position, so it is never logged; nor is
        // a tracking token in the path (loggable_path).
        const std::string_view target(message.target().data(), message.target().size());
        spdlog::debug("{} {} {} {}us", std::string(bhttp::to_string(message.method())),
                      loggable_path(target.substr(0, target.find('?'))), response.status,
                      std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count());
    }
    send(std::move(response), message.keep_alive() && !m_context.stopping,
         message.method() == bhttp::verb::head);
}

void Session::send(Response response, bool keep_alive, bool head_only) {
    m_response = {};
    m_response.result(response.status);
    m_response.version(11);
    m_response.set(bhttp::field::server, "okrsek");
    if (!response.content_type.empty()) {
        m_response.set(bhttp::field::content_type, response.content_type);
    }
    add_security_headers(response, false);  // for answers made here, not by Application
    // insert, not set: a response may carry several Set-Cookie headers.
    for (const auto& [name, value] : response.headers) m_response.insert(name, value);
    m_response.keep_alive(keep_alive);
    if (head_only) {
        m_response.content_length(response.payload().size());
    } else {
        m_response.body() = response.shared_body ? *response.shared_body : std::move(response.body);
        m_response.prepare_payload();
    }
    m_stream.expires_after(m_context.read_timeout);
    bhttp::async_write(
        m_stream, m_response,
        beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
}

void Session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return close();
    if (!keep_alive) return linger();
    read_request();
}

// After an answer that ends the connection (e.g. 413 while the client is still sending its body),
// stop sending and read what the client still sends for a moment before closing: closing with
// unread data would reset the connection and the client might never see the answer.
void Session::linger() {
    beast::error_code ignored;
    m_stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    m_stream.expires_after(std::chrono::seconds(2));
    m_stream.async_read_some(boost::asio::buffer(m_discard),
                             beast::bind_front_handler(&Session::on_linger, shared_from_this()));
}

void Session::on_linger(beast::error_code ec, std::size_t bytes) {
    constexpr std::size_t max_discarded_bytes = 16u * 1024u * 1024u;
    m_discarded += bytes;
    if (ec || m_discarded > max_discarded_bytes) return close();
    m_stream.async_read_some(boost::asio::buffer(m_discard),
                             beast::bind_front_handler(&Session::on_linger, shared_from_this()));
}

void Session::close() {
    beast::error_code ignored;
    m_stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    m_stream.socket().close(ignored);
}

}  // namespace okrsek::http
