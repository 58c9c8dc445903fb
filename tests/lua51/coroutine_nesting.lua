-- Coroutines resuming coroutines, yields passing through levels.
local function chain(depth)
  if depth == 0 then
    return coroutine.create(function(x)
      while true do x = coroutine.yield("leaf " .. x) end
    end)
  end
  local child = chain(depth - 1)
  return coroutine.create(function(x)
    while true do
      local _, v = coroutine.resume(child, x)
      x = coroutine.yield(depth .. ">" .. v)
    end
  end)
end
local top = chain(3)
for i = 1, 3 do print(coroutine.resume(top, i)) end
