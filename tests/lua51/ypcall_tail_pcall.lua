-- reference: lua5.2
-- return pcall(...) in tail position, yielding inside.
local function protected(f, ...) return pcall(f, ...) end
local co = coroutine.wrap(function()
  local a, b = protected(function(x) return coroutine.yield(x) + 1 end, 10)
  local c, d = protected(function() coroutine.yield("again"); error("tail err", 0) end)
  return a, b, c, d
end)
print(co())
print(co(5))
print(co())
