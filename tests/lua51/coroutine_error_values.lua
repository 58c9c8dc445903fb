-- Non-string error values and error positions from coroutines.
local function run(f, ...)
  local co = coroutine.create(f)
  local r = {coroutine.resume(co, ...)}
  for i = 1, #r do r[i] = type(r[i]) == "table" and "table:" .. tostring(r[i].tag) or tostring(r[i]) end
  print(table.concat(r, " | "))
end
run(function() error(42) end)
run(function() error(nil) end)
run(function() error({tag = "t"}) end)
run(function() error(true) end)
run(function(x) return x end, "plain")
local co = coroutine.create(function() local t = {} ; t = t .. "" end)
local ok, e = coroutine.resume(co)
print(ok, (e:match("^[^:]+:%d+:")))
