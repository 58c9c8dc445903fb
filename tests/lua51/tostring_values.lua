-- tostring of every type (addresses only checked by shape).
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring(-3.5), tostring("s"))
print(tostring({}):match("^table: ") ~= nil, tostring(print):match("^function") ~= nil)
print(tostring(coroutine.create(function() end)):match("^thread: ") ~= nil)
print(type(tostring(1)), tostring(1e300), tostring(-1e-300), tostring(2^63))
print(pcall(tostring))
print(tostring(1, 2))
