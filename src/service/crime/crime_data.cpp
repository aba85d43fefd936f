// CrimeData: incident and code-list imports, re-assignment, sensitive types.
#include "service/crime/crime_data.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "io/crime_code_lists.hpp"
#include "service/addresses/address_folding.hpp"
#include "service/crime/incident_file_run.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

// No role may import over the network: incident files come from an operator on the server.
void require_cli_crime_data(const Principal& actor) {
    if (actor.kind != Principal::Kind::cli) {
        throw Error(ErrorCode::forbidden, "crime data is imported only from the command line");
    }
}

std::uint64_t checked_size(const std::filesystem::path& file, std::uint64_t limit) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error || !std::filesystem::is_regular_file(file, error)) {
        throw Error(ErrorCode::invalid_input, "cannot read " + file.string(), "file");
    }
    if (size > limit) {
        throw Error(ErrorCode::payload_too_large,
                    file.string() + ": larger than " + std::to_string(limit >> 20) + " MiB",
                    "file");
    }
    return size;
}

std::string read_whole(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorCode::invalid_input, "cannot read " + file.string(), "file");
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

bool is_geojson(const IncidentImportRequest& request, const std::filesystem::path& file) {
    if (request.format == IncidentFormat::geojson) return true;
    if (request.format == IncidentFormat::csv) return false;
    const std::string extension = file.extension().string();
    return extension == ".geojson" || extension == ".json";
}

io::IncidentMapping mapping_of(const IncidentImportRequest& request) {
    io::IncidentMapping mapping = request.mapping_json.empty()
                                      ? io::policie_mapping()
                                      : io::parse_incident_mapping(request.mapping_json);
    if (request.crs) mapping.crs = *request.crs;
    return mapping;
}

void check_request(const IncidentImportRequest& request) {
    require_cli_crime_data(request.actor);
    if (request.files.empty()) {
        throw Error(ErrorCode::invalid_argument, "no incident files given", "files");
    }
    if (request.files.size() > max_incident_files) {
        throw Error(ErrorCode::invalid_argument,
                    "more than " + std::to_string(max_incident_files) + " files", "files");
    }
}

std::optional<store::CrimeCodeList> list_from_name(const std::filesystem::path& file) {
    const std::string stem = file.stem().string();
    if (stem == "relevances") return store::CrimeCodeList::relevance;
    return store::crime_code_list_from(stem);
}

void add_file_report(IncidentImportReport& report, const IncidentFileRun& run,
                     const store::IncidentWriteResult& written) {
    IncidentFileReport file = run.report();
    file.inserted = written.inserted;
    file.updated = written.updated;
    report.rows_read += file.rows_read;
    report.rows_rejected += file.rows_rejected;
    report.incidents += file.incidents;
    report.inserted += file.inserted;
    report.updated += file.updated;
    report.unassigned += file.unassigned;
    report.unknown_types += file.unknown_types;
    report.version = written.version;
    report.files.push_back(std::move(file));
    report.rejections.insert(report.rejections.end(), run.rejections().begin(),
                             run.rejections().end());
}

}  // namespace

bool is_sensitive_type_name(std::string_view name) {
    const std::string folded = fold_address_text(name);
    for (const char* word : {"znasiln", "sexual", "pohlavn", "mravnost", "kuplir", "pornograf"}) {
        if (folded.find(word) != std::string::npos) return true;
    }
    return false;
}

CrimeData::CrimeData(store::Store& store, const security::Clock& clock,
                     std::function<std::shared_ptr<const AreaCatalog>()> catalog)
    : m_store(store), m_clock(clock), m_catalog(std::move(catalog)) {}

IncidentImportReport CrimeData::import_incidents(const IncidentImportRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    check_request(request);
    const io::IncidentMapping mapping = mapping_of(request);
    std::uint64_t total = 0;
    for (const auto& file : request.files) {
        total += checked_size(
            file, is_geojson(request, file) ? max_incident_geojson_bytes : max_incident_csv_bytes);
    }
    std::set<std::int64_t> known_types;
    for (const auto& type : m_store.crime_codes(request.source, store::CrimeCodeList::types)) {
        known_types.insert(type.code);
    }
    std::optional<geo::SjtskToWgs84> to_wgs84;
    if (mapping.crs == geo::Crs::sjtsk) to_wgs84.emplace();
    IncidentPlacer placer(m_catalog());

    IncidentImportReport report;
    report.source = request.source;
    report.type_list_loaded = !known_types.empty();
    IncidentFileRun::Context context{
        &request, &mapping, to_wgs84 ? &*to_wgs84 : nullptr, &placer, &known_types, 0, total};
    for (const auto& path : request.files) {
        const std::string name = path.string();
        try {
            std::ifstream in;
            std::string text;
            std::unique_ptr<io::IncidentReader> reader;
            if (is_geojson(request, path)) {
                text = read_whole(path);
                reader = io::open_incident_geojson(text, name, mapping, context.to_wgs84);
            } else {
                in.open(path, std::ios::binary);
                if (!in) throw Error(ErrorCode::invalid_input, "cannot read " + name, "file");
                reader = io::open_incident_csv(in, name, mapping, context.to_wgs84);
            }
            IncidentFileRun run(context, name, std::move(reader));
            const auto written = m_store.write_incidents(request.source, run, m_clock.now());
            add_file_report(report, run, written);
        } catch (const Error& error) {
            if (report.files.empty()) throw;
            throw Error(error.code(),
                        std::string(error.what()) + " (" + std::to_string(report.files.size()) +
                            " earlier file(s) were imported)",
                        error.field());
        }
        context.bytes_before += std::filesystem::file_size(path);
        if (request.progress) request.progress(context.bytes_before, total);
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

CodeListImportReport CrimeData::import_code_list(const CodeListImportRequest& request) {
    require_cli_crime_data(request.actor);
    checked_size(request.file, io::max_crime_code_list_bytes);
    const auto list = request.list ? request.list : list_from_name(request.file);
    if (!list) {
        throw Error(
            ErrorCode::invalid_argument,
            request.file.string() + ": say which list it is (--list types|states|relevance)",
            "list");
    }
    const auto entries = io::read_crime_code_list(read_whole(request.file), request.file.string());
    CodeListImportReport report;
    report.source = request.source;
    report.list = *list;
    std::map<std::int64_t, bool> was_sensitive;
    for (const auto& code : m_store.crime_codes(request.source, *list)) {
        was_sensitive[code.code] = code.sensitive;
    }
    std::map<std::int64_t, const io::CrimeCodeEntry*> by_code;
    for (const auto& entry : entries) by_code[entry.code] = &entry;
    std::vector<store::CrimeCode> codes;
    for (const auto& entry : entries) {
        store::CrimeCode code{entry.code, entry.parent, entry.level,
                              entry.name, entry.label,  false};
        if (*list == store::CrimeCodeList::types) {
            // Sensitive when it or an ancestor is named so, or was marked by hand before.
            code.sensitive = was_sensitive[entry.code];
            for (const io::CrimeCodeEntry* at = &entry; at && request.mark_sensitive_by_name;) {
                if (is_sensitive_type_name(at->name)) code.sensitive = true;
                const auto parent = at->parent ? by_code.find(*at->parent) : by_code.end();
                at = parent == by_code.end() ? nullptr : parent->second;
            }
            if (code.sensitive) report.sensitive.push_back(code.code);
        }
        if (!code.parent_code) ++report.top_level;
        report.depth = std::max(report.depth, static_cast<int>(code.level));
        codes.push_back(std::move(code));
    }
    report.codes = codes.size();
    store::AuditEntry audit =
        request.actor.audit("crime_codes.import", "crime_source", request.source);
    audit.details_json = "{\"list\":\"" + std::string(store::to_string(*list)) +
                         "\",\"codes\":" + std::to_string(codes.size()) + "}";
    report.result = m_store.replace_crime_codes(request.source, *list, codes, audit, m_clock.now());
    return report;
}

void CrimeData::set_type_sensitive(const Principal& actor, const std::string& source,
                                   std::int64_t code, bool sensitive) {
    require_cli_crime_data(actor);
    store::AuditEntry audit =
        actor.audit(sensitive ? "crime_type.mark_sensitive" : "crime_type.unmark_sensitive",
                    "crime_type", source + ":" + std::to_string(code));
    m_store.set_crime_type_sensitive(source, code, sensitive, audit, m_clock.now());
}

ReassignReport CrimeData::reassign(const std::optional<Principal>& actor) {
    if (actor) require_cli_crime_data(*actor);
    const auto started = std::chrono::steady_clock::now();
    ReassignReport report;
    IncidentPlacer placer(m_catalog());
    std::vector<core::LonLat> points;
    std::vector<IncidentAreas> areas;
    const auto assign = [&](std::span<store::IncidentPlace> page) {
        points.clear();
        for (const auto& place : page) {
            points.push_back(
                {static_cast<double>(place.lon_e7) / 1e7, static_cast<double>(place.lat_e7) / 1e7});
        }
        areas.resize(page.size());
        placer.place(points, areas);
        for (std::size_t i = 0; i < page.size(); ++i) {
            page[i].municipality_code = areas[i].municipality_code;
            page[i].city_part_id = areas[i].city_part_id;
            page[i].district_id = areas[i].district_id;
            if (!areas[i].municipality_code) ++report.unassigned;
        }
        report.incidents += static_cast<std::int64_t>(page.size());
    };
    store::AuditEntry audit;
    if (actor) {
        audit = actor->audit("incidents.reassign", "incidents", "all");
    } else {
        audit.actor_kind = store::ActorKind::system;
        audit.action = "incidents.reassign";
        audit.object_type = "incidents";
        audit.object_id = "all";
    }
    report.changed = m_store.reassign_incidents(assign, audit, m_clock.now());
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace okrsek::service
