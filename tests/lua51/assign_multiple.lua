-- Multiple assignment evaluates all values first (upstream gopher-lua #440, #315).
local a, b = 1, 2
a, b = b, a
print(a, b)
local x, y = 0, 0
x, y = x + 1, x + y
print(x, y)
local t, i = {}, 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local f, d = 1, "e"
f, t.d = f, d
print(f, t.d)
local p, q, r = 1, 2, 3
p, q, r = r, p, q
print(p, q, r)
local old = t
t.x, t = "set on old", {}
print(old.x, t.x)
local g1, g2 = 5
print(g1, g2)
local u, v, w = (function() return 1, 2, 3 end)()
u, v, w = w, u
print(u, v, w)
