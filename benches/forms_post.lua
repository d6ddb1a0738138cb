-- wrk script: POST the contact form, count answers by status.
-- FORWARDED_FOR (env) sets X-Forwarded-For, to play one client or another.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "https://praktijk-debrug.example"
local client = os.getenv("FORWARDED_FOR")
if client then wrk.headers["X-Forwarded-For"] = client end
wrk.body = "_lang=nl&_page=%2Fnl%2Fcontact%2F&name=Anne+Peeters&email=anne%40example.be&message=Ik+zoek+een+eerste+gesprek+over+mijn+werk+en+mijn+rust.&website="

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  statuses = {}
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("status %d: %d\n", code, n)) end
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
