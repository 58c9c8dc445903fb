-- Closures capturing varargs through a table, and partial application.
local function bind(f, ...)
  local args = {...}
  local n = select("#", ...)
  return function(...)
    local all = {}
    for i = 1, n do all[i] = args[i] end
    local m = select("#", ...)
    for i = 1, m do all[n + i] = select(i, ...) end
    return f(unpack(all, 1, n + m))
  end
end
local add3 = function(a, b, c) return a + b + c end
print(bind(add3, 1)(2, 3), bind(add3, 1, 2)(3), bind(add3, 1, 2, 3)())
local concat = bind(string.format, "%s-%s-%s")
print(concat("a", "b", "c"))
