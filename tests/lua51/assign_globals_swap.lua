-- Swaps of globals, upvalues and table fields.
ga, gb = "a", "b"
ga, gb = gb, ga
print(ga, gb)
local up1, up2 = 1, 2
local function swap() up1, up2 = up2, up1 end
swap()
print(up1, up2)
local t = {1, 2, 3}
t[1], t[3] = t[3], t[1]
print(table.concat(t, ","))
local i = 1
t[i], t[i + 1] = t[i + 1], t[i]
print(table.concat(t, ","))
