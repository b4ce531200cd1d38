dofile(os.getenv("BENCH_DIR") .. "/wrk/lib.lua")
-- GET a rotating list of paths read from the file named by the PATHS environment variable (one per line),
-- so a run touches many questions rather than one cached page.
local paths = {}
local counter = 0

init = function(args)
  paths = lines("PATHS")
  counter = math.random(#paths)
end

request = function()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
