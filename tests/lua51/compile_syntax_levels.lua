-- "chunk has too many syntax levels": Lua 5.1 counts nested blocks and sub-expressions
-- in its C-call counter, so where the limit falls depends on what the load runs in;
-- the error is raised at the first token of the block or expression that passes it.
local function first(init, rep, load)
  load = load or loadstring
  for n = 150, 260 do
    local _, err = load("local a; " .. init .. string.rep(rep, n))
    if err and string.find(err, "syntax levels") then return n, err end
  end
  return "none", select(2, load("local a; " .. init .. string.rep(rep, 260)))
end
local reps = {{"a=", "{"}, {"a=", "("}, {"", "a("}, {"", "do "}, {"", "while a do "},
  {"", "if a then else "}, {"", "function foo () "}, {"a=", "a.."}, {"a=", "a^"},
  {"a=", "not "}, {"", "repeat "}, {"a=", "a+"}, {"a=", "{y = "}, {"a=", "{[1] = "},
  {"a=", "f{} .. {"}, {"", "f() do "}, {"", "do return end do "}, {"a=", "- "}}
for _, c in ipairs(reps) do
  print(c[1], c[2], first(c[1], c[2]))
end
-- the limit in other contexts: pcall, a coroutine, a metamethod, load's reader
print("pcall", select(2, pcall(first, "", "do ")))
print("coroutine", coroutine.wrap(first)("", "do "))
print("nested coroutine", coroutine.wrap(function() return coroutine.wrap(first)("", "do ") end)())
local t = setmetatable({}, {__index = function() return first("", "do ") end})
print("__index", t.x)
print("load", first("", "do ", function(s) return load(function() local r = s; s = nil; return r end) end))
-- the line is that of the token where the level opens
for n = 194, 200 do
  print(n, select(2, loadstring("x = " .. string.rep("(", n) .. "{y = \n")))
  print(n, select(2, loadstring("x = " .. string.rep("(", n) .. "{}\n\n)")))
  print(n, select(2, loadstring("x = " .. string.rep("(", n) .. "f()\n\n)")))
  print(n, select(2, loadstring(string.rep("do ", n) .. "f(\nfunction\n(\na\n)\n x = 1 end)")))
  print(n, select(2, loadstring(string.rep("do ", n) .. "return\n\nend")))
end

-- chains of calls and indexing are loops in Lua's parser, no nesting
print(loadstring("x = f" .. string.rep("()", 250)) ~= nil)
print(loadstring("x = a" .. string.rep(":b()", 250)) ~= nil)
print(loadstring("x = a" .. string.rep(".b[1]", 250)) ~= nil)
print(loadstring("x = 1" .. string.rep(" + 1", 1000)) ~= nil)

-- random nestings of statements and expressions (a fixed generator, the same in both)
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end
local stmt = {
  {"do ", "s"}, {"while a do ", "s"}, {"if a then ", "s"}, {"if a then else ", "s"},
  {"if a then elseif b then ", "s"}, {"for i=1,2 do ", "s"}, {"for k in a do ", "s"},
  {"repeat ", "s"}, {"function f() ", "s"}, {"local function f(a, b) ", "s"},
  {"x = ", "e"}, {"local x, y = ", "e"}, {"f(", "e"}, {"a:b(", "e"}, {"f{", "e"}, {"return ", "e"},
  {"t[", "e"}, {"while ", "e"}, {"if ", "e"}, {"repeat until ", "e"}, {"for i = ", "e"},
  {"for k, v in ", "e"}, {"x = 1; ", "s"}, {"if a then x = 1 elseif ", "e"}, {"f{y = ", "e"},
  {"f{[", "e"}, {"while a do end; ", "s"}, {"t.x[1] = ", "e"}, {"f() ", "s"},
  {"do return end ", "s"}, {"local t = {} ", "s"}, {"x = {y = 1, [2] = 3} ", "s"},
  {"(f)() ", "s"}, {"f{}{} ", "s"}, {"if a then return; else ", "s"}, {"function a.b:c() ", "s"},
}
local expr = {
  {"(", "e"}, {"{", "e"}, {"{y = ", "e"}, {"{[", "e"}, {"{[1] = ", "e"}, {"{1, ", "e"},
  {"{1; [", "e"}, {"a .. ", "e"}, {"a ^ ", "e"}, {"not ", "e"}, {"- ", "e"}, {"#", "e"},
  {"a + b * ", "e"}, {"a * b + ", "e"}, {"a and ", "e"}, {"a or b and c == ", "e"},
  {"f(a, ", "e"}, {"t[", "e"}, {"function() ", "s"}, {"function(...) return ", "e"},
  {"a:b(", "e"}, {"f{", "e"}, {"a < b .. ", "e"}, {"-a ^ ", "e"}, {"a + b + c + ", "e"},
  {"a.b.c(", "e"}, {"{} .. ", "e"}, {"f{} .. ", "e"}, {"f() .. ", "e"}, {"(f)() + ", "e"},
  {"{f()} .. ", "e"}, {"{y = {}, [1] = {}} .. ", "e"}, {"function() return end .. ", "e"},
  {"f\"x\"(", "e"},
}
for trial = 1, 200 do
  local parts, ctx = {}, "s"
  for i = 1, 260 do
    local list = ctx == "s" and stmt or expr
    local p = list[rand(#list)]
    parts[#parts + 1] = p[1]
    if rand(6) == 1 then parts[#parts + 1] = "\n" end
    ctx = p[2]
  end
  print(trial, select(2, loadstring(table.concat(parts))))
end
