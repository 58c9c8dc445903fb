-- Table constructors: positional, keyed, trailing separators, nested.
local t = {1, 2, 3, [10] = 10, x = "x", ["y z"] = "yz"; 4, 5,}
print(t[4], t[5], t[10], t.x, t["y z"])
local nested = {a = {b = {c = {d = "deep"}}}}
print(nested.a.b.c.d)
local function f() return 1, 2, 3 end
local m = {f(), f(), [2] = "overwritten?"}
print(m[1], m[2], m[3], m[4])
local e = {[1] = "one", "positional"}
print(e[1])
