-- Every character class and its complement over a sample.
local sample = "aZ9 _.\t\n!~"
for _, c in ipairs({"%a", "%A", "%d", "%D", "%l", "%L", "%s", "%S", "%u", "%U", "%w", "%W", "%p", "%P", "%c", "%C", "%x", "%X"}) do
  local out = sample:gsub(c, "#")
  print(c, string.format("%q", out))
end
print(("a1-b2"):gsub("[%a-]", "."), ("a1-b2"):gsub("[^%d]", "."), ("abc"):gsub("[a-b]", "X"))
