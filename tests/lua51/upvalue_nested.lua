-- Upvalues through several levels of nesting.
local function outer()
  local a = 1
  return function()
    local b = 2
    return function()
      local c = 3
      return function() a = a + 1; b = b + 1; c = c + 1; return a + b + c end
    end
  end
end
local f = outer()()()
print(f(), f(), f())
local function make()
  local x = 0
  local function inner() x = x + 1; return x end
  local function twice() inner(); return inner() end
  return twice
end
local t = make()
print(t(), t())
