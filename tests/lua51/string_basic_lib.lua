-- string.len, sub, upper, lower, reverse, rep, byte, char.
local s = "Hello, Lua!"
print(s:len(), #s, s:upper(), s:lower(), s:reverse())
print(s:sub(1, 5), s:sub(-4), s:sub(-4, -2), s:sub(8, 100), s:sub(0), s:sub(5, 2) == "")
print(("ab"):rep(3), ("ab"):rep(0) == "", ("ab"):rep(-1) == "")
print(s:byte(), s:byte(1, 3), s:byte(-1), s:byte(100))
print(string.char(72, 105), string.char() == "")
print(pcall(string.char, 256) == false, pcall(string.char, -1) == false)
print(("%d"):rep(2, nil))
