-- string.find: plain, patterns, init, captures.
local s = "hello world from lua"
print(s:find("world"))
print(s:find("o"))
print(s:find("o", 6))
print(s:find("o", -5))
print(s:find("l+"))
print(s:find("(%w+) (%w+)"))
print(s:find(".", 1, true))
print(("a.b.c"):find(".", 1, true), ("a.b.c"):find("%."))
print(s:find("xyz"))
print(s:find(""), s:find("", 100), s:find("", 3))
print(("aaa"):find("a-", 2), ("[x]"):find("[", 1, true))
