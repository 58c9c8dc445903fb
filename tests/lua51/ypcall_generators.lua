-- reference: lua5.2
-- A generator that protects each step, and a round-robin scheduler written in Lua.
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do
      local ok, err = pcall(function()
        if i % 3 == 0 then error("skip " .. i, 0) end
        coroutine.yield(i)
      end)
      if not ok then coroutine.yield("error: " .. err) end
    end
  end)
end
for v in gen(7) do print(v) end

local tasks, out = {}, {}
for id = 1, 5 do
  tasks[#tasks + 1] = coroutine.create(function()
    for step = 1, id do
      local ok, err = pcall(function()
        coroutine.yield()
        if (id + step) % 4 == 0 then error(("task %d step %d"):format(id, step), 0) end
        out[#out + 1] = id .. ":" .. step
      end)
      if not ok then out[#out + 1] = "err " .. err end
    end
  end)
end
while #tasks > 0 do
  for i = #tasks, 1, -1 do
    local ok = coroutine.resume(tasks[i])
    if coroutine.status(tasks[i]) == "dead" then table.remove(tasks, i) end
  end
end
print(table.concat(out, " "))
