-- reference: lua5.2
-- Many coroutines suspended inside pcall at once, most never resumed again.
local cos = {}
for i = 1, 2000 do
  local co = coroutine.create(function(n)
    local ok, v = pcall(function() return coroutine.yield(n) * 2 end)
    return ok, v
  end)
  local _, got = coroutine.resume(co, i)
  assert(got == i)
  cos[i] = co
end
local sum = 0
for i = 1, 2000, 100 do
  local ok, pok, v = coroutine.resume(cos[i], i)
  sum = sum + v
end
print(sum)
local suspended = 0
for i = 1, 2000 do if coroutine.status(cos[i]) == "suspended" then suspended = suspended + 1 end end
print(suspended)
cos = nil
