-- Splitting CSV-like lines and joining them again.
local function split(s, sep)
  local out = {}
  for field in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = field end
  return out
end
local f = split("a,b,,d", ",")
print(#f, table.concat(f, "|"))
local g = split("x.y.z", ".")
print(#g, table.concat(g, "|"))
local line = "alice; admins ;  readwrite"
local parts = {}
for p in line:gmatch("[^;]+") do parts[#parts + 1] = p:match("^%s*(.-)%s*$") end
print(table.concat(parts, ","))
