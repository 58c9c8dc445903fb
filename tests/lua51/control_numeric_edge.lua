-- The for loop variable is a copy; changing it does not change the loop.
for i = 1, 3 do
  local before = i
  i = i * 10
  io.write(before, "->", i, " ")
end
print()
local t = {}
for i = 1, 3 do t[i] = function() return i end end
print(t[1](), t[3]())
