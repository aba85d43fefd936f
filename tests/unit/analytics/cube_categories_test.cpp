#include "analytics/cube_categories.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "cube_ascii_town.hpp"

namespace okrsek::analytics {
namespace {

TEST(CategoryTree, LevelsLineageAndInheritedSensitivity) {
    const std::vector<CategoryType> types{{13, 12, false}, {4, 1, false},  {1, -1, false},
                                          {10, -1, false}, {12, 10, true}, {14, 13, false}};
    const CategoryTree tree(types);
    ASSERT_EQ(tree.size(), 6u);
    const auto code = [&](std::int32_t id) { return *tree.code_of(id); };
    EXPECT_EQ(tree.id_of(0), 1);  // codes in id order
    EXPECT_EQ(tree.level_of(code(10)), 0u);
    EXPECT_EQ(tree.level_of(code(14)), 3u);
    EXPECT_EQ(tree.lineage(code(14))[3], code(10));
    EXPECT_EQ(tree.lineage(code(4))[2], CategoryTree::no_code);
    EXPECT_TRUE(tree.sensitive(code(14)));  // below 12
    EXPECT_TRUE(tree.sensitive(code(12)));
    EXPECT_FALSE(tree.sensitive(code(10)));
    EXPECT_TRUE(tree.within(code(14), code(12)));
    EXPECT_FALSE(tree.within(code(4), code(10)));
    EXPECT_EQ(tree.codes_at_level(0), (std::vector<std::uint16_t>{code(1), code(10)}));
    EXPECT_FALSE(tree.code_of(2).has_value());
}

TEST(CategoryTree, RefusesBrokenHierarchies) {
    const auto build = [](std::vector<CategoryType> types) { return CategoryTree(types); };
    EXPECT_THROW(build({{1, -1, false}, {1, -1, false}}), core::Error);  // duplicate
    EXPECT_THROW(build({{2, 7, false}}), core::Error);                   // unknown parent
    EXPECT_THROW(build({{1, 2, false}, {2, 1, false}}), core::Error);    // cycle
    EXPECT_THROW(build({{-3, -1, false}}), core::Error);                 // negative id
    EXPECT_THROW(
        build({{1, -1, false}, {2, 1, false}, {3, 2, false}, {4, 3, false}, {5, 4, false}}),
        core::Error);  // five levels
    try {
        build({{2, 7, false}});
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_input);
        EXPECT_NE(std::string(error.what()).find("category type 2"), std::string::npos);
    }
}

TEST(CategoryTree, TownCategories) {
    const CategoryTree tree(test::town_categories());
    EXPECT_TRUE(tree.sensitive(*tree.code_of(4)));
    EXPECT_EQ(tree.codes_at_level(2).size(), 1u);
}

}  // namespace
}  // namespace okrsek::analytics
