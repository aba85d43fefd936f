#pragma once

// Sending one e-mail to an SMTP server with libcurl (the only code that includes curl.h).

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace okrsek::service::notify {

/// STARTTLS on an smtp:// URL: required (refuse to send in clear), optional (use it when the
/// server offers it), off. An smtps:// URL always speaks TLS from the start.
enum class SmtpTls { required, optional, off };

/// "required", "optional", "off"; std::nullopt-like failure: throws invalid_argument (field
/// "smtp_tls") for other text.
SmtpTls smtp_tls_from(std::string_view text);

struct SmtpSettings {
    std::string url{};        ///< "smtp://host:587" or "smtps://host:465"
    std::string from{};       ///< envelope sender and From address
    std::string from_name{};  ///< display name in From
    SmtpTls tls = SmtpTls::required;
    std::string user{};      ///< empty: no AUTH
    std::string password{};  ///< never logged, never stored
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds timeout{60000};  ///< the whole transaction
};

enum class SendOutcome { sent, temporary_failure, permanent_failure };

struct SendResult {
    SendOutcome outcome = SendOutcome::temporary_failure;
    long smtp_code = 0;  ///< the server's last reply code; 0 when none came
    /// "SMTP 451: …" with libcurl's generic text for the failure: never the server's reply
    /// text, which may quote an address. Empty when sent.
    std::string error{};
};

/// One SMTP client. Keeps its connection open between messages (libcurl reuses it). Not
/// thread-safe: one per worker thread.
class SmtpSender {
public:
    /// Throws invalid_argument (field "smtp_url") unless the URL is smtp:// or smtps://,
    /// (field "smtp_from") for a sender that is not one address.
    explicit SmtpSender(SmtpSettings settings);
    ~SmtpSender();
    SmtpSender(const SmtpSender&) = delete;
    SmtpSender& operator=(const SmtpSender&) = delete;

    const SmtpSettings& settings() const { return m_settings; }

    /// Sends `message` (RFC 5322 text with CRLF, see build_mail) to `recipient`. A 250 after
    /// DATA is `sent`; a 5xx reply (but for a refused login, a problem of the configuration)
    /// is permanent; everything else (4xx, no connection, a timeout, a dropped connection) is
    /// temporary.
    SendResult send(const std::string& recipient, const std::string& message);

private:
    SmtpSettings m_settings;
    void* m_curl = nullptr;  // CURL*, kept out of this header
};

}  // namespace okrsek::service::notify
