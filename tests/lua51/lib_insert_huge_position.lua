-- table.insert's position is a C int: 1/0 is 0 (it counted down to the smallest int64).
local t = {'a', 'b', 'c'}
print(pcall(table.insert, t, 1/0, 'x'))
print(t[0], t[1], t[2], t[3], t[4])
