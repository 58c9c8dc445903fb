-- gmatch returns one function, called directly or by a for loop (rxi/lume's color).
local f = ("rgb(255, 128, 0)"):gmatch("[%d.]+")
print(f(), f(), f(), f())
local g = string.gmatch("k1=v1 k2=v2", "(%w+)=(%w+)")
print(g())
print(g("ignored", 1))
print(g())
print(type(string.gmatch("", "x")), select("#", string.gmatch("", "x")))
for k in string.gfind("a b", "%a") do io.write(k, ";") end
print()
