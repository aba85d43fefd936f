#pragma once

// Storage of district priorities (issues the community raised, the action taken and its later
// evaluation) and public meetings and events, part of every Store. Written once on top of
// SqlRunner (store/agenda_*.cpp), so both engines follow the same rules.

#include <functional>

namespace okrsek::store {

class SqlRunner;

class AgendaStore {
public:
    virtual ~AgendaStore() = default;

protected:
    // The engine's ways to run SQL (see AccountStore); one override in each engine serves all
    // the storage parts.
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;
};

}  // namespace okrsek::store
