-- setfenv(1, t) changes the running function's environment.
local function sandbox()
  local print, tostring = print, tostring
  setfenv(1, {value = "inside"})
  print(value, tostring(undefined_global))
end
sandbox()
print(value)
print(pcall(setfenv, 1, 5) == false)
