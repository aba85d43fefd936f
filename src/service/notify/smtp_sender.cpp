#include "service/notify/smtp_sender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "core/error.hpp"
#include "store/outbox_common.hpp"

namespace okrsek::service::notify {
namespace {

using core::Error;
using core::ErrorCode;

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw Error(ErrorCode::internal, "libcurl cannot initialise");
    });
}

struct Upload {
    const std::string* data = nullptr;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t left = upload->data->size() - upload->offset;
    const std::size_t n = std::min(room, left);
    std::memcpy(buffer, upload->data->data() + upload->offset, n);
    upload->offset += n;
    return n;
}

// Frees the recipient list however send() ends.
struct Recipients {
    curl_slist* list = nullptr;
    ~Recipients() { curl_slist_free_all(list); }
};

SendResult classify(CURLcode result, long code) {
    SendResult outcome;
    outcome.smtp_code = code;
    if (result == CURLE_OK) {
        outcome.outcome = SendOutcome::sent;
        return outcome;
    }
    // Only a failure reply's code says what went wrong (after a dropped connection the last
    // code may be DATA's 354).
    outcome.error = (code >= 400 ? "SMTP " + std::to_string(code) + ": " : std::string("SMTP: ")) +
                    curl_easy_strerror(result);
    // A refused login or TLS failure is the configuration's fault, not the message's: keep
    // the message and retry, so that fixing the settings delivers it.
    const bool configuration = result == CURLE_LOGIN_DENIED || result == CURLE_USE_SSL_FAILED;
    outcome.outcome = code >= 500 && code < 600 && !configuration ? SendOutcome::permanent_failure
                                                                  : SendOutcome::temporary_failure;
    return outcome;
}

}  // namespace

SmtpTls smtp_tls_from(std::string_view text) {
    if (text == "required") return SmtpTls::required;
    if (text == "optional") return SmtpTls::optional;
    if (text == "off") return SmtpTls::off;
    throw Error(ErrorCode::invalid_argument, "SMTP TLS must be required, optional or off",
                "smtp_tls");
}

SmtpSender::SmtpSender(SmtpSettings settings) : m_settings(std::move(settings)) {
    if (!m_settings.url.starts_with("smtp://") && !m_settings.url.starts_with("smtps://"))
        throw Error(ErrorCode::invalid_argument, "the SMTP URL must start with smtp:// or smtps://",
                    "smtp_url");
    store::outbox::check_address(m_settings.from, "smtp_from");
    global_init();
    m_curl = curl_easy_init();
    if (!m_curl) throw Error(ErrorCode::internal, "libcurl cannot make a handle");
}

SmtpSender::~SmtpSender() {
    curl_easy_cleanup(static_cast<CURL*>(m_curl));
}

SendResult SmtpSender::send(const std::string& recipient, const std::string& message) {
    auto* curl = static_cast<CURL*>(m_curl);
    // Reset drops the previous message's options but keeps the open connection.
    curl_easy_reset(curl);
    Upload upload{&message, 0};
    Recipients recipients;
    recipients.list = curl_slist_append(nullptr, ("<" + recipient + ">").c_str());
    const std::string from = "<" + m_settings.from + ">";
    curl_easy_setopt(curl, CURLOPT_URL, m_settings.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.list);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(m_settings.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_settings.timeout.count()));
    const long tls = m_settings.tls == SmtpTls::required   ? CURLUSESSL_ALL
                     : m_settings.tls == SmtpTls::optional ? CURLUSESSL_TRY
                                                           : CURLUSESSL_NONE;
    curl_easy_setopt(curl, CURLOPT_USE_SSL, tls);
    if (!m_settings.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, m_settings.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, m_settings.password.c_str());
    }
    const CURLcode result = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    return classify(result, code);
}

}  // namespace okrsek::service::notify
