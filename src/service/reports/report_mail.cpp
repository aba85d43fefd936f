#include "service/reports/report_mail.hpp"

#include "service/reports/report_states.hpp"

namespace okrsek::service::reports {

namespace {

std::string base_url_report_mail(const ReportSettings& settings) {
    std::string url = settings.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

bool english(std::string_view language) {
    return mail_language(language) == "en";
}

std::string category_name(const MailFacts& facts, std::string_view language) {
    return english(language) ? facts.category_name_en : facts.category_name_cs;
}

// "Kategorie: …\nMísto: …\nOkrsek: …\n" in the mail's language.
std::string facts_block(const MailFacts& facts, std::string_view language) {
    const bool en = english(language);
    std::string out = (en ? "Category: " : "Kategorie: ") + category_name(facts, language) + "\n";
    if (!facts.address_text.empty()) {
        out += (en ? "Place: " : "Místo: ") + facts.address_text + "\n";
    }
    out += (en ? "District: " : "Okrsek: ") +
           (facts.district_name.empty() ? std::string(en ? "outside every district" : "mimo okrsky")
                                        : facts.district_name) +
           "\n";
    if (!facts.owner_name.empty()) {
        out += (en ? "Responsible: " : "Odpovídá: ") + facts.owner_name + "\n";
    }
    return out;
}

}  // namespace

std::string_view mail_language(std::string_view language) noexcept {
    return language == "en" ? "en" : "cs";
}

std::string tracking_link(const ReportSettings& settings, std::string_view tracking_token) {
    return base_url_report_mail(settings) + "/report.html#t=" + std::string(tracking_token);
}

std::string confirm_link(const ReportSettings& settings, std::string_view confirm_token) {
    return base_url_report_mail(settings) + "/report.html#confirm=" + std::string(confirm_token);
}

std::string public_link(const ReportSettings& settings, std::int64_t report_id) {
    return base_url_report_mail(settings) + "/report.html#id=" + std::to_string(report_id);
}

std::string admin_link(const ReportSettings& settings, std::int64_t report_id) {
    return base_url_report_mail(settings) + "/admin/#/reports/" + std::to_string(report_id);
}

std::string report_subject(std::string_view language, std::int64_t report_id,
                           std::string_view topic) {
    return (english(language) ? "[okrsek] Report no. " : "[okrsek] Hlášení č. ") +
           std::to_string(report_id) + ": " + std::string(topic);
}

std::string reporter_footer(std::string_view language) {
    if (english(language)) {
        return "\n--\nYou receive this e-mail because you made a report on the okrsek portal.\n"
               "The tracking link from the first e-mail about this report shows its whole "
               "history; there you can add information or reopen it.\n";
    }
    return "\n--\nTento e-mail dostáváte, protože jste podali hlášení na portálu okrsek.\n"
           "Odkaz pro sledování z prvního e-mailu k tomuto hlášení ukazuje celou jeho historii; "
           "tam můžete doplnit informace nebo je znovu otevřít.\n";
}

std::string staff_footer(const ReportSettings& settings, std::int64_t report_id) {
    return "\nV administraci / In the back office: " + admin_link(settings, report_id) +
           "\n--\nTento e-mail dostáváte jako odpovědná osoba za hlášení v okrsku.\n"
           "You receive this e-mail as a person responsible for reports in the district.\n";
}

store::OutboxMessage outbox_message(std::string kind, std::int64_t municipality_code,
                                    std::string recipient, std::string subject, std::string body,
                                    std::optional<std::string> dedupe_key) {
    store::OutboxMessage message;
    message.kind = std::move(kind);
    message.municipality_code = municipality_code;
    message.recipient = std::move(recipient);
    message.subject = std::move(subject);
    message.body = std::move(body);
    message.dedupe_key = std::move(dedupe_key);
    return message;
}

store::OutboxMessage submission_mail(const ReportSettings& settings, const MailFacts& facts,
                                     std::string_view language, std::string recipient,
                                     std::string_view tracking_token,
                                     std::optional<std::string_view> confirm_token) {
    const bool en = english(language);
    std::string body = en ? "Thank you for your report. We have received it.\n\n"
                          : "Děkujeme za vaše hlášení, přijali jsme ho.\n\n";
    body += facts_block(facts, language);
    if (confirm_token) {
        body += en ? "\nPlease confirm your report with this link; until then only the police "
                     "and the town's staff see it:\n"
                   : "\nPotvrďte prosím hlášení tímto odkazem; do té doby je vidí jen policie a "
                     "pracovníci města:\n";
        body += confirm_link(settings, *confirm_token) + "\n";
    }
    body += en ? "\nFollow your report, add information or reopen it (keep this link to "
                 "yourself):\n"
               : "\nSledujte své hlášení, doplňte informace nebo je znovu otevřete (odkaz "
                 "nikomu nepředávejte):\n";
    body += tracking_link(settings, tracking_token) + "\n";
    body += en ? "\nIn an emergency call 112, 158 (police) or 156 (municipal police).\n"
               : "\nV naléhavé situaci volejte 112, 158 (policie) nebo 156 (městská policie).\n";
    body += reporter_footer(language);
    return outbox_message(
        "report.confirmation", facts.municipality_code, std::move(recipient),
        report_subject(language, facts.report_id,
                       en ? "received" + std::string(confirm_token ? ", please confirm" : "")
                          : "přijato" + std::string(confirm_token ? ", prosíme o potvrzení" : "")),
        std::move(body), "report." + std::to_string(facts.report_id) + ".confirmation");
}

store::OutboxMessage owner_new_report_mail(const ReportSettings& settings, const MailFacts& facts,
                                           std::string recipient, bool pending) {
    std::string body = "Nové hlášení občana / A new citizen report:\n\n" + facts_block(facts, "cs");
    body += "\n" + facts.description + "\n";
    if (pending) {
        body +=
            "\nHlášení čeká na potvrzení oznamovatelem nebo schválení (fronta moderace).\n"
            "The report awaits the reporter's confirmation or approval (moderation queue).\n";
    }
    body += staff_footer(settings, facts.report_id);
    return outbox_message("report.owner.new", facts.municipality_code, std::move(recipient),
                          report_subject("cs", facts.report_id, "nové hlášení / new report"),
                          std::move(body));
}

store::OutboxMessage owner_citizen_mail(const ReportSettings& settings, const MailFacts& facts,
                                        std::string recipient, std::string_view what,
                                        std::string_view text) {
    std::string topic;
    std::string intro;
    if (what == "reopened") {
        topic = "znovu otevřeno / reopened";
        intro =
            "Oznamovatel hlášení znovu otevřel s odůvodněním:\n"
            "The reporter reopened the report, giving this reason:\n\n";
    } else if (what == "fixed_confirmed") {
        topic = "oznamovatel potvrdil nápravu / the reporter confirmed the fix";
        intro =
            "Oznamovatel potvrdil, že je věc napravena.\n"
            "The reporter confirmed that the matter is fixed.\n";
    } else {
        topic = "doplnění od oznamovatele / the reporter added information";
        intro = "Oznamovatel doplnil / The reporter added:\n\n";
    }
    std::string body = intro + std::string(text) + "\n\n" + facts_block(facts, "cs");
    body += staff_footer(settings, facts.report_id);
    return outbox_message("report.owner." + std::string(what), facts.municipality_code,
                          std::move(recipient), report_subject("cs", facts.report_id, topic),
                          std::move(body));
}

store::OutboxMessage owner_assigned_mail(const ReportSettings& settings, const MailFacts& facts,
                                         std::string recipient) {
    std::string body = "Bylo vám přiděleno hlášení / A report was assigned to you:\n\n" +
                       facts_block(facts, "cs") + "\n" + facts.description + "\n";
    body += staff_footer(settings, facts.report_id);
    return outbox_message("report.owner.assigned", facts.municipality_code, std::move(recipient),
                          report_subject("cs", facts.report_id, "přiděleno vám / assigned to you"),
                          std::move(body));
}

store::OutboxMessage reporter_update_mail(const ReportSettings& settings, const MailFacts& facts,
                                          std::string_view language, std::string recipient,
                                          const store::ReportUpdate& update,
                                          store::ReportState state) {
    const bool en = english(language);
    std::string body =
        en ? "There is news about your report.\n\n" : "K vašemu hlášení je novinka.\n\n";
    body += (en ? "State: " : "Stav: ") + std::string(state_label(state, language)) + "\n";
    body += facts_block(facts, language);
    if (!update.body.empty()) {
        body += "\n";
        if (update.author_name) body += *update.author_name + ":\n";
        body += update.body + "\n";
    }
    body += en ? "\nThe report on the portal: " : "\nHlášení na portálu: ";
    body += public_link(settings, facts.report_id) + "\n";
    body += reporter_footer(language);
    return outbox_message("report.update", facts.municipality_code, std::move(recipient),
                          report_subject(language, facts.report_id, state_label(state, language)),
                          std::move(body));
}

}  // namespace okrsek::service::reports
