-- No LOADNIL for locals at a function's start (Lua 5.1's luaK_nil): line hooks do not
-- see the line of `local a`, and the locals are nil all the same, also in loops.
local function trace(s)
  local got = {}
  debug.sethook(function(_, line) got[#got + 1] = line end, "l")
  loadstring(s)()
  debug.sethook()
  print((s:gsub("\n", "|")), table.concat(got, ","))
end
trace("local a\na=1\nwhile a<=3 do\n  a=a+1\nend\n")
trace("local a, b\nprint(a, b)\n")
trace("local a, b = 1\nprint(a, b)\n")
trace("local n = 0\nrepeat\n  local a\n  print(a)\n  a = 1\n  n = n + 1\nuntil n == 2\n")
trace("local n = 0\nwhile true do\n  local a\n  print(a)\n  a = 1\n  n = n + 1\n  if n == 2 then break end\nend\n")
local function f(x, ...) local a, b; print(x, a, b, ...) ; a = 1 end
f(1, 2, 3); f(); f(nil, nil)
local function g(x) local y; local z; print(x, y, z); y = 5; return y end
print(g(4), g())
for i = 1, 2 do local v; print(i, v); v = i end
local co = coroutine.wrap(function(...) local a; print(a, ...); a = 2; coroutine.yield(); local b; print(a, b) end)
co(7, 8); co()
