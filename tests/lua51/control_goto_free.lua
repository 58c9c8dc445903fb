-- Loops with break, nested loops, and while/repeat scoping.
for i = 1, 10 do
  if i > 3 then break end
  io.write(i, " ")
end
print()
local i = 0
repeat
  local j = i
  i = i + 1
until j >= 2
print(i)
for a = 1, 3 do
  for b = 1, 3 do
    if b > a then break end
    io.write(a, b, " ")
  end
end
print()
local n = 0
while true do n = n + 1; if n == 5 then break end end
print(n)
