dofile(os.getenv("BENCH_DIR") .. "/wrk/lib.lua")
-- The ask page's suggestions call, as a signed-in member types: POST /ask/suggestions with a title drawn from
-- the QUERIES file (one per line) and the session from SESSIONS ("session_token csrf_token" lines).
local queries = {}
local sessions = {}


local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

init = function(args)
  queries = lines("QUERIES")
  sessions = lines("SESSIONS")
  math.randomseed(os.time())
end

request = function()
  local token, csrf = pick_session(sessions)
  local title = queries[math.random(#queries)]
  -- FRESH: a title never typed before (a number added), so that its vector is computed, not remembered
  if os.getenv("FRESH") then
    fresh = (fresh or 0) + 1
    title = title .. " " .. fresh .. math.random(1000)
  end
  local headers = {
    ["Cookie"] = "th_session=" .. token .. "; th_csrf=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-CSRF-Token"] = csrf,
  }
  return wrk.format("POST", "/ask/suggestions", headers, "title=" .. encode(title))
end

dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
