-- __newindex: read-only tables, proxies and logging.
local log = {}
local store = {}
local proxy = setmetatable({}, {
  __index = store,
  __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(store, k, v) end,
})
proxy.a = 1
proxy.b = 2
proxy.a = 3
print(proxy.a, proxy.b, rawget(proxy, "a"), table.concat(log, " "))
local ro = setmetatable({}, {__newindex = function(t, k) error("read-only: " .. k, 2) end})
print(pcall(function() ro.x = 1 end))
local target = {}
local redirect = setmetatable({}, {__newindex = target})
redirect.k = "v"
print(rawget(redirect, "k"), target.k)
