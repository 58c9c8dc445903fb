-- A coroutine that died with an error keeps its frames as the error left them: its
-- traceback starts at the function that raised it ([C]: in function 'error'), and
-- debug.getinfo/getlocal see every level.
function f(i) if i==0 then error(i) else coroutine.yield(); f(i-1) end end
co = coroutine.create(function (x) f(x) end)
a, b = coroutine.resume(co, 1)
print(debug.traceback(co))
print(coroutine.resume(co))
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.getinfo(co, 0, "nSl").short_src, debug.getinfo(co, 0, "n").name, debug.getinfo(co, 0, "l").currentline)
print(debug.getinfo(co, 1, "nSl").currentline, debug.getinfo(co, 1, "n").name)
local x = debug.getinfo(co, 2, "nSl") print(x.currentline, x.name, x.what)
print(debug.getlocal(co, 1, 1))
print(debug.getlocal(co, 2, 1))
-- error from a Lua operation, not error()
co = coroutine.create(function () local x = nil; return x.y end)
print(coroutine.resume(co))
print(debug.traceback(co))
-- error from a Go function other than error
co = coroutine.create(function () return string.rep() end)
print(coroutine.resume(co))
print(debug.traceback(co))
co = coroutine.wrap(function () error("x") end)
print(pcall(co))
-- dead normally
co = coroutine.create(function () return 1 end)
coroutine.resume(co)
print(debug.traceback(co))
