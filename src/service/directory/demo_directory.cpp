// The demo's district teams are invented: every name is a deterministic combination of common
// Czech first names and surnames, so no real person (and no real officer of these districts)
// is meant; e-mail addresses are on the reserved domain demo.okrsek.example and nobody has a
// phone number. The stations are real (IPR Praha open data, see data/demo/README.md).
#include "service/directory/demo_directory.hpp"

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "service/auth/area_targets.hpp"
#include "service/platform.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

constexpr std::array<const char*, 18> male_names = {
    "Jan",   "Petr",   "Tomáš", "Martin", "Jiří",  "Pavel", "Jakub",   "Lukáš", "Michal",
    "David", "Ondřej", "Marek", "Filip",  "Josef", "Karel", "Vojtěch", "Radek", "Roman"};
constexpr std::array<const char*, 16> female_names = {
    "Jana",   "Eva",      "Hana",     "Lenka",   "Petra",  "Lucie", "Kateřina", "Martina",
    "Tereza", "Veronika", "Michaela", "Markéta", "Zuzana", "Alena", "Barbora",  "Monika"};

struct Surname {
    const char* male;
    const char* female;
};
constexpr std::array<Surname, 24> surnames = {{
    {"Novák", "Nováková"},      {"Svoboda", "Svobodová"},     {"Dvořák", "Dvořáková"},
    {"Černý", "Černá"},         {"Procházka", "Procházková"}, {"Kučera", "Kučerová"},
    {"Veselý", "Veselá"},       {"Horák", "Horáková"},        {"Němec", "Němcová"},
    {"Pokorný", "Pokorná"},     {"Marek", "Marková"},         {"Pospíšil", "Pospíšilová"},
    {"Hájek", "Hájková"},       {"Král", "Králová"},          {"Jelínek", "Jelínková"},
    {"Růžička", "Růžičková"},   {"Beneš", "Benešová"},        {"Fiala", "Fialová"},
    {"Sedláček", "Sedláčková"}, {"Doležal", "Doležalová"},    {"Zeman", "Zemanová"},
    {"Kolář", "Kolářová"},      {"Navrátil", "Navrátilová"},  {"Čermák", "Čermáková"},
}};

struct DemoRole {
    const char* code;
    const char* mailbox;
    const char* bio;
    int first_weekday;
    const char* from;
    const char* to;
};
constexpr std::array<DemoRole, 3> demo_roles = {{
    {"state_police_officer", "policie",
     "Ukázková, vymyšlená osoba. Policista okrsku dbá na bezpečnost a veřejný pořádek a rád "
     "vyslechne vaše podněty.",
     1, "14:00", "16:00"},
    {"municipal_police_officer", "mp",
     "Ukázková, vymyšlená osoba. Strážník-okrskář zná svůj okrsek, jeho obyvatele i místa, kde "
     "to skřípe.",
     3, "09:00", "11:00"},
    {"councillor", "zastupitel",
     "Ukázková, vymyšlená osoba. Zastupitelka nebo zastupitel za okrsek propojuje obyvatele s "
     "radnicí.",
     5, "17:00", "18:30"},
}};

std::string read_text_demo_directory(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::invalid_input, "cannot read demo file " + path.string(), "data");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// POZN says what a building is: "Okr" (a district station, once misspelt "Okr¨"), "OŘ MP Praha
// n" (a directorate) or a unit's name.
std::string station_name(const json& properties) {
    const std::string note = properties.value("POZN", "");
    const std::string street = properties.value("NVPK", "");
    const std::string directorate = "OŘ MP Praha";
    if (note.starts_with("Okr ")) return "Okrsková služebna MP " + note.substr(4);
    if (note.starts_with("Okr")) return "Okrsková služebna MP " + street;
    if (note.starts_with(directorate)) {
        return "Obvodní ředitelství MP Praha" + note.substr(directorate.size());
    }
    return note.empty() ? "Služebna MP " + street : note;
}

PlaceImportRequest stations_request(const std::filesystem::path& data_dir, std::int64_t town) {
    const std::string file = "praha-sluzebny-mestske-policie-100.geojson";
    json document = json::parse(read_text_demo_directory(data_dir / file), nullptr, false);
    if (document.is_discarded() || !document.contains("features")) {
        throw Error(ErrorCode::invalid_input, "demo file " + file + " is not GeoJSON", "data");
    }
    for (auto& feature : document["features"]) {
        auto& properties = feature["properties"];
        properties["nazev"] = station_name(properties);
    }
    PlaceImportRequest request;
    request.source_name = file;
    request.geojson = document.dump();
    request.municipality_code = town;
    request.kind = "municipal_police_station";
    request.read_options.code_property = "OBJECTID";
    request.read_options.name_property = "nazev";
    request.read_options.address_property = "{NVPK} {CPOP}, {NKU}";
    return request;
}

std::string invented_name(std::size_t seat) {
    const bool female = (seat * 7) % 5 < 2;
    const Surname& surname = surnames[(seat * 17 + seat / 3) % surnames.size()];
    if (female) {
        return std::string(female_names[(seat * 13) % female_names.size()]) + " " + surname.female;
    }
    return std::string(male_names[(seat * 13) % male_names.size()]) + " " + surname.male;
}

store::HolderProfile invented_profile(const DemoRole& role, std::size_t district_index,
                                      std::size_t role_index, const DistrictCard& card) {
    store::HolderProfile profile;
    profile.name = invented_name(district_index * demo_roles.size() + role_index);
    profile.bio = role.bio;
    store::OfficeHours hours;
    hours.weekday =
        1 +
        static_cast<int>((static_cast<std::size_t>(role.first_weekday - 1) + district_index) % 5);
    hours.from = role.from;
    hours.to = role.to;
    if (role_index == 1 && !card.nearest_stations.empty()) {
        hours.place = card.nearest_stations.front().place.fields.address.value_or("");
    } else if (role_index == 2 && card.city_part) {
        hours.place = "úřad MČ " + card.city_part->name;
    }
    profile.office_hours.push_back(hours);
    profile.office_hours_note = "Jindy po domluvě e-mailem.";
    return profile;
}

// "2019-05-01": a start date that differs from district to district.
std::string start_date(std::size_t district_index) {
    const std::size_t year = 2018 + district_index % 7;
    const std::size_t month = 1 + (district_index * 5) % 12;
    return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month) + "-01";
}

std::string mailbox(const DemoRole& role, const std::string& district_code) {
    return "okrsek-" + district_code + "." + role.mailbox + "@demo.okrsek.example";
}

}  // namespace

DemoDirectoryReport build_demo_directory(Platform& platform, const std::filesystem::path& data_dir,
                                         std::int64_t town_code) {
    const Principal cli = Principal::cli();
    auto& directory = platform.directory();
    DemoDirectoryReport report;
    report.stations = directory.import_places(cli, stations_request(data_dir, town_code));

    const auto catalog = platform.catalog();
    const CatalogLayer* districts = catalog->find_layer(district_layer);
    if (!districts) return report;
    std::size_t index = 0;
    for (const auto& area : districts->areas) {
        if (area.municipality_code != town_code) continue;
        const DistrictCard card = directory.card(area.id);
        for (std::size_t r = 0; r < demo_roles.size(); ++r) {
            const DemoRole& role = demo_roles[r];
            for (const auto& seat : card.team) {
                if (seat.role.code != role.code) continue;
                if (!seat.contact.email && !seat.contact.phone) {
                    directory.set_contact(cli, area.id, seat.role.id,
                                          {mailbox(role, area.code), std::nullopt});
                    ++report.contacts_set;
                }
                if (!seat.holder) {
                    directory.start_holder(cli, area.id, seat.role.id,
                                           invented_profile(role, index, r, card),
                                           start_date(index));
                    ++report.holders_started;
                }
            }
        }
        ++index;
    }
    return report;
}

}  // namespace okrsek::service
