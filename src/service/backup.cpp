#include "service/backup.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/error.hpp"
#include "core/time.hpp"
#include "service/dump_reader.hpp"
#include "service/dump_writer.hpp"
#include "service/platform.hpp"
#include "store/migrations.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

// fsync, so that a backup reported as written survives a power cut. A folder that cannot be
// synced (some file systems refuse) only loses the rename's durability, not the data.
void sync_to_disk(const std::filesystem::path& path, bool required) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!ok && required) throw Error(ErrorCode::internal, "cannot sync " + path.string());
}

void check_schema_known(int version) {
    // A mistyped SQLite path opens a new, empty file: say so instead of writing an empty dump.
    if (version == 0) {
        throw Error(ErrorCode::invalid_argument,
                    "the database has no okrsek tables (schema version 0); is --db right?", "db");
    }
    if (version > store::latest_schema_version()) {
        throw Error(ErrorCode::invalid_argument,
                    "the database is at schema version " + std::to_string(version) +
                        ", newer than this okrsek knows (" +
                        std::to_string(store::latest_schema_version()) +
                        "); back it up with a newer okrsek",
                    "db");
    }
}

// Brings an empty target to the dump's schema, so that its tables have the dump's columns.
void prepare_schema(store::Store& store, const DumpReader& reader) {
    const int dump_version = reader.header().schema_version;
    if (dump_version > store::latest_schema_version()) {
        const std::string& writer = reader.header().okrsek_version;
        throw DumpFormatError(
            reader.source_name() + " line 1: the dump has schema version " +
            std::to_string(dump_version) + ", newer than this okrsek knows (" +
            std::to_string(store::latest_schema_version()) + "); restore it with " +
            (writer.empty() ? "a newer okrsek" : "okrsek " + writer + " or newer"));
    }
    const int target_version = store.schema_version();
    if (target_version > dump_version) {
        throw Error(ErrorCode::invalid_argument,
                    "the database is at schema version " + std::to_string(target_version) +
                        ", newer than the dump's " + std::to_string(dump_version) +
                        "; restore into a new, empty database (restore migrates it itself)",
                    "db");
    }
    store.migrate_to(dump_version);
}

}  // namespace

BackupSummary backup(store::Store& store, std::ostream& out) {
    const int schema_version = store.schema_version();
    check_schema_known(schema_version);
    if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium failed to initialise");
    dump_format::Header header;
    header.schema_version = schema_version;
    header.okrsek_version = std::string(okrsek_version());
    header.engine = std::string(store.engine());
    header.created_at_utc = core::now_iso8601_utc();
    DumpWriter writer(out, header);
    store.dump(writer);
    writer.finish();
    return {header.engine, schema_version, writer.tables(), writer.bytes()};
}

BackupSummary backup_to_file(store::Store& store, const std::string& path) {
    if (path == "-") return backup(store, std::cout);
    const std::filesystem::path target(path);
    const std::filesystem::path temporary(path + ".tmp");
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw Error(ErrorCode::invalid_argument, "cannot write " + temporary.string(), "file");
    }
    try {
        BackupSummary summary = backup(store, out);
        out.close();
        if (!out) throw Error(ErrorCode::internal, "writing " + temporary.string() + " failed");
        sync_to_disk(temporary, true);
        std::filesystem::rename(temporary, target);
        sync_to_disk(target.parent_path().empty() ? "." : target.parent_path(), false);
        return summary;
    } catch (...) {
        out.close();
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

BackupSummary restore(store::Store& store, std::istream& in, const std::string& source_name) {
    if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium failed to initialise");
    DumpReader reader(in, source_name);
    prepare_schema(store, reader);
    BackupSummary summary{reader.header().engine, reader.header().schema_version, {}, 0};
    try {
        summary.tables = store.restore(reader);
    } catch (const DumpFormatError&) {
        throw;  // names its line already
    } catch (const Error& error) {
        // A non-empty database is refused before any line is read.
        if (error.code() == ErrorCode::invalid_argument) throw;
        throw Error(error.code(), reader.where() + error.what(), error.field());
    }
    summary.bytes = reader.bytes();
    store.migrate();
    return summary;
}

BackupSummary restore_from_file(store::Store& store, const std::string& path) {
    if (path == "-") return restore(store, std::cin, "standard input");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::invalid_argument, "cannot read " + path, "file");
    return restore(store, in, path);
}

}  // namespace okrsek::service
