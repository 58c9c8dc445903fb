-- Syntax errors read as Lua 5.1's: chunk name, line, message, the token near.
local cases = {
  "x = ",
  "x y",
  "x = \"abc",
  "x = \"abc\ny = 1",
  "function f()",
  "function f()\n x = 1\n",
  "x = 3x",
  "f(",
  "if x then",
  "if x then\nelse\n",
  "while true do\n",
  "for i=1 do end",
  "for i=1,2 end",
  "local function",
  "x = }",
  "return return",
  "f() = 1",
  "a.b:c = 1",
  "x = [[abc",
  "--[[ abc",
  "x = 1 1",
  "local 1 = 2",
  "x = {1, 2",
  "x = (1 + 2",
  "repeat\nx = 1\n",
  "do\n",
  "x = 1 +",
  "a.b",
  "x = function(a, 1) end",
  "x = ...\nfunction f() return ... end",
  "x = @",
  "x = 0x",
  "x = 1e",
  "x = 1..2",
  "local x <const> = 1",
  "f{ = 1}",
  "t = {[1] 2}",
  "if x end",
  "x = a.1",
  "f(1, 2",
  "x = t[1",
  "while x end",
  "function f(a b) end",
  "x = not",
  "print(\"a\" \"b\")",
  "x = '\\300'",
  "x = ~",
  "x = 1\n\n\ny = = 2",
  "  local a = {4\n\n",
  "x = f(1,\n2",
  "x = (1 +\n 2",
  "if x then\n f(\n",
}
for _, src in ipairs(cases) do
  print(select(2, loadstring(src)))
end

-- chunk names in messages, as luaO_chunkid shows them
print(select(2, loadstring("x = ", "name")))
print(select(2, loadstring("x = ", "=name")))
print(select(2, loadstring("x = ", "@file.lua")))
print(select(2, loadstring("x = ", "=" .. string.rep("n", 100))))
print(select(2, loadstring("x = ", "@" .. string.rep("d/", 50) .. "f.lua")))
print(select(2, loadstring("x = ", string.rep("s", 100))))
print(select(2, loadstring("x = ", string.rep("s", 63))))
print(select(2, loadstring("x = ", "first\nsecond")))
print(select(2, loadstring("x = " .. string.rep(" ", 80))))
print(select(2, load(function() return nil end, "=reader")))
local i = 0
print(select(2, load(function() i = i + 1; return ("*a = 1"):sub(i, i) end)), i)

-- compile limits with Lua's messages
print(select(2, loadstring(string.rep("local a;", 201))))
print(select(2, loadstring("local a;function f() " .. string.rep("local a;", 200) .. " end")))
local ups = {}
for n = 1, 61 do ups[#ups + 1] = "local u" .. n .. " = " .. n end
ups[#ups + 1] = "return function() return u1"
for n = 2, 61 do ups[#ups + 1] = " + u" .. n end
ups[#ups] = ups[#ups] .. " end"
print(select(2, loadstring(table.concat(ups, "\n"))))
print(select(2, loadstring("return " .. string.rep("{", 300) .. string.rep("}", 300))))
print(select(2, loadstring(string.rep("do ", 300) .. string.rep("end ", 300))))
