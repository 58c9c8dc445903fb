-- Loaded chunks see globals, not the caller's locals.
local secret = "local"
visible = "global"
local f = loadstring("return secret, visible")
print(f())
local g = loadstring("return ...")
print(g("a", "b"))
local env = {visible = "from env"}
local h = loadstring("return visible")
setfenv(h, env)
print(h())
