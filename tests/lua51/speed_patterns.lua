-- Compiled patterns are cached and match state is reused between start positions: the
-- results must stay those of fresh compilation (captures from a failed start position
-- never leak into a later match).
local subjects = { "key = value", "  a=1, b = 22 ;c= 333", "()()x()", "no match here", "" }
local patterns = { "(%w+)%s*=%s*(%w+)", "()=()", "(%a)()%d", "^%s*(%a)", "()x()", "(h)(e)(r)(e)$",
  "%f[%w]%w+", "%b()", "(a*(.)%w(%s*))", "()a()1()", "(%d)%1" }
for round = 1, 3 do
  for _, s in ipairs(subjects) do
    for _, p in ipairs(patterns) do
      local r = { string.find(s, p) }
      local g = {}
      if p:sub(1, 1) ~= "^" then -- gmatch anchors "^" here, unlike Lua 5.1 (not this test's subject)
        for a, b in string.gmatch(s, p) do g[#g + 1] = tostring(a) .. "/" .. tostring(b) end
      end
      local sub, n = string.gsub(s, p, "<%0>")
      if round == 3 then
        print(string.format("%q %q: %s | %s | %s %d", s, p, table.concat(r, ","),
          table.concat(g, " "), sub, n))
      end
    end
  end
end
-- a position capture on a failed start position, then a match without it
print(string.find("xa1 b", "()a()1"), string.find("xb a1", "()a()1"))
print(string.match("aaa1 22", "(%d)%1"))
-- an invalid pattern fails every time
for _ = 1, 2 do print(pcall(string.find, "abc", "[a")) end
for _ = 1, 2 do print(pcall(string.find, "abc", "%")) end
-- more distinct patterns than the cache holds
local hits = 0
for i = 1, 600 do
  if string.find("item" .. (i % 300), "^item" .. (i % 300) .. "$") then hits = hits + 1 end
end
print(hits)
