-- reference: lua5.2
-- A long loop yielding inside one pcall, resumed many times.
local co = coroutine.create(function()
  return pcall(function()
    local sum = 0
    for i = 1, 1000 do sum = sum + coroutine.yield(i) end
    return sum
  end)
end)
local ok, v = coroutine.resume(co)
while coroutine.status(co) == "suspended" do ok, v, w = coroutine.resume(co, v) end
print(ok, v, w)
