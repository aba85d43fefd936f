#include "service/directory/team_defaults.hpp"

#include <array>

namespace okrsek::service {

std::span<const store::NewTeamRole> default_team_roles() {
    static const std::array<store::NewTeamRole, 3> roles{{
        {0, "state_police_officer", "Policista – okrskář Policie ČR",
         "Police officer (Police of the Czech Republic)"},
        {0, "municipal_police_officer", "Strážník-okrskář městské policie",
         "Municipal police district officer"},
        {0, "councillor", "Zastupitel / starosta městské části", "Councillor / city-part mayor"},
    }};
    return roles;
}

std::span<const store::NewPlaceKind> default_place_kinds() {
    static const std::array<store::NewPlaceKind, 3> kinds{{
        {0, "police_station", "Služebna Policie ČR", "Police station", true},
        {0, "municipal_police_station", "Služebna městské policie", "Municipal police station",
         true},
        {0, "info_box", "Info-schránka", "Info box", false},
    }};
    return kinds;
}

}  // namespace okrsek::service
