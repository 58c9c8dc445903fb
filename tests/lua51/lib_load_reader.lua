-- load(reader): pieces read as the parser asks, reader errors and bad pieces returned
local i = 0
local function read1(x) return function() i = i + 1; return string.sub(x, i, i) end end
local a, b = load(read1("*a = 123"))
print(a, type(b), i)
i = 0
a = load(read1("return 1 + 2"))
print(a(), i)
print(pcall(function() return load(function() error("hhi", 0) end) end))
print(pcall(function() return load(function() return {} end) end))
print(load(function() return nil end) ~= nil)
local parts = {"return ", 4, "2"}
local k = 0
print(load(function() k = k + 1 return parts[k] end)())
local x = [[
  return function (x)
    return function (y)
      return x + y
    end
  end
]]
i = 0
print(load(read1(x))()(2)(3))
print(pcall(load))
print(pcall(load, "return 1"))
