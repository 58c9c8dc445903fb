-- A round-robin scheduler with sleeping tasks (ticks, no real time).
local tasks, now, log = {}, 0, {}
local function spawn(name, f) tasks[#tasks + 1] = {name = name, co = coroutine.create(f), wake = 0} end
local function sleep(n) coroutine.yield(n) end
spawn("a", function() for i = 1, 3 do log[#log + 1] = "a" .. i .. "@" .. now; sleep(2) end end)
spawn("b", function() for i = 1, 2 do log[#log + 1] = "b" .. i .. "@" .. now; sleep(3) end end)
spawn("c", function() log[#log + 1] = "c@" .. now end)
while #tasks > 0 do
  for i = #tasks, 1, -1 do
    local t = tasks[i]
    if t.wake <= now then
      local ok, n = coroutine.resume(t.co)
      if coroutine.status(t.co) == "dead" then table.remove(tasks, i) else t.wake = now + n end
    end
  end
  now = now + 1
end
print(table.concat(log, " "))
