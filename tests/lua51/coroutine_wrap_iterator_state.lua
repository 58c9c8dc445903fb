-- Iterators over a table's sorted keys built from coroutines.
local function sortedpairs(t)
  return coroutine.wrap(function()
    local keys = {}
    for k in pairs(t) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do coroutine.yield(k, t[k]) end
  end)
end
for k, v in sortedpairs({b = 2, a = 1, d = 4, c = 3}) do io.write(k, "=", v, " ") end
print()
