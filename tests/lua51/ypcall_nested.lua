-- reference: lua5.2
-- Nested protected calls with yields at every level and errors at some.
local log = {}
local co = coroutine.create(function(a)
  local r1 = {pcall(function()
    local b = coroutine.yield("outer", a)
    local r2 = {pcall(function()
      local c = coroutine.yield("inner", b)
      if c == "boom" then error("inner failed", 0) end
      return c
    end)}
    log[#log + 1] = table.concat({tostring(r2[1]), tostring(r2[2])}, ",")
    local d = coroutine.yield("after inner")
    local r3 = {pcall(pcall, function() coroutine.yield("deep"); error("deep error", 0) end)}
    log[#log + 1] = table.concat({tostring(r3[1]), tostring(r3[2]), tostring(r3[3])}, ",")
    return d, select("#", unpack(r2))
  end)}
  return unpack(r1)
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 2))
print(coroutine.resume(co, "boom"))
print(coroutine.resume(co, "d"))
print(coroutine.resume(co))
print(coroutine.status(co))
for i, l in ipairs(log) do print(i, l) end
