-- Shared by the benchmark scripts: reading the generator's files.
function lines(name)
  local result = {}
  local file = assert(io.open(os.getenv(name), "r"))
  for line in file:lines() do
    if #line > 0 then result[#result + 1] = line end
  end
  file:close()
  return result
end

-- A random signed-in member from the SESSIONS lines: session token, CSRF token.
function pick_session(sessions)
  return sessions[math.random(#sessions)]:match("(%S+)%s+(%S+)")
end
