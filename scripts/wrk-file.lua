-- One POST of a body read from a file, for scripts/bench-npy.sh: BODY is the file, CONTENT_TYPE and
-- ACCEPT the headers. At the end it prints one line that the script reads:
--   RESULT <median latency us> <min latency us> <requests> <non-2xx answers> <socket errors>
local file = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE")
wrk.headers["Accept"] = os.getenv("ACCEPT")

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("RESULT %d %d %d %d %d\n", latency:percentile(50), latency.min,
        summary.requests, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
