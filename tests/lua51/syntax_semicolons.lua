-- Lua 5.1's chunk is {stat [';']} [laststat [';']]: a lone ';' is an error, and the
-- messages where a block must end (after return/break) are Lua's.
local cases = {
  ";", "a=1;;", "return;;", "return; x", "return 1 1", "return return", "return end",
  "do ; end", "do return 1 1 end", "for i=1,2 do ; end", "function f() x = 1 1 end",
  "do until", "if x then return 1 1 end", "if x then ; end", "if x then else ; end",
  "if x then elseif y then return 1 1 end", "repeat return 1 1 until x", "repeat ; until 1",
  "while 1 do break 1 end", "while 1 do break; 1 end", "do return end 1",
  "return function() return end 1", "x = function() return 1 2 end", "return 1 = 2",
  "x={1,,2}", "x={,}", "x={;}", "local function f() return; x end",
  -- valid
  "a=1; b=2; return 1;", "x={1,2,}", "x={1;2;}", "x={}", "print(1);", "do return; end",
  "if true then return; end", "while false do break; end", "local a; local b;",
}
for _, s in ipairs(cases) do
  local f, err = loadstring(s)
  print(s, f ~= nil, err)
end
