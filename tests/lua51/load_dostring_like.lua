-- Running generated code: building functions from strings.
local ops = {"+", "-", "*", "/"}
for _, op in ipairs(ops) do
  local f = loadstring("return function(a, b) return a " .. op .. " b end")()
  print(op, f(12, 4))
end
local code = {}
for i = 1, 5 do code[#code + 1] = "t[" .. i .. "] = " .. i * i end
local t = {}
local setter = loadstring("local t = ...; " .. table.concat(code, "; "))
setter(t)
print(table.concat(t, ","))
