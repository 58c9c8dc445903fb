-- Chunk names appear in error messages.
local f = loadstring("error('boom')", "=mychunk")
print(pcall(f))
local g = loadstring("local x = nil; return x.y", "=other")
local ok, e = pcall(g)
print(ok, (e:match("^[^:]+:%d+:")))
local h = loadstring("error('plain')")
print(pcall(h))
