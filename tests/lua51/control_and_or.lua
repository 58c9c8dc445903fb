-- and/or short-circuit and value semantics.
local calls = {}
local function t(v) calls[#calls + 1] = tostring(v); return v end
print(t(nil) and t(1), t(false) or t(2), t(1) and t(nil) or t(3))
print(table.concat(calls, ","))
print(1 and nil, false and error("never"), true or error("never"))
local x = nil
local y = x and x.field or "default"
print(y)
print((nil or false) == false, (false or nil) == nil)
