-- reference: lua5.2
-- xpcall inside pcall inside xpcall, yielding at each level.
local function h(tag) return function(e) return tag .. "(" .. tostring(e) .. ")" end end
local co = coroutine.wrap(function()
  return xpcall(function()
    coroutine.yield(1)
    local ok, v = pcall(function()
      coroutine.yield(2)
      return select(2, xpcall(function() coroutine.yield(3); error("x", 0) end, h("inner")))
    end)
    coroutine.yield(4)
    error(v, 0)
  end, h("outer"))
end)
for i = 1, 5 do print(co()) end
