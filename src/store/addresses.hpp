#pragma once

// Storage of imported address points (RÚIAN adresní místa), part of every Store. Written once
// on top of SqlRunner (store/address_store.cpp), so both engines follow the same rules.

#include <cstdint>
#include <functional>

#include "core/address.hpp"

namespace okrsek::store {

class SqlRunner;

class AddressStore {
public:
    virtual ~AddressStore() = default;

    /// Calls `visit` for every stored address point, by code, from one snapshot (for building
    /// the in-memory search index; must stay fast for 3 million rows).
    void for_each_address(const std::function<void(const core::AddressPoint&)>& visit);

    /// A number that changes whenever stored addresses change (so that servers sharing the
    /// database rebuild their index).
    std::int64_t address_version();

protected:
    // The engine's ways to run SQL (see AccountStore); one override in each engine serves all
    // the storage parts.
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;
};

}  // namespace okrsek::store
