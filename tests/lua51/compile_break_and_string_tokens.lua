-- `break` outside a loop is "no loop to break" near the token after it, on that
-- token's line; a string token in a syntax error is shown as written (quotes or long
-- brackets), on the line where it ends.
local cases = {
  "break", "break\n\n\nx", "break\n\n", "local x = 1 break x = 2", "do break end",
  "if x then break end", "if x then else break end", "function f() break end",
  "while 1 do function f() break end end", "while 1 do break\n\n\nx end",
  "while 1 do local f = function() return end break end",
  "for i=1,2 do if i then break end end", "repeat local t = {f = function() end} break until x",
  "for k in pairs{} do do break end end", "while 1 do end break", "repeat until 1 break",
  "x = break", "local break", "break;", "return break",
  "while true do (function() break end)() end",
  "f(function() for i=1,2 do break end end) break",
  "[[a]]", "'aa'", "\"x\"", "x = [[a]] [[b]]", "'a\\'b' 1", "break 'a\\0b'",
  "[==[\nx\n]==]", "t = {[[\nab\n]] 1}", "x = 'a\\\nb' 1", "x = [=[]]\n]=] y",
}
for _, s in ipairs(cases) do
  local f, err = loadstring(s)
  print(string.format("%q", s), f and "ok" or err)
end
