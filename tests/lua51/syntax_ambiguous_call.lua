-- Lua 5.1 rejects call arguments whose '(' starts a new line after any prefix
-- expression (a name, an index, a call, a parenthesized expression).
local cases = {
  "a=math.sin\n(3)", "f()\n(g)()", "x = 1\n(print)(2)", "x = {}\n(print)(2)",
  "x='s'\n(print)(2)", "print's'\n(print)(2)", "print(1)\n(print)(2)",
  "local t={f=print}\nt.f\n(3)", "print\n()", "x = function() end\n(print)(4)",
  "print(\n1)", "x = (1)\n(print)(5)", "t[1]\n(2)", "o:m\n(1)", "f -- c\n(1)",
}
for _, s in ipairs(cases) do
  local f, err = loadstring(s)
  print((s:gsub("\n", "\\n")), f ~= nil, err)
end
