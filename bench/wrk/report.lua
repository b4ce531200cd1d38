-- Appended to every wrk run: prints one machine-readable line with throughput, latency percentiles (ms) and the
-- share of responses Townhall served from its page cache (X-Townhall-Cache: hit).
local report_threads = {}
local previous_setup = setup
setup = function(thread)
  if previous_setup then previous_setup(thread) end
  report_threads[#report_threads + 1] = thread
end

cache_hits = 0
response = function(status, headers, body)
  if headers["X-Townhall-Cache"] == "hit" then cache_hits = cache_hits + 1 end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  local hits = 0
  for _, thread in ipairs(report_threads) do hits = hits + (thread:get("cache_hits") or 0) end
  io.write(string.format(
    "RESULT rps=%.1f p50=%.2f p99=%.2f p999=%.2f max=%.2f requests=%d errors=%d non2xx=%d cached=%.0f%%\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, summary.requests, errors, summary.errors.status,
    summary.requests > 0 and 100 * hits / summary.requests or 0))
end
