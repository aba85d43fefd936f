-- wrk script: GET /api/v1/addresses with a fixed mix of queries as people type them, made from
-- sampled address points ($OKRSEK_BENCH_SAMPLE: street, number, town, part, postcode per line):
-- the full address, without diacritics, half-typed street, a typo, number first, postcode,
-- town only, one or two letters; half of them with the user's town. Fixed seed.
math.randomseed(42)

local folds = {
  ["á"]="a", ["č"]="c", ["ď"]="d", ["é"]="e", ["ě"]="e", ["í"]="i", ["ň"]="n", ["ó"]="o",
  ["ř"]="r", ["š"]="s", ["ť"]="t", ["ú"]="u", ["ů"]="u", ["ý"]="y", ["ž"]="z",
  ["Á"]="a", ["Č"]="c", ["Ď"]="d", ["É"]="e", ["Ě"]="e", ["Í"]="i", ["Ň"]="n", ["Ó"]="o",
  ["Ř"]="r", ["Š"]="s", ["Ť"]="t", ["Ú"]="u", ["Ů"]="u", ["Ý"]="y", ["Ž"]="z",
  ["ü"]="u", ["ö"]="o", ["ä"]="a", ["ô"]="o", ["ľ"]="l", ["ĺ"]="l"}

-- The first n bytes, without a character cut in two.
local function head(text, n)
  return (text:sub(1, n):gsub("[\xC0-\xFF][\x80-\xBF]*$", ""))
end

local function fold(text)
  return (text:gsub("[\xC3-\xC5][\x80-\xBF]", function(c) return folds[c] or c end):lower())
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function typo(word)
  if #word < 6 then return word end
  local i = math.random(2, #word - 2)
  local kind = math.random(4)
  if kind == 1 then return word:sub(1, i - 1) .. "x" .. word:sub(i + 1) end
  if kind == 2 then return word:sub(1, i - 1) .. word:sub(i + 1) end
  if kind == 3 then return word:sub(1, i) .. "e" .. word:sub(i + 1) end
  return word:sub(1, i - 1) .. word:sub(i + 1, i + 1) .. word:sub(i, i) .. word:sub(i + 2)
end

local samples = {}
for line in io.lines(os.getenv("OKRSEK_BENCH_SAMPLE")) do
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
  if #fields >= 6 then samples[#samples + 1] = fields end
end

local paths = {}
for i = 1, 10000 do
  local s = samples[math.random(#samples)]
  local street, number, town, postcode = s[1], s[2], s[3], s[5]
  local folded = fold(street)
  local kind = i % 8
  local q
  if kind == 0 then q = street .. " " .. number .. ", " .. town
  elseif kind == 1 then q = folded .. " " .. fold(number) .. " " .. fold(town)
  elseif kind == 2 then q = head(folded, math.random(3, 8))
  elseif kind == 3 then q = typo(folded) .. " " .. number .. " " .. fold(town)
  elseif kind == 4 then q = number .. " " .. folded .. " " .. head(fold(town), 4)
  elseif kind == 5 then q = street .. " " .. number .. " " .. postcode
  elseif kind == 6 then q = head(fold(town), math.random(3, 6))
  else q = head(folded, math.random(1, 2)) end
  local path = "/api/v1/addresses?q=" .. encode(q)
  if math.random(2) == 1 then path = path .. "&town=" .. s[6] end
  paths[i] = path
end

local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
