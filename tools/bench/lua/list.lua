-- list.lua OP [ARG]: one listing call into a Lua table; prints seconds and entries.
local op, a = arg[1], arg[2]
local time = require("time")
local t0 = time.now()
local result = a and a ~= "" and admin[op](admin, a) or admin[op](admin)
local dt = time.now() - t0
local list, n = result.accounts or result, 0
for _ in pairs(list) do n = n + 1 end
print(dt, n)
