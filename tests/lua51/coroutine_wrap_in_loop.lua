-- Fibonacci generator and a coroutine inside a closure factory.
local function fib()
  return coroutine.wrap(function()
    local a, b = 0, 1
    while true do coroutine.yield(a); a, b = b, a + b end
  end)
end
local f = fib()
local out = {}
for i = 1, 20 do out[i] = f() end
print(table.concat(out, " "))
local function counter()
  local n = 0
  local co = coroutine.wrap(function() while true do n = n + 1; coroutine.yield(n) end end)
  return co, function() return n end
end
local next1, peek = counter()
next1(); next1()
print(next1(), peek())
