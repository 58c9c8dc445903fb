-- Strings and numbers convert into each other where Lua allows.
print("10" + 5, "3" * "4", 10 .. 20, 1.5 .. "", -"3")
print(#(12345 .. ""), ("x"):rep("2"), string.sub(12345, 2, 3))
print(math.floor("3.7"), string.byte(1), ("5"):len())
print(pcall(function() return "a" + 1 end) == false)
print(10 == "10", tostring(10) == "10")
