-- The producer/consumer example from Programming in Lua.
local function producer(items)
  return coroutine.create(function()
    for _, item in ipairs(items) do coroutine.yield(item) end
  end)
end
local function filter(prod)
  return coroutine.create(function()
    local n = 1
    while true do
      local _, x = coroutine.resume(prod)
      if x == nil then break end
      coroutine.yield(string.format("%5d %s", n, x))
      n = n + 1
    end
  end)
end
local function consumer(prod)
  while true do
    local _, x = coroutine.resume(prod)
    if x == nil then break end
    print(x)
  end
end
consumer(filter(producer({"alpha", "beta", "gamma"})))
