-- Yield and resume with many, zero and nil values.
local co = coroutine.create(function(...)
  print(select("#", ...), ...)
  print(select("#", coroutine.yield()))
  print(select("#", coroutine.yield(nil)))
  print(coroutine.yield(nil, nil, 3))
  return ...
end)
print(coroutine.resume(co, 1, nil, 3))
print(coroutine.resume(co))
print(coroutine.resume(co, nil, nil))
print(coroutine.resume(co, "a", "b"))
print(coroutine.resume(co, "c"))
