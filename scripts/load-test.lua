-- wrk script for scripts/load-test.sh: a fixed mix of valid and invalid requests over every
-- endpoint, cycled per connection, with a count of answers by status class.
--
-- Every answer is expected to be 2xx or 4xx; a 5xx is a failure of the service.

local function json_post(path, body)
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
end

-- A 32 x 10 logits matrix, to have some requests that do real work.
local function matrix(rows, cols, scale)
  local out = {}
  for n = 0, rows - 1 do
    local row = {}
    for c = 0, cols - 1 do
      row[#row + 1] = string.format("%.17g", math.sin(n * 7 + c * 3) * scale)
    end
    out[#out + 1] = "[" .. table.concat(row, ",") .. "]"
  end
  return "[" .. table.concat(out, ",") .. "]"
end

local function targets(rows, cols)
  local out = {}
  for n = 0, rows - 1 do out[#out + 1] = tostring((n * 5) % cols) end
  return "[" .. table.concat(out, ",") .. "]"
end

-- Built in init(), not at load time: wrk.format only knows the Host header by then.
local function build_requests()
  local logits = matrix(32, 10, 3.0)
  local target = targets(32, 10)
  return {
  -- valid
  json_post("/loss/cross-entropy", '{"logits":[[1.0,2.0,0.5],[0.1,0.2,3.0]],"target":[0,2]}'),
  json_post("/loss/cross-entropy", '{"logits":' .. logits .. ',"target":' .. target ..
    ',"labelSmoothing":0.1,"reduction":"sum"}'),
  json_post("/loss/cross-entropy?samples=false",
    '{"logits":[[1,2],[3,4]],"targetProbabilities":[[0.25,0.75],[1,0]],"weight":[1,2]}'),
  json_post("/loss/nll", '{"logProbabilities":[[-0.1,-2.3],[-1.2,-0.4]],"target":[0,1],' ..
    '"reduction":"none"}'),
  json_post("/loss/bce", '{"probabilities":[0.9,0.2,0.5],"target":[1,0,1]}'),
  json_post("/loss/bce", '{"logits":[[0.3,-1.2],[2.0,0.1]],"target":[[1,0],[0,1]],' ..
    '"posWeight":[2,1]}'),
  json_post("/softmax", '{"logits":' .. logits .. ',"temperature":2.0}'),
  json_post("/softmax", '{"logits":[[1,2,3]],"upstreamGradient":[[0.1,-0.2,0.3]]}'),
  wrk.format("GET", "/readyz"),
  -- invalid: each must be a 4xx problem, never a 5xx
  json_post("/loss/cross-entropy", '{"logits":[[1,2],[3]],"target":[0,1]}'),
  json_post("/loss/cross-entropy", '{"logits":[[NaN,1]],"target":[0]}'),
  json_post("/loss/cross-entropy", '{"logits":[[1e400,1]],"target":[0]}'),
  json_post("/loss/cross-entropy", '{"logits":[[1,2]],"target":[7]}'),
  json_post("/loss/nll", '{"logProbabilities":[[-1,-2]],"target":[0],"reduction":"avg"}'),
  json_post("/loss/bce", '{"probabilities":[1.5],"target":[1]}'),
  json_post("/softmax", '{"logits":[[1,2]],"temperature":0}'),
  json_post("/softmax", '{"logits": [[1,2'),
  json_post("/softmax", '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'),
  wrk.format("POST", "/softmax", { ["Content-Type"] = "text/plain" }, "logits"),
  wrk.format("GET", "/loss/nll"),
  wrk.format("GET", "/no/such/path"),
  json_post("/softmax?samples=maybe", '{"logits":[[1,2]]}'),
  }
end

local requests = {}

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  requests = build_requests()
  s2xx, s4xx, s5xx, sother = 0, 0, 0, 0
  counter = id or 0
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function response(status, headers, body)
  if status >= 500 then
    s5xx = s5xx + 1
  elseif status >= 400 then
    s4xx = s4xx + 1
  elseif status >= 200 and status < 300 then
    s2xx = s2xx + 1
  else
    sother = sother + 1
  end
end

function done(summary, latency, requests_)
  local t2, t4, t5, to = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    t2 = t2 + thread:get("s2xx")
    t4 = t4 + thread:get("s4xx")
    t5 = t5 + thread:get("s5xx")
    to = to + thread:get("sother")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("RESULT status_2xx=%d status_4xx=%d status_5xx=%d status_other=%d\n",
    t2, t4, t5, to))
  io.write(string.format("RESULT socket_errors connect=%d read=%d write=%d timeout=%d\n",
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format("RESULT latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
