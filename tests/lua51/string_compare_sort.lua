-- String comparison is bytewise.
local t = {"b", "B", "a", "A", "aa", "a ", "", "1", "_"}
table.sort(t)
for i, v in ipairs(t) do t[i] = "[" .. v .. "]" end
print(table.concat(t, " "))
print("a" < "aa", "aa" < "b", "Z" < "a", "abc" == "abc", "abc" ~= "abd")
