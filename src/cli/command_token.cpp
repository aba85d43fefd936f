// `okrsek token …`: machine tokens (API keys for Open311 clients and import jobs). Only a hash
// of a token is stored: the token itself goes to standard output once, when it is created.
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/text_table.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace okrsek::cli {
namespace {

std::string optional_time(const std::optional<store::TimePoint>& time, const char* none) {
    return time ? core::to_iso8601_utc(*time) : none;
}

nlohmann::json optional_time_json(const std::optional<store::TimePoint>& time) {
    return time ? nlohmann::json(core::to_iso8601_utc(*time)) : nlohmann::json(nullptr);
}

// "active", "revoked" or "expired", as of `now`.
std::string state_of(const store::ApiToken& token, store::TimePoint now) {
    if (token.revoked_at) return "revoked";
    if (token.expires_at && *token.expires_at <= now) return "expired";
    return "active";
}

nlohmann::json token_json(const store::ApiToken& token, store::TimePoint now) {
    return {{"id", token.id},
            {"name", token.name},
            {"scope", token.scope},
            {"municipality", token.municipality_code ? nlohmann::json(*token.municipality_code)
                                                     : nlohmann::json(nullptr)},
            {"state", state_of(token, now)},
            {"created_at", core::to_iso8601_utc(token.created_at)},
            {"expires_at", optional_time_json(token.expires_at)},
            {"last_used_at", optional_time_json(token.last_used_at)},
            {"revoked_at", optional_time_json(token.revoked_at)}};
}

void print_tokens(const std::vector<store::ApiToken>& tokens, store::TimePoint now) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& token : tokens) {
        rows.push_back({std::to_string(token.id), token.name, token.scope,
                        token.municipality_code ? std::to_string(*token.municipality_code) : "-",
                        state_of(token, now), core::to_iso8601_utc(token.created_at),
                        optional_time(token.expires_at, "never"),
                        optional_time(token.last_used_at, "never")});
    }
    print_table(std::cout,
                {"id", "name", "scope", "municipality", "state", "created", "expires", "last used"},
                rows);
}

struct CreateArguments {
    std::string name;
    std::string scope;
    std::int64_t municipality = 0;
    unsigned expires_days = 0;
};

Command add_create(CLI::App& group, const GlobalOptions& options) {
    auto args = std::make_shared<CreateArguments>();
    auto* sub = group.add_subcommand("create", "issue a machine token (printed once)");
    sub->add_option("--name", args->name, "what the token is for (e.g. 'Open311 app')")->required();
    sub->add_option("--scope", args->scope, "what it may do: open311 or import")->required();
    auto* town = sub->add_option("--municipality", args->municipality,
                                 "only for this town (RÚIAN code; default every town)");
    auto* expires = sub->add_option("--expires-days", args->expires_days,
                                    "valid for this many days (default: until revoked)")
                        ->check(CLI::Range(1U, 36500U));
    return {sub, [&options, args, town, expires] {
                service::NewMachineToken wanted;
                wanted.name = args->name;
                wanted.scope = args->scope;
                if (town->count()) wanted.municipality_code = args->municipality;
                if (expires->count()) {
                    wanted.expires_at = std::chrono::system_clock::now() +
                                        std::chrono::hours(24) * args->expires_days;
                }
                auto platform = open_platform(options);
                const auto issued =
                    platform->accounts().create_token(service::Principal::cli(), wanted);
                std::cout << issued.secret << '\n' << std::flush;
                std::cerr << "machine token " << issued.token.id << " created (scope "
                          << issued.token.scope << ", expires "
                          << optional_time(issued.token.expires_at, "never")
                          << "); it cannot be shown again: store it now\n";
            }};
}

Command add_token_list(CLI::App& group, const GlobalOptions& options) {
    auto json = std::make_shared<bool>(false);
    auto* sub = group.add_subcommand("list", "list machine tokens (never the tokens themselves)");
    sub->add_flag("--json", *json, "print a JSON array instead of a table");
    return {sub, [&options, json] {
                auto platform = open_platform(options);
                const auto tokens = platform->accounts().tokens(service::Principal::cli());
                const auto now = std::chrono::system_clock::now();
                if (*json) {
                    nlohmann::json out = nlohmann::json::array();
                    for (const auto& token : tokens) out.push_back(token_json(token, now));
                    std::cout << out.dump(2) << '\n';
                } else {
                    print_tokens(tokens, now);
                }
            }};
}

struct RevokeArguments {
    std::int64_t id = 0;
    std::string reason;
};

Command add_revoke(CLI::App& group, const GlobalOptions& options) {
    auto args = std::make_shared<RevokeArguments>();
    auto* sub = group.add_subcommand("revoke", "withdraw a machine token at once");
    sub->add_option("ID", args->id, "the token's id (okrsek token list)")->required();
    sub->add_option("--reason", args->reason, "why (kept in the audit log)")->required();
    return {sub, [&options, args] {
                service::required_reason(args->reason);
                auto platform = open_platform(options);
                platform->accounts().revoke_token(service::Principal::cli(), args->id,
                                                  args->reason);
                std::cout << "revoked machine token " << args->id << '\n';
            }};
}

}  // namespace

Command add_token_command(CLI::App& app, const GlobalOptions& options) {
    auto* token = app.add_subcommand("token", "machine tokens for Open311 clients and imports");
    token->require_subcommand(1);
    return command_group(token, {add_create(*token, options), add_token_list(*token, options),
                                 add_revoke(*token, options)});
}

}  // namespace okrsek::cli
