-- wrk script: after the run, the latency at finer percentiles than --latency prints (microseconds), and how many
-- requests took longer than 2, 5 and 10 times the median.
done = function(summary, latency, requests)
  local out = "PCT"
  for _, p in ipairs({50, 75, 90, 95, 97, 98, 98.5, 99, 99.5, 99.9, 99.99}) do
    out = out .. string.format(" p%s=%d", p, latency:percentile(p))
  end
  io.write(out .. string.format(" max=%d mean=%.0f stdev=%.0f n=%d\n", latency.max, latency.mean, latency.stdev,
    summary.requests))
end
