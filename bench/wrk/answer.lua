dofile(os.getenv("BENCH_DIR") .. "/wrk/lib.lua")
-- Signed-in members posting answers as fast as the server takes them (SESSIONS and QUESTION_IDS files).
local sessions = {}
local questions = {}
local counter = 0


init = function(args)
  sessions = lines("SESSIONS")
  questions = lines("QUESTION_IDS")
  math.randomseed(os.time())
end

request = function()
  counter = counter + 1
  local token, csrf = pick_session(sessions)
  local headers = {
    ["Cookie"] = "th_session=" .. token .. "; th_csrf=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  local body = "_csrf=" .. csrf .. "&body=Benchmark+answer+" .. counter .. "+posted+under+load+with+enough+words."
  return wrk.format("POST", "/q/" .. questions[math.random(#questions)] .. "/answers", headers, body)
end

dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
