#include "io/property_template.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace okrsek::io {
namespace {

const nlohmann::json k_properties = nlohmann::json::parse(R"({
    "OBJECTID": 1, "OKRSEK": "12", "MC_PRAHA": 4, "AS_FLOAT": 4.0, "HALF": 2.5,
    "NAZEV": "Praha 4", "EMPTY": "", "NOTHING": null, "LIST": [1, 2], "FLAG": true
})");

std::string error_of(std::string_view templ) {
    try {
        expand_property_template(templ, k_properties);
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
        return error.what();
    }
    return "no error";
}

TEST(ExpandPropertyTemplate, JoinsProperties) {
    EXPECT_EQ(expand_property_template("{MC_PRAHA}-{OKRSEK}", k_properties), "4-12");
    EXPECT_EQ(expand_property_template("Okrsek {OKRSEK} · OŘ MP Praha {MC_PRAHA}", k_properties),
              "Okrsek 12 · OŘ MP Praha 4");
    EXPECT_EQ(expand_property_template("{NAZEV}", k_properties), "Praha 4");
    EXPECT_EQ(expand_property_template("no braces at all but {EMPTY}", k_properties),
              "no braces at all but ");
}

TEST(ExpandPropertyTemplate, PlainNameIsOneProperty) {
    EXPECT_EQ(expand_property_template("OKRSEK", k_properties), "12");
    EXPECT_EQ(expand_property_template("OBJECTID", k_properties), "1");
}

TEST(ExpandPropertyTemplate, PrintsIntegralNumbersWithoutDecimals) {
    EXPECT_EQ(expand_property_template("AS_FLOAT", k_properties), "4");
    EXPECT_EQ(expand_property_template("{HALF}", k_properties), "2.5");
    EXPECT_EQ(expand_property_template("FLAG", k_properties), "true");
}

TEST(ExpandPropertyTemplate, NamesTheMissingProperty) {
    EXPECT_EQ(error_of("{MC_PRAHA}-{CISLO}"), "property 'CISLO' is missing");
    EXPECT_EQ(error_of("CISLO"), "property 'CISLO' is missing");
    EXPECT_EQ(error_of("NOTHING"), "property 'NOTHING' is null");
    EXPECT_EQ(error_of("LIST"), "property 'LIST' is not a string or number");
}

TEST(ExpandPropertyTemplate, RejectsUnbalancedBraces) {
    EXPECT_EQ(error_of("{OKRSEK"), "template '{OKRSEK' has unbalanced braces");
    EXPECT_EQ(error_of("OKRSEK}"), "template 'OKRSEK}' has unbalanced braces");
    EXPECT_EQ(error_of("{{OKRSEK}}"), "template '{{OKRSEK}}' has unbalanced braces");
    EXPECT_EQ(error_of("{}"), "empty property name in template");
    EXPECT_EQ(error_of(""), "empty property name in template");
}

TEST(ExpandPropertyTemplate, NonObjectPropertiesHaveNoProperties) {
    EXPECT_THROW(expand_property_template("A", nlohmann::json()), core::Error);
}

}  // namespace
}  // namespace okrsek::io
