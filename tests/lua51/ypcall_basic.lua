-- reference: lua5.2
-- The issue's crash 2: resuming a coroutine that yielded inside pcall.
local co = coroutine.create(function()
  return pcall(function() local x = coroutine.yield(1); return x * 2 end)
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 10))
print(coroutine.status(co))
print(coroutine.resume(co))
-- Yielding from the main thread is an error, as in Lua 5.2.
print(pcall(coroutine.yield, 1))
