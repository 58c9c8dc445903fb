-- table.insert and table.remove at the end, front and middle.
local t = {}
table.insert(t, "a")
table.insert(t, "c")
table.insert(t, 2, "b")
table.insert(t, 1, "start")
print(#t, table.concat(t, " "))
print(table.remove(t), #t)
print(table.remove(t, 1), #t, table.concat(t, " "))
print(table.remove(t, 1), table.remove(t, 1), #t)
print(table.remove(t), #t)
print(table.remove({}))
local q = {}
for i = 1, 5 do table.insert(q, i) end
local out = {}
while #q > 0 do out[#out + 1] = table.remove(q, 1) end
print(table.concat(out, ","))
