-- The length operator on strings with embedded zeros and on tables built in order.
print(#"a\0b", #"", #"\0")
local t = {}
for i = 1, 50 do t[i] = i end
print(#t)
for i = 50, 26, -1 do t[i] = nil end
print(#t)
