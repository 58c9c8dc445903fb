-- The main chunk's ... is the script arguments (none here) and arg exists.
print(select("#", ...))
print(type(arg))
local f = loadstring("return select('#', ...), ...")
print(f(1, 2, 3))
