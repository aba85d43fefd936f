#!/usr/bin/env python3
"""Writes the GeoJSON form of policie-sample.csv (one feature per incident, "types" an array,
as the Policie ČR GeoJSON downloads) and the Policie-layout code list types.csv / types.json
from types-partial-unverified.csv. Run from this folder; the outputs are committed."""
import csv
import json

incidents = {}
order = []
with open("policie-sample.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        key = row["id"]
        if key not in incidents:
            order.append(key)
            incidents[key] = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(row["x"]), float(row["y"])]},
                "properties": {
                    "id": int(key),
                    "mp": row["mp"].lower() == "true",
                    "date": row["date"],
                    "state": int(row["state"]),
                    "relevance": int(row["relevance"]),
                    "types": [],
                },
            }
        incidents[key]["properties"]["types"].append(int(row["types"]))

with open("policie-sample.geojson", "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": [incidents[k] for k in order]}, f,
              ensure_ascii=False, indent=1)
    f.write("\n")

types = []
with open("types-partial-unverified.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        types.append((int(row["id"]), row["parent_guess"], row["name_cs"]))

with open("types.csv", "w", newline="", encoding="utf-8") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["id", "parent_id1", "parent_id2", "parent_id3", "name", "label"])
    for code, parent, name in types:
        out.writerow([code, parent, "", "", name, name])

with open("types.json", "w", encoding="utf-8") as f:
    items = [{"id": code, "parent_id1": int(parent) if parent else None,
              "nazev": {"cs": name}} for code, parent, name in types]
    json.dump({"polozky": items}, f, ensure_ascii=False, indent=1)
    f.write("\n")
