-- Tables as error values keep their identity and fields.
local E = {}
local ok, e = pcall(function() error(E) end)
print(ok, e == E)
local ok2, e2 = pcall(function() error({code = 404, msg = "not found"}, 2) end)
print(ok2, e2.code, e2.msg)
local mt = {__tostring = function(self) return "E(" .. self.code .. ")" end}
local ok3, e3 = pcall(error, setmetatable({code = 1}, mt))
print(ok3, tostring(e3))
local ok4, e4 = pcall(function() local t = setmetatable({}, {__index = function(t, k) error({key = k}) end}); return t.missing end)
print(ok4, e4.key)
