#include "service/reports/report_defaults.hpp"

#include "service/reports/report_impl.hpp"

namespace okrsek::service::reports {

namespace {

constexpr const char* time_of_day_field = R"([{"key": "time_of_day", "type": "time_of_day",
 "label_cs": "Kdy se tam necítíte bezpečně", "label_en": "When you feel unsafe there",
 "required": false}])";

store::CategoryFields category(std::int64_t town, const char* code, const char* name_cs,
                               const char* name_en, const char* role, std::int64_t first_days,
                               std::int64_t resolution_days, std::int64_t order) {
    store::CategoryFields fields;
    fields.municipality_code = town;
    fields.code = code;
    fields.name_cs = name_cs;
    fields.name_en = name_en;
    fields.owner_role_code = role;
    fields.first_response_days = first_days;
    fields.resolution_days = resolution_days;
    fields.sort_order = order;
    return fields;
}

}  // namespace

std::vector<store::CategoryFields> default_categories(std::int64_t town) {
    std::vector<store::CategoryFields> list;
    auto unsafe = category(town, "unsafe_place", "Místo, kde se necítím bezpečně",
                           "A place where I feel unsafe", "state_police_officer", 3, 30, 10);
    unsafe.description_cs =
        "Tmavé zákoutí, opuštěný objekt, místo, kde se scházejí lidé, "
        "kterých se bojíte.";
    unsafe.description_en =
        "A dark corner, a derelict building, a place where people you are "
        "afraid of gather.";
    unsafe.extra_fields_json = time_of_day_field;
    list.push_back(std::move(unsafe));
    auto noise = category(town, "night_disturbance", "Noční rušení klidu", "Disturbance at night",
                          "municipal_police_officer", 2, 20, 20);
    noise.guidance_cs = "Probíhá-li rušení právě teď, volejte městskou policii na 156.";
    noise.guidance_en = "If the disturbance is happening now, call the municipal police on 156.";
    list.push_back(std::move(noise));
    auto syringes = category(town, "syringes", "Pohozené injekční stříkačky", "Discarded syringes",
                             "municipal_police_officer", 1, 5, 30);
    syringes.guidance_cs = "Stříkaček se nedotýkejte.";
    syringes.guidance_en = "Do not touch the syringes.";
    list.push_back(std::move(syringes));
    list.push_back(category(town, "vandalism", "Vandalismus", "Vandalism",
                            "municipal_police_officer", 2, 20, 40));
    list.push_back(category(town, "traffic_danger", "Nebezpečí v dopravě", "Traffic danger",
                            "state_police_officer", 2, 30, 50));
    list.push_back(category(town, "other", "Jiné", "Other", "councillor", 3, 30, 90));
    auto vehicle = category(town, "abandoned_vehicle", "Opuštěné vozidlo", "Abandoned vehicle",
                            "municipal_police_officer", 5, 60, 100);
    vehicle.accepts_reports = false;
    vehicle.guidance_cs =
        "Opuštěná vozidla řeší odbor dopravy městského úřadu; obraťte se "
        "prosím přímo na něj.";
    vehicle.guidance_en =
        "Abandoned vehicles are handled by the transport department of the "
        "town hall; please contact it directly.";
    list.push_back(std::move(vehicle));
    return list;
}

std::vector<store::ReportLevel> default_levels(std::int64_t town) {
    static constexpr const char* codes[] = {"police_leadership", "coordination_meeting",
                                            "security_commission", "council"};
    static constexpr std::int64_t days[] = {10, 15, 20, 30};
    std::vector<store::ReportLevel> levels;
    for (std::int64_t level = 1; level <= 4; ++level) {
        store::ReportLevel row;
        row.municipality_code = town;
        row.level = level;
        row.code = codes[level - 1];
        std::tie(row.name_cs, row.name_en) = default_level_name(level);
        row.deadline_days = days[level - 1];
        levels.push_back(std::move(row));
    }
    return levels;
}

}  // namespace okrsek::service::reports
