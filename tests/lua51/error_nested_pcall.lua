-- Errors rethrown through nested pcalls.
local function level3() error("deep", 0) end
local function level2()
  local ok, e = pcall(level3)
  error("wrapped: " .. e, 0)
end
local function level1()
  local ok, e = pcall(level2)
  return "got " .. e
end
print(pcall(level1))
local depth = 0
local function recurse(n)
  if n == 0 then error("bottom", 0) end
  local ok, e = pcall(recurse, n - 1)
  depth = depth + 1
  error(e .. "<" .. n, 0)
end
print(pcall(recurse, 5))
print(depth)
