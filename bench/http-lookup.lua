-- wrk script: GET /api/v1/lookup at random points over Prague's bounding box (fixed seed),
-- so the server does real index work on every request rather than answering one cached point.
math.randomseed(42)
local points = {}
for i = 1, 10000 do
  local lon = 14.2244 + math.random() * (14.7068 - 14.2244)
  local lat = 49.9419 + math.random() * (50.1774 - 49.9419)
  points[i] = string.format("/api/v1/lookup?lon=%.6f&lat=%.6f", lon, lat)
end
local i = 0
request = function()
  i = i % #points + 1
  return wrk.format("GET", points[i])
end
