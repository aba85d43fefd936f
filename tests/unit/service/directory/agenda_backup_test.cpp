// A backup carries priorities, their history and events (parents before children), and a
// restored database goes on numbering after the restored rows.
#include <gtest/gtest.h>

#include <sstream>

#include "service/backup.hpp"
#include "unit/service/directory/agenda_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

TEST_F(AgendaTest, ABackupRestoresTheAgendaWhole) {
    const auto meeting = agenda().create_district_event(manager, w, event_input("Setkání", -48h));
    agenda().record_minutes(manager, meeting.id, "Přišlo 12 lidí.", 12);
    auto input = priority_input("Hluk");
    input.source_event_id.emplace(meeting.id);
    const auto priority = agenda().create_priority(manager, w, input);
    agenda().change_priority_status(manager, priority.id, store::PriorityStatus::in_progress, {});
    agenda().create_town_event(manager, testov, event_input("Den města", 24h));

    std::stringstream dump;
    backup(*peek, dump);
    test::TestDatabase copy{dir.path(), "copy.db"};
    auto target = store::open_store(copy.setting());
    restore(*target, dump, "agenda.dump");

    const auto restored = target->find_priority(priority.id);
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->fields.title, "Hluk");
    EXPECT_EQ(restored->fields.source_event_id, meeting.id);
    EXPECT_EQ(restored->status, store::PriorityStatus::in_progress);
    EXPECT_EQ(restored->history.size(), 2u);
    const auto event = target->find_event(meeting.id);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->uid, meeting.uid);
    EXPECT_EQ(event->attendance, 12);
    EXPECT_EQ(event->sequence, 1);
    // New rows continue after the restored ones.
    store::NewEvent next;
    next.uid = "after-restore";
    next.municipality_code = testov;
    next.fields = event->fields;
    const auto next_id = target->create_event(next, t0, Principal::cli().audit("", "", ""));
    EXPECT_GT(next_id, meeting.id + 1);
    EXPECT_TRUE(target->verify_audit_chain().intact());
}

}  // namespace
}  // namespace okrsek::service::test_auth
