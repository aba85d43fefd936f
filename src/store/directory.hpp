#pragma once

// Storage of district teams (roles, role contacts, holders with history), photos and places on
// the map, part of every Store. Written once on top of
// SqlRunner (store/directory_*.cpp), so both engines follow the same rules.

#include <functional>

namespace okrsek::store {

class SqlRunner;

class DirectoryStore {
public:
    virtual ~DirectoryStore() = default;

protected:
    // The engine's ways to run SQL (see AccountStore); one override in each engine serves all
    // the storage parts.
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;
};

}  // namespace okrsek::store
