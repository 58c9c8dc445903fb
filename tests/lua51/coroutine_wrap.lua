-- wrap returns a function; its results are the yielded values.
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i, i * i) end
  return "done"
end)
print(gen(3))
print(gen())
print(gen())
print(gen())
print(pcall(gen))
