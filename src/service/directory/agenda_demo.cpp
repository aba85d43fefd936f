// The demo town's priorities and public meetings: invented, but of the kind Prague's district
// teams deal with. Districts are found at well-known places, so the seed follows the demo's
// district layer whatever ids its areas got.
#include <array>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "service/auth/area_targets.hpp"
#include "service/directory/district_agenda.hpp"

namespace okrsek::service {
namespace {

using namespace std::chrono;
using store::EventKind;
using store::PrioritySource;
using store::PriorityStatus;

struct Spot {
    std::string_view label;
    core::LonLat position;
};

// Where the seeded districts are: each one's priorities and meetings belong to the district
// that contains the place.
constexpr Spot namesti_miru{"Náměstí Míru", {14.43785, 50.07540}};
constexpr Spot karlovo_namesti{"Karlovo náměstí", {14.41890, 50.07560}};
constexpr Spot vaclavske_namesti{"Václavské náměstí", {14.42760, 50.08130}};
constexpr Spot zizkov{"Bořivojova", {14.45180, 50.08260}};
constexpr Spot letna{"Letná", {14.42550, 50.09900}};

class DemoSeeder {
public:
    DemoSeeder(DistrictAgenda& agenda, std::int64_t town, std::shared_ptr<const AreaCatalog> map,
               sys_seconds now)
        : m_agenda(agenda),
          m_town(town),
          m_map(std::move(map)),
          m_today(floor<days>(core::to_prague_local(now))) {}

    std::optional<std::int64_t> district_at(const Spot& spot) const {
        std::vector<AreaRef> hits;
        m_map->lookup(spot.position, hits);
        for (const auto& hit : hits) {
            if (hit.layer->info.name == district_layer && hit.info().municipality_code == m_town) {
                return hit.info().id;
            }
        }
        return std::nullopt;
    }

    // `days_from_today` at hh:mm Prague time, lasting `minutes`.
    EventInput when(int days_from_today, int hh, int mm, int length_minutes) const {
        const local_seconds start = m_today + days(days_from_today) + hours(hh) + minutes(mm);
        EventInput input;
        input.starts_at = core::from_prague_local(start, core::AmbiguousTime::earliest);
        input.ends_at = *input.starts_at + minutes(length_minutes);
        return input;
    }

    std::string date(int days_from_today) const {
        return core::format_date(
            year_month_day{sys_days{(m_today + days(days_from_today)).time_since_epoch()}});
    }

    store::Event meeting(std::optional<std::int64_t> district, EventInput input, EventKind kind,
                         std::string title, std::string place, std::string address,
                         core::LonLat position, std::string agenda) {
        input.kind = kind;
        input.title = std::move(title);
        input.place_name = std::move(place);
        input.address = std::move(address);
        input.position = std::optional(position);
        input.agenda = std::move(agenda);
        return district ? m_agenda.create_district_event(m_cli, *district, input)
                        : m_agenda.create_town_event(m_cli, m_town, input);
    }

    store::Priority priority(std::int64_t district, std::string title, std::string description,
                             PrioritySource source, int raised_days_ago, std::string action,
                             std::optional<std::int64_t> source_event = std::nullopt) {
        PriorityInput input;
        input.title = std::move(title);
        input.description = std::move(description);
        input.source = source;
        input.raised_on = date(-raised_days_ago);
        input.action_taken = std::move(action);
        if (source_event) input.source_event_id.emplace(source_event);
        return m_agenda.create_priority(m_cli, district, input);
    }

    void move(const store::Priority& priority, std::initializer_list<PriorityStatus> steps,
              std::optional<std::string> reason = std::nullopt) {
        for (const auto step : steps) {
            m_agenda.change_priority_status(
                m_cli, priority.id, step, step == PriorityStatus::dropped ? reason : std::nullopt);
        }
    }

    void seed_history();
    void seed_upcoming();

    DistrictAgenda& m_agenda;
    std::int64_t m_town;
    std::shared_ptr<const AreaCatalog> m_map;
    local_days m_today;
    Principal m_cli = Principal::cli();
};

constexpr core::LonLat narodni_dum{14.43870, 50.07560};
constexpr core::LonLat vystaviste{14.43070, 50.10660};

void DemoSeeder::seed_history() {
    if (const auto vinohrady = district_at(namesti_miru)) {
        auto past = meeting(*vinohrady, when(-30, 17, 30, 90), EventKind::public_meeting,
                            "Veřejné setkání s okrskáři – Vinohrady", "Národní dům na Vinohradech",
                            "náměstí Míru 820/9, 120 00 Praha 2", narodni_dum,
                            "1. Noční klid u náměstí Míru\n2. Parkování v Korunní ulici\n"
                            "3. Dotazy a podněty občanů");
        m_agenda.record_minutes(
            m_cli, past.id,
            "Okrskáři shrnuli kontroly nočního klidu za poslední tři měsíce; obyvatelé potvrdili "
            "zlepšení, ale upozornili na bar v Korunní ulici. Odbor dopravy přislíbil společné "
            "kontroly parkování na chodnících.",
            34);
        auto noise = priority(*vinohrady, "Nedodržování nočního klidu u Náměstí Míru",
                              "Obyvatelé okolních domů si stěžují na hluk z barů a skupin "
                              "lidí na náměstí po 22. hodině, hlavně v pátek a v sobotu.",
                              PrioritySource::public_meeting, 150,
                              "Strážníci okrsku kontrolují okolí náměstí v pátek a v sobotu mezi "
                              "22:00 a 2:00; s provozovateli dvou barů je domluveno zavírání "
                              "zahrádek ve 22:00.");
        move(noise, {PriorityStatus::in_progress, PriorityStatus::action_completed});
        EvaluationInput evaluation;
        evaluation.outcome = store::EvaluationOutcome::partly;
        evaluation.text =
            "Stížností na hluk ubylo zhruba o polovinu; u jednoho baru hluk pokračuje, kontroly "
            "proto pokračují v menším rozsahu.";
        evaluation.evaluated_on = date(-30);
        evaluation.event_id = past.id;
        m_agenda.evaluate_priority(m_cli, noise.id, evaluation);
        auto parking = priority(*vinohrady, "Parkování na chodnících v Korunní ulici",
                                "Auta parkující na chodníku brání průchodu s kočárky a "
                                "vozíky.",
                                PrioritySource::citizen_reports, 30,
                                "Společné kontroly s odborem dopravy každé úterý ráno.", past.id);
        move(parking, {PriorityStatus::in_progress});
    }
    if (const auto karlak = district_at(karlovo_namesti)) {
        auto syringes = priority(*karlak, "Pohozené injekční stříkačky v parku",
                                 "Rodiče hlásí použité injekční stříkačky v parku na Karlově "
                                 "náměstí, i v blízkosti dětského hřiště.",
                                 PrioritySource::citizen_reports, 60,
                                 "Ranní kontroly parku strážníky a úklid ve spolupráci s "
                                 "terénními pracovníky; u hřiště přibyla nádoba na použité "
                                 "stříkačky.");
        move(syringes, {PriorityStatus::in_progress});
    }
    if (const auto center = district_at(vaclavske_namesti)) {
        auto past = meeting(*center, when(-45, 10, 0, 360), EventKind::prevention_event,
                            "Pozor na kapsáře: preventivní akce na Václavském náměstí",
                            "Václavské náměstí, dolní část", "Václavské náměstí, 110 00 Praha 1",
                            vaclavske_namesti.position,
                            "Strážníci a preventisté radí, jak se chránit před kapesními "
                            "krádežemi; rozdávání letáků v češtině a angličtině.");
        m_agenda.record_minutes(m_cli, past.id,
                                "Rozdáno 900 letáků, s preventisty mluvilo asi 120 lidí.", 120);
        priority(*center, "Kapesní krádeže na Václavském náměstí",
                 "Podle ankety mezi obyvateli a podnikateli jsou kapesní krádeže nejčastějším "
                 "problémem dolní části náměstí.",
                 PrioritySource::survey, 50, "");
        auto begging = priority(*center, "Agresivní žebrání u stanice metra Můstek",
                                "Chodci si stěžují na obtěžování při výstupu z metra.",
                                PrioritySource::citizen_reports, 40, "");
        move(begging, {PriorityStatus::dropped},
             "Řeší se v rámci celoměstského projektu terénní sociální práce.");
    }
    if (const auto zizkov_district = district_at(zizkov)) {
        priority(*zizkov_district, "Hluk a nepořádek před nočními podniky v Bořivojově ulici",
                 "Obyvatelé upozorňují na hluk po zavírací době a nepořádek v průjezdech.",
                 PrioritySource::public_meeting, 20, "");
    }
    if (const auto letna_district = district_at(letna)) {
        auto speeding = priority(*letna_district, "Rychlá jízda v ulici Milady Horákové",
                                 "V anketě ji obyvatelé Letné označili za největší riziko pro "
                                 "děti cestou do školy.",
                                 PrioritySource::survey, 200,
                                 "Měření rychlosti dvakrát týdně ráno a nový přechod s "
                                 "ostrůvkem u školy.");
        move(speeding, {PriorityStatus::in_progress, PriorityStatus::action_completed});
        EvaluationInput evaluation;
        evaluation.outcome = store::EvaluationOutcome::worked;
        evaluation.text = "Průměrná rychlost ráno klesla z 58 na 46 km/h.";
        evaluation.evaluated_on = date(-14);
        m_agenda.evaluate_priority(m_cli, speeding.id, evaluation);
    }
}

void DemoSeeder::seed_upcoming() {
    if (const auto vinohrady = district_at(namesti_miru)) {
        meeting(*vinohrady, when(16, 17, 30, 90), EventKind::public_meeting,
                "Veřejné setkání s okrskáři – Vinohrady", "Národní dům na Vinohradech",
                "náměstí Míru 820/9, 120 00 Praha 2", narodni_dum,
                "1. Vyhodnocení kontrol nočního klidu\n2. Parkování v Korunní ulici\n"
                "3. Dotazy a podněty občanů");
        auto walk = meeting(*vinohrady, when(9, 18, 0, 60), EventKind::prevention_event,
                            "Procházka okrskem s preventistou", "Sraz u kostela sv. Ludmily",
                            "náměstí Míru, 120 00 Praha 2", namesti_miru.position,
                            "Společná procházka po místech, která obyvatelé označili za "
                            "nebezpečná.");
        m_agenda.cancel_event(m_cli, walk.id, "Nemoc preventisty; náhradní termín oznámíme.");
    }
    if (const auto karlak = district_at(karlovo_namesti)) {
        meeting(*karlak, when(23, 17, 0, 90), EventKind::public_meeting,
                "Setkání s okrskáři: bezpečnost v parku na Karlově náměstí", "Novoměstská radnice",
                "Karlovo náměstí 1/23, 120 00 Praha 2", {14.41960, 50.07710},
                "1. Stříkačky v parku: co se udělalo\n2. Osvětlení parku\n3. Dotazy");
    }
    meeting(std::nullopt, when(40, 10, 0, 360), EventKind::prevention_event,
            "Den bezpečnosti s Městskou policií Praha", "Výstaviště Praha",
            "U Výstaviště 67, 170 00 Praha 7", vystaviste,
            "Ukázky práce strážníků a psovodů, rady k zabezpečení bytu a kola, prevence "
            "podvodů na seniorech.");
}

}  // namespace

void seed_demo_agenda(DistrictAgenda& agenda, std::int64_t town_code) {
    const auto now = floor<seconds>(agenda.clock().now());
    DemoSeeder seeder(agenda, town_code, agenda.catalog(), now);
    const bool seeded = agenda.town_priority_count(town_code) > 0;
    if (!seeded) seeder.seed_history();
    if (agenda.town_events(town_code, store::EventWindow::upcoming, {.limit = 1}).total == 0) {
        seeder.seed_upcoming();
    }
}

}  // namespace okrsek::service
