-- Generators used as generic-for iterators.
local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step or 1 do coroutine.yield(i) end
  end)
end
local t = {}
for i in range(10, 3) do t[#t + 1] = i end
print(table.concat(t, ","))
local function chars(s)
  return coroutine.wrap(function()
    for i = 1, #s do coroutine.yield(i, s:sub(i, i)) end
  end)
end
for i, c in chars("lua") do print(i, c) end
