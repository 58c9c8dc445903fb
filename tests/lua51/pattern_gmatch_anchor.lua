-- gmatch with patterns that can match empty strings.
local out = {}
for m in ("abc"):gmatch("x*") do out[#out + 1] = "[" .. m .. "]" end
print(table.concat(out))
out = {}
for m in ("a,b,,c"):gmatch("([^,]*)") do out[#out + 1] = "<" .. m .. ">" end
print(table.concat(out))
