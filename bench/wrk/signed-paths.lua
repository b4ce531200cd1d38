dofile(os.getenv("BENCH_DIR") .. "/wrk/lib.lua")
-- GET a rotating list of paths (PATHS) as signed-in members (SESSIONS: "session csrf" lines, one picked per
-- request): pages a member gets are rendered for them, never served from the page cache.
local paths = {}
local sessions = {}
local counter = 0

init = function(args)
  paths = lines("PATHS")
  sessions = lines("SESSIONS")
  counter = math.random(#paths)
end

request = function()
  counter = counter % #paths + 1
  local token, csrf = pick_session(sessions)
  return wrk.format("GET", paths[counter], {["Cookie"] = "th_session=" .. token .. "; th_csrf=" .. csrf})
end

dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
