dofile(os.getenv("BENCH_DIR") .. "/wrk/lib.lua")
-- Signed-in members reading, answering and voting. SESSIONS names a file of "session_token csrf_token" lines
-- (one member each) and PATHS a file of question ids. Of every 20 requests: 1 answer, 2 votes, 17 page reads.
local sessions = {}
local questions = {}
local me = nil
local counter = 0


local thread_count = 0
setup = function(thread)
  thread_count = thread_count + 1
  thread:set("index", thread_count)
end

init = function(args)
  sessions = lines("SESSIONS")
  questions = lines("QUESTION_IDS")
  math.randomseed(os.time() + (index or 1) * 7919)
  counter = math.random(1000)
end


request = function()
  counter = counter + 1
  local question = questions[math.random(#questions)]
  local token, csrf = pick_session(sessions)
  local headers = {
    ["Cookie"] = "th_session=" .. token .. "; th_csrf=" .. csrf,
  }
  local slot = counter % 20
  if slot == 0 then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    local body = "_csrf=" .. csrf .. "&body=" .. "Benchmark+answer+number+" .. counter .. "+with+enough+words+to+pass."
    return wrk.format("POST", "/q/" .. question .. "/answers", headers, body)
  elseif slot == 1 or slot == 2 then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Accept"] = "application/json"
    local value = (counter % 3 == 0) and "down" or "up"
    return wrk.format("POST", "/posts/" .. question .. "/vote", headers, "_csrf=" .. csrf .. "&value=" .. value)
  end
  return wrk.format("GET", "/q/" .. question, headers)
end

dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
