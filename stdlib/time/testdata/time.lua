-- The time module, without a server.
local time = require("time")
local T = {}

function T.test_parse_and_format(t)
  t:eq(time.parse("2030-01-02T03:04:05Z"), 1893553445)
  t:eq(time.format(1893553445), "2030-01-02T03:04:05Z")
  t:ok(math.abs(time.now() - os.time()) <= 1, "now is Unix seconds")
end

function T.test_durations(t)
  t:eq(time.parse_duration("30d"), 2592000)
  t:eq(time.parse_duration("90m"), 5400)
  t:eq(time.parse_duration("1h30m"), 5400)
  t:ok(not pcall(time.parse_duration, "soon"), "garbage is an error")
end

function T.test_sleep(t)
  time.sleep(0.01)
end

return T
