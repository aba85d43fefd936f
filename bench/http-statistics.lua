-- wrk script: GET /api/v1/statistics/table for Praha (554782), districts × top categories ×
-- months with the year-earlier comparison, published through the suppression rules. Each
-- request picks another pair of top categories and period end (fixed seed), so answers differ.
-- STATS_MODE=page instead asks, in turn, for what the public page loads first (meta, the
-- default table, the district map): the same few answers, as most visitors ask for them.
math.randomseed(42)
local n = 0
local mode = os.getenv("STATS_MODE") or "random"
local page = {
  "/api/v1/statistics/meta?town=554782",
  "/api/v1/statistics/table?town=554782&level=district&bucket=month&compare=year_earlier",
  "/api/v1/statistics/areas?town=554782&level=district",
}
request = function()
  n = n + 1
  if mode == "page" then
    return wrk.format("GET", page[(n % #page) + 1])
  end
  local a = math.random(1, 8) * 100
  local b = math.random(1, 8) * 100
  if b == a then b = (a % 800) + 100 end
  local to = string.format("2025-%02d", math.random(1, 12))
  local path = string.format(
    "/api/v1/statistics/table?town=554782&level=district&bucket=month&compare=year_earlier" ..
      "&categories=%d,%d&to=%s", a, b, to)
  return wrk.format("GET", path)
end
local statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function()
  for status, count in pairs(statuses) do
    io.write(string.format("HTTP %d: %d\n", status, count))
  end
end
