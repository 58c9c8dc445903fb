-- An xpcall handler runs before the stack unwinds: it can inspect the erroring frame.
local function handler(e)
  local info = debug.getinfo(2, "l")
  return e .. " @" .. tostring(info and info.currentline)
end
local function fails()
  local x = 1
  error("boom", 0)
end
print(xpcall(fails, handler))
