// `okrsek outbox …`: the e-mail outbox (list, retry, cancel, a test message, one sending pass)
// and the SMTP options that `okrsek serve` shares.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/text_table.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace okrsek::cli {
namespace {

using core::Error;
using core::ErrorCode;

std::string read_password(const SmtpOptions& options) {
    if (!options.password_file.empty()) {
        std::ifstream file(options.password_file);
        if (!file)
            throw Error(ErrorCode::invalid_argument, "--smtp-password-file: cannot read the file",
                        "smtp_password_file");
        std::string password;
        std::getline(file, password);
        if (!password.empty() && password.back() == '\r') password.pop_back();
        return password;
    }
    const char* env = std::getenv("OKRSEK_SMTP_PASSWORD");
    return env ? env : "";
}

service::notify::SmtpSettings smtp_settings(const SmtpOptions& options) {
    service::notify::SmtpSettings settings;
    settings.url = options.url;
    settings.from = options.from;
    settings.from_name = options.from_name;
    settings.tls = service::notify::smtp_tls_from(options.tls);
    settings.user = options.user;
    if (!options.user.empty()) settings.password = read_password(options);
    settings.connect_timeout = std::chrono::seconds(options.connect_timeout_s);
    settings.timeout = std::chrono::seconds(options.timeout_s);
    return settings;
}

service::notify::OutboxWorkerSettings worker_settings(const SmtpOptions& options) {
    service::notify::OutboxWorkerSettings settings;
    settings.batch_size = options.batch_size;
    settings.lease = std::chrono::seconds(options.lease_s);
    settings.max_attempts = options.max_attempts;
    settings.poll_interval =
        std::chrono::milliseconds(static_cast<long>(options.poll_seconds * 1000));
    settings.retention = std::chrono::hours(24 * static_cast<long>(options.retention_days));
    return settings;
}

struct ListArguments {
    std::string state;
    std::string kind;
    std::size_t limit = 100;
    bool show_recipients = false;
};

Command add_outbox_list(CLI::App& group, const GlobalOptions& options) {
    auto args = std::make_shared<ListArguments>();
    auto* sub = group.add_subcommand("list", "messages in the outbox, newest first");
    sub->add_option("--state", args->state, "queued, sending, sent, failed or cancelled");
    sub->add_option("--kind", args->kind, "only messages of this kind");
    sub->add_option("--limit", args->limit, "at most this many")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    sub->add_flag("--show-recipients", args->show_recipients,
                  "show the recipients' addresses (recorded in the audit log)");
    return {sub, [&options, args] {
                store::OutboxFilter filter;
                if (!args->state.empty()) {
                    filter.state = store::outbox_state_from(args->state);
                    if (!filter.state)
                        throw Error(ErrorCode::invalid_argument,
                                    "--state must be queued, sending, sent, failed or cancelled",
                                    "state");
                }
                if (!args->kind.empty()) filter.kind = args->kind;
                filter.limit = args->limit;
                auto platform = open_platform(options);
                const auto records = platform->outbox().list(service::Principal::cli(), filter,
                                                             args->show_recipients);
                std::vector<std::string> header{"id",       "kind",         "state",
                                                "attempts", "next attempt", "last error"};
                if (args->show_recipients) header.push_back("recipient");
                std::vector<std::vector<std::string>> rows;
                for (const auto& record : records) {
                    std::vector<std::string> row{std::to_string(record.id),
                                                 record.kind,
                                                 std::string(store::to_string(record.state)),
                                                 std::to_string(record.attempts),
                                                 record.state == store::OutboxState::queued
                                                     ? core::to_iso8601_utc(record.next_attempt_at)
                                                     : "-",
                                                 record.last_error.value_or("-")};
                    if (args->show_recipients) row.push_back(record.recipient);
                    rows.push_back(std::move(row));
                }
                print_table(std::cout, header, rows);
            }};
}

Command add_retry(CLI::App& group, const GlobalOptions& options) {
    auto id = std::make_shared<std::int64_t>(0);
    auto* sub = group.add_subcommand("retry", "send a queued, failed or cancelled message now");
    sub->add_option("ID", *id, "the message's id")->required();
    return {sub, [&options, id] {
                auto platform = open_platform(options);
                platform->outbox().retry(service::Principal::cli(), *id);
                std::cout << "message " << *id << " queued\n";
            }};
}

Command add_cancel(CLI::App& group, const GlobalOptions& options) {
    auto id = std::make_shared<std::int64_t>(0);
    auto* sub = group.add_subcommand("cancel", "do not send a queued or failed message");
    sub->add_option("ID", *id, "the message's id")->required();
    return {sub, [&options, id] {
                auto platform = open_platform(options);
                platform->outbox().cancel(service::Principal::cli(), *id);
                std::cout << "message " << *id << " cancelled\n";
            }};
}

Command add_send_test(CLI::App& group, const GlobalOptions& options) {
    auto address = std::make_shared<std::string>();
    auto* sub = group.add_subcommand("send-test", "queue a test message to ADDRESS");
    sub->add_option("ADDRESS", *address, "where to send it")->required();
    return {sub, [&options, address] {
                auto platform = open_platform(options);
                const auto id = platform->outbox().send_test(service::Principal::cli(), *address);
                std::cout << "test message " << id << " queued\n";
            }};
}

Command add_run_once(CLI::App& group, const GlobalOptions& options) {
    auto smtp = std::make_shared<SmtpOptions>();
    auto* sub = group.add_subcommand("run-once", "send every message due now, then exit");
    add_smtp_options(sub, *smtp);
    return {sub, [&options, smtp] {
                if (smtp->url.empty())
                    throw Error(ErrorCode::invalid_argument, "--smtp-url is required", "smtp_url");
                auto platform = open_platform(options);
                auto worker = make_outbox_worker(*platform, *smtp);
                const auto result = worker->run_once();
                std::cout << "sent " << result.sent << ", to retry " << result.retried
                          << ", failed " << result.failed << '\n';
            }};
}

}  // namespace

void add_smtp_options(CLI::App* command, SmtpOptions& options) {
    command
        ->add_option("--smtp-url", options.url, "SMTP server: smtp://host:587 or smtps://host:465")
        ->envname("OKRSEK_SMTP_URL");
    command->add_option("--smtp-from", options.from, "sender address of every e-mail")
        ->envname("OKRSEK_SMTP_FROM");
    command->add_option("--smtp-from-name", options.from_name, "sender name")
        ->envname("OKRSEK_SMTP_FROM_NAME")
        ->capture_default_str();
    command->add_option("--smtp-tls", options.tls, "STARTTLS: required, optional or off")
        ->envname("OKRSEK_SMTP_TLS")
        ->check(CLI::IsMember({"required", "optional", "off"}))
        ->capture_default_str();
    command->add_option("--smtp-user", options.user, "SMTP AUTH user (empty: no AUTH)")
        ->envname("OKRSEK_SMTP_USER");
    command
        ->add_option("--smtp-password-file", options.password_file,
                     "file holding the SMTP password (else $OKRSEK_SMTP_PASSWORD)")
        ->envname("OKRSEK_SMTP_PASSWORD_FILE");
    command
        ->add_option("--smtp-connect-timeout-s", options.connect_timeout_s,
                     "give up connecting after this long")
        ->check(CLI::Range(1u, 300u))
        ->capture_default_str();
    command
        ->add_option("--smtp-timeout-s", options.timeout_s, "give up one message after this long")
        ->check(CLI::Range(1u, 3600u))
        ->capture_default_str();
    command
        ->add_option("--outbox-worker", options.worker,
                     "send e-mail from this process (false: leave it to other servers or "
                     "okrsek outbox run-once)")
        ->envname("OKRSEK_OUTBOX_WORKER")
        ->capture_default_str();
    command->add_option("--outbox-batch-size", options.batch_size, "messages claimed at once")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    command
        ->add_option("--outbox-lease-s", options.lease_s,
                     "a claimed message returns to the queue after this long if its sender "
                     "died")
        ->check(CLI::Range(1u, 24u * 3600u))
        ->capture_default_str();
    command
        ->add_option("--outbox-max-attempts", options.max_attempts,
                     "attempts before a message counts as failed")
        ->check(CLI::Range(1u, 100u))
        ->capture_default_str();
    command
        ->add_option("--outbox-poll-seconds", options.poll_seconds,
                     "how often an idle worker looks for due messages")
        ->check(CLI::Range(0.05, 3600.0))
        ->capture_default_str();
    command
        ->add_option("--outbox-retention-days", options.retention_days,
                     "remove the bodies of messages sent this long ago (0: keep)")
        ->check(CLI::Range(0u, 3650u))
        ->capture_default_str();
}

std::unique_ptr<service::notify::OutboxWorker> make_outbox_worker(service::Platform& platform,
                                                                  const SmtpOptions& options) {
    if (options.url.empty()) return nullptr;
    if (options.from.empty())
        throw Error(ErrorCode::invalid_argument, "--smtp-from is required with --smtp-url",
                    "smtp_from");
    return std::make_unique<service::notify::OutboxWorker>(
        platform.outbox().store(), platform.outbox().clock(), smtp_settings(options),
        worker_settings(options));
}

Command add_outbox_command(CLI::App& app, const GlobalOptions& options) {
    auto* outbox = app.add_subcommand("outbox", "the e-mail outbox");
    outbox->require_subcommand(1);
    return command_group(outbox, {add_outbox_list(*outbox, options), add_retry(*outbox, options),
                                  add_cancel(*outbox, options), add_send_test(*outbox, options),
                                  add_run_once(*outbox, options)});
}

}  // namespace okrsek::cli
