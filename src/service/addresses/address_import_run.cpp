#include "service/addresses/address_import_run.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "geo/crs_transform.hpp"
#include "io/ruian_addresses.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

// 4096 points a batch, at most 4 waiting: a few MB in flight whatever the file's size.
constexpr std::size_t batch_rows = 4096;
constexpr std::size_t queue_batches = 4;
// How often (in rows) the progress callback hears from a file.
constexpr std::uint64_t progress_every_rows = 4096;

// The Kód ADM values seen so far, one bit each: RÚIAN codes are below 10^8 today, so this is
// a few MB (at most 256 MB for codes up to 2^31, which the reader enforces).
class CodeSet {
public:
    /// False when `code` was already there.
    bool insert(std::int64_t code) {
        const auto index = static_cast<std::uint64_t>(code);
        const std::size_t word = index / 64;
        if (word >= m_words.size()) {
            m_words.resize(std::clamp(m_words.size() * 2, word + 1, max_words), 0);
        }
        const std::uint64_t bit = std::uint64_t{1} << (index % 64);
        if (m_words[word] & bit) return false;
        m_words[word] |= bit;
        return true;
    }

private:
    static constexpr std::size_t max_words = (std::size_t{1} << 31) / 64;
    std::vector<std::uint64_t> m_words;
};

void append_number(std::string& text, std::int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    text.append(digits, end);
    text.push_back('\x1f');
}

void append_text(std::string& text, const std::string& value) {
    text += value;
    text.push_back('\x1f');
}

// The bytes a town's fingerprint hashes for one point: every stored value, separated.
void fingerprint_bytes(const core::AddressPoint& point, std::string& out) {
    out.clear();
    append_number(out, point.code);
    append_number(out, point.municipality_code);
    append_text(out, point.municipality_name);
    append_number(out, point.city_part_code);
    append_text(out, point.city_part_name);
    append_text(out, point.part_name);
    append_text(out, point.street);
    append_number(out, point.evidence_number ? 1 : 0);
    append_number(out, point.house_number);
    append_number(out, point.orientation_number);
    append_text(out, point.orientation_letter);
    append_number(out, point.postcode);
    if (point.position) {
        append_number(out, std::llround(point.position->lon * 1e7));
        append_number(out, std::llround(point.position->lat * 1e7));
    }
    out.push_back('\x1e');
}

}  // namespace

struct AddressImportRun::Town {
    std::string name;
    std::uint64_t imported = 0;
    std::uint64_t without_position = 0;
    crypto_generichash_state hash{};
};

struct AddressImportRun::Tally {
    std::uint64_t rows_read = 0;
    std::uint64_t rows_imported = 0;
    std::uint64_t rows_without_position = 0;
    std::uint64_t rows_rejected = 0;
    std::uint64_t bytes_read = 0;
    std::vector<AddressFileReport> files;
    std::vector<AddressRejection> rejections;
    std::unordered_map<std::int64_t, Town> towns;
    CodeSet codes;
};

// The batch being filled by the reading thread.
struct AddressImportRun::Filler {
    AddressBatch batch;
    std::size_t filled = 0;
    std::string fingerprint_buffer;
    Town* town = nullptr;  ///< the last accepted point's town
    std::int64_t town_code = 0;

    core::AddressPoint& slot() {
        if (filled == batch.size()) batch.emplace_back();
        return batch[filled];
    }
};

AddressImportRun::AddressImportRun(const AddressImportRequest& request)
    : m_request(request), m_queue(queue_batches), m_tally(std::make_unique<Tally>()) {
    if (request.files.empty()) {
        throw Error(ErrorCode::invalid_argument, "no address files given", "files");
    }
    if (request.files.size() > max_address_files) {
        throw Error(ErrorCode::invalid_argument,
                    "more than " + std::to_string(max_address_files) + " files", "files");
    }
    for (const auto& file : request.files) {
        std::error_code error;
        const auto size = std::filesystem::file_size(file, error);
        if (error || !std::filesystem::is_regular_file(file, error)) {
            throw Error(ErrorCode::invalid_input, "cannot read " + file.string(), "file");
        }
        if (size > max_address_file_bytes) {
            throw Error(ErrorCode::payload_too_large,
                        file.string() + ": larger than " +
                            std::to_string(max_address_file_bytes >> 30) + " GiB",
                        "file");
        }
        m_total_bytes += size;
    }
    m_reader = std::thread([this] { read_all(); });
}

AddressImportRun::~AddressImportRun() {
    m_queue.cancel();
    if (m_reader.joinable()) m_reader.join();
}

void AddressImportRun::read_all() noexcept {
    try {
        const geo::SjtskToWgs84 to_wgs84;
        Filler filler;
        for (std::size_t i = 0; i < m_request.files.size(); ++i) read_file(i, to_wgs84, filler);
        filler.batch.resize(filler.filled);
        if (!filler.batch.empty() && !m_queue.push(filler.batch)) return;
        m_queue.finish();
    } catch (...) {
        m_queue.finish(std::current_exception());
    }
}

void AddressImportRun::read_file(std::size_t index, const geo::SjtskToWgs84& to_wgs84,
                                 Filler& filler) {
    const std::string name = m_request.files[index].string();
    std::ifstream in(m_request.files[index], std::ios::binary);
    if (!in) throw Error(ErrorCode::invalid_input, "cannot read " + name, "file");
    io::RuianAddressReader reader(in, name, to_wgs84);
    Tally& tally = *m_tally;
    AddressFileReport file{name, "", std::string(io::to_string(reader.generation())), 0};
    const std::uint64_t bytes_before = tally.bytes_read;
    std::string reason;
    for (;;) {
        core::AddressPoint& point = filler.slot();
        const auto row = reader.next(point, reason);
        if (row == io::RuianAddressReader::Row::end) break;
        ++tally.rows_read;
        ++file.rows_read;
        if (row == io::RuianAddressReader::Row::rejected || !accept(point, filler, reason)) {
            reject(name, reader.line(), std::move(reason));
        }
        if (filler.filled == batch_rows) {
            if (!m_queue.push(filler.batch)) throw Error(ErrorCode::internal, "import cancelled");
            filler.filled = 0;
        }
        if (m_request.progress && tally.rows_read % progress_every_rows == 0) {
            m_request.progress(bytes_before + reader.bytes_read(), m_total_bytes);
        }
    }
    tally.bytes_read = bytes_before + reader.bytes_read();
    file.encoding = io::to_string(reader.encoding().value_or(io::TextEncoding::utf8));
    tally.files.push_back(std::move(file));
    if (m_request.progress) m_request.progress(tally.bytes_read, m_total_bytes);
}

// The checks that need the whole import: one name per town, each code once. The town is
// created only for a point that passes, so that every town has points.
bool AddressImportRun::accept(const core::AddressPoint& point, Filler& filler,
                              std::string& reason) {
    Tally& tally = *m_tally;
    Town* town = filler.town && filler.town_code == point.municipality_code ? filler.town : nullptr;
    if (!town) {
        const auto found = tally.towns.find(point.municipality_code);
        if (found != tally.towns.end()) town = &found->second;
    }
    if (town && town->name != point.municipality_name) {
        reason = "Kód obce " + std::to_string(point.municipality_code) + " is named '" +
                 town->name + "' elsewhere in the import";
        return false;
    }
    if (!tally.codes.insert(point.code)) {
        reason = "Kód ADM " + std::to_string(point.code) + " appears earlier in the import";
        return false;
    }
    if (++tally.rows_imported > max_address_rows) {
        throw Error(ErrorCode::payload_too_large,
                    "more than " + std::to_string(max_address_rows) + " address points", "files");
    }
    if (!town) {
        town = &tally.towns[point.municipality_code];
        town->name = point.municipality_name;
        crypto_generichash_init(&town->hash, nullptr, 0, crypto_generichash_BYTES);
    }
    filler.town = town;
    filler.town_code = point.municipality_code;
    ++town->imported;
    if (!point.position) {
        ++town->without_position;
        ++tally.rows_without_position;
    }
    fingerprint_bytes(point, filler.fingerprint_buffer);
    crypto_generichash_update(
        &town->hash, reinterpret_cast<const unsigned char*>(filler.fingerprint_buffer.data()),
        filler.fingerprint_buffer.size());
    ++filler.filled;
    return true;
}

void AddressImportRun::reject(const std::string& file, std::uint64_t line, std::string reason) {
    Tally& tally = *m_tally;
    ++tally.rows_rejected;
    if (tally.rejections.size() < max_reported_rejections) {
        tally.rejections.push_back({file, line, std::move(reason)});
    }
    if (tally.rows_rejected > m_request.max_rejected_rows) {
        const AddressRejection& first = tally.rejections.front();
        throw Error(ErrorCode::invalid_input,
                    "more than " + std::to_string(m_request.max_rejected_rows) +
                        " rows rejected, nothing imported; the first: " + first.file + " line " +
                        std::to_string(first.line) + ": " + first.reason,
                    "file");
    }
}

bool AddressImportRun::next_batch(std::vector<core::AddressPoint>& batch) {
    if (m_queue.pop(batch)) return true;
    if (m_reader.joinable()) m_reader.join();
    return false;
}

std::vector<store::AddressTownImport> AddressImportRun::towns() {
    const Tally& tally = *m_tally;
    if (tally.towns.empty()) {
        std::string message = "no address point could be imported";
        if (!tally.rejections.empty()) {
            const AddressRejection& first = tally.rejections.front();
            message +=
                "; " + first.file + " line " + std::to_string(first.line) + ": " + first.reason;
        }
        throw Error(ErrorCode::invalid_input, message, "file");
    }
    std::vector<store::AddressTownImport> towns;
    for (auto& [code, town] : m_tally->towns) {
        unsigned char hash[crypto_generichash_BYTES];
        crypto_generichash_final(&town.hash, hash, sizeof hash);
        char hex[crypto_generichash_BYTES * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
        towns.push_back({code, town.name, hex, static_cast<std::int64_t>(town.imported),
                         static_cast<std::int64_t>(town.without_position)});
    }
    std::sort(towns.begin(), towns.end(), [](const auto& a, const auto& b) {
        return a.municipality_code < b.municipality_code;
    });
    return towns;
}

store::AuditEntry AddressImportRun::audit_entry() {
    const Tally& tally = *m_tally;
    const bool one_town = tally.towns.size() == 1;
    const std::string towns = std::to_string(tally.towns.size());
    store::AuditEntry entry = m_request.actor.audit(
        "addresses.import", "addresses",
        one_town ? std::to_string(tally.towns.begin()->first) : towns + " towns");
    if (one_town) entry.municipality_code = tally.towns.begin()->first;
    entry.details_json = "{\"files\":" + std::to_string(tally.files.size()) +
                         ",\"rows_read\":" + std::to_string(tally.rows_read) +
                         ",\"imported\":" + std::to_string(tally.rows_imported) +
                         ",\"without_position\":" + std::to_string(tally.rows_without_position) +
                         ",\"rejected\":" + std::to_string(tally.rows_rejected) +
                         ",\"towns\":" + towns + "}";
    return entry;
}

AddressImportReport AddressImportRun::report() const {
    const Tally& tally = *m_tally;
    AddressImportReport report;
    report.rows_read = tally.rows_read;
    report.rows_imported = tally.rows_imported;
    report.rows_without_position = tally.rows_without_position;
    report.rows_rejected = tally.rows_rejected;
    report.bytes_read = tally.bytes_read;
    report.files = tally.files;
    report.rejections = tally.rejections;
    for (const auto& [code, town] : tally.towns) {
        report.towns.push_back({code, town.name, town.imported, town.without_position});
    }
    std::sort(report.towns.begin(), report.towns.end(), [](const auto& a, const auto& b) {
        return a.municipality_code < b.municipality_code;
    });
    return report;
}

}  // namespace okrsek::service
