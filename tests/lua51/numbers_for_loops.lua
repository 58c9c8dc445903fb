-- Numeric for with float steps, negative steps and large bounds.
local out = {}
for i = 1, 2, 0.25 do out[#out + 1] = i end
print(table.concat(out, " "))
out = {}
for i = 10, 1, -3 do out[#out + 1] = i end
print(table.concat(out, " "))
out = {}
for i = 0.1, 0.5, 0.1 do out[#out + 1] = i end
print(table.concat(out, " "))
local n = 0
for i = 1, 0 do n = n + 1 end
print(n)
for i = 3, 3 do print("once", i) end
print(pcall(function() for i = 1, "x" do end end) == false)
local c = 0
for i = 1, 3 do local i = i * 2; c = c + i end
print(c)
