-- wrk script: POST /api/v1/reports, a citizen report with an e-mail contact and no photos, at
-- random points of Prague 2 (fixed seed), every one a different text and e-mail address, so each
-- request routes, seals the contact, hashes the rate-limit keys and queues a confirmation e-mail
-- in one transaction. OKRSEK_CSRF and OKRSEK_COOKIE carry the pre-session CSRF token.
math.randomseed(42)
local csrf = os.getenv("OKRSEK_CSRF")
local cookie = os.getenv("OKRSEK_COOKIE")
local categories = { "vandalism", "night_disturbance", "traffic_danger" }
local n = 0
request = function()
  n = n + 1
  local lon = 14.425 + math.random() * 0.02
  local lat = 50.070 + math.random() * 0.01
  local body = string.format(
    '{"lon":%.6f,"lat":%.6f,"address_text":"Benchmarková %d","category":"%s",' ..
      '"description":"Zátěžový test, hlášení číslo %d: rozbitá lampa a nepořádek u vchodu.",' ..
      '"contact":{"name":"Test Zátěžový","email":"zatez%d@example.org"},"show_name":false,' ..
      '"website":"","lang":"cs"}',
    lon, lat, n, categories[n % #categories + 1], n, n)
  return wrk.format("POST", "/api/v1/reports", {
    ["Content-Type"] = "application/json",
    ["X-CSRF-Token"] = csrf,
    ["Cookie"] = cookie,
  }, body)
end
local statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function()
  for status, count in pairs(statuses) do
    io.write(string.format("status %d: %d (this thread's counter)\n", status, count))
  end
end
