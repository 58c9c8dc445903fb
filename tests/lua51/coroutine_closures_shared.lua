-- Coroutines sharing upvalues with the creator.
local shared = 0
local a = coroutine.wrap(function() for i = 1, 3 do shared = shared + i; coroutine.yield(shared) end end)
local b = coroutine.wrap(function() for i = 1, 3 do shared = shared * 2; coroutine.yield(shared) end end)
print(a(), b(), a(), b(), a(), b())
print(shared)
