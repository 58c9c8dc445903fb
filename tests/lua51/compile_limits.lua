-- Lua 5.1's limits on local variables (200 per function) and upvalues (60) are raised
-- while parsing, at the token after the name that passes them and on its line, so an
-- unfinished chunk reports the limit, not its syntax error at the end.
local function names(n, prefix, sep)
  local t = {}
  for i = 1, n do t[i] = (prefix or "a") .. i end
  return table.concat(t, sep or ", ")
end
local function try(s)
  local f, err = loadstring(s)
  print(err or "ok")
end

-- locals: thresholds in each form that declares them
for n = 198, 201 do
  print("n", n)
  try("local " .. names(n))
  try("local " .. names(n) .. " = 1")
  try("local " .. names(n - 100) .. "\nlocal " .. names(100, "b") .. "\nx = 1")
  try("local " .. names(n - 1) .. "\nlocal\nlast\n\n= 1")
  try("function f()\n local " .. names(n))
  try("function f(" .. names(n) .. ") end")
  try("function f(" .. names(n - 1) .. ", ...) end")
  try("function t:m(" .. names(n - 1) .. ") end")
  try("x = function\n\n(" .. names(n) .. ") end")
  try("local function\n f\n\n(" .. names(n) .. ") end")
  try("function\n f\n\n(" .. names(n) .. ") end")
  try("local " .. names(n - 4) .. " for i = 1, 2 do end")
  try("local " .. names(n - 4) .. " for i in x do end")
  try("local " .. names(n - 5) .. " for i, j in x do end")
  try("local " .. names(n - 6) .. " for i,\nj,\nk in x do end")
  try("for i = 1, 2 do local " .. names(n - 4) .. " end")
  try("for k, v in x do local " .. names(n - 5) .. " end")
  try("local " .. names(n - 1) .. " local function g() end")
  try("local " .. names(n - 1) .. " local function\n\ng\n\n() end")
  try("local " .. names(100) .. " do local " .. names(n - 100, "b") .. " end")
  try("local " .. names(100) .. " repeat local " .. names(n - 100, "b") .. " until x")
  try("local function f(" .. names(100) .. ") return function(" .. names(n - 100, "b") .. ") end end")
end

-- locals end with their block (and a repeat's with its condition)
try("do local " .. names(150) .. " end do local " .. names(150) .. " end local " .. names(200))
try("if x then local " .. names(150) .. " elseif y then local " .. names(150) ..
  " else local " .. names(150) .. " end local " .. names(200))
try("while x do local " .. names(150) .. " end local " .. names(200))
try("repeat local " .. names(150) .. " until x local " .. names(200))
try("repeat local " .. names(150) .. " until x local " .. names(201))
try("for i = 1, 2 do local " .. names(150) .. " end for k, v in x do local " .. names(150) ..
  " end local " .. names(200))
try("local " .. names(100) .. " repeat local " .. names(100, "b") .. " until x local c")
try("local " .. names(100) .. " repeat local " .. names(100, "b") ..
  " until function() local c end local d")
try("local function f() local " .. names(200) .. " end local " .. names(200))
try("local f = function() local " .. names(200) .. " end local " .. names(199))
try("local f = function() local " .. names(200) .. " end local " .. names(200))

-- the line is that of the token after the name, wherever it ends
try("local " .. names(200) .. ", b [[\n\n]]")
try("local " .. names(200) .. ", b -- comment\n\n= 1")
try("local " .. names(200) .. ", b --[[ long\ncomment ]] = 1")
try("local " .. names(200) .. ", b\n\n")

-- upvalues: thresholds, through intermediate functions, the same variable twice
local function uses(n, prefix) return names(n, prefix or "a", " = 1\n  ") .. " = 1" end
local after = {
  {"local x ", "local x = x"}, {"local x ", "local x = function() return x end"},
  {"local x ", "local function x() return x end"}, {"local z ", "repeat local z until z"},
  {"local z ", "repeat local z until true z = 1"}, {"local i ", "for i = i, 2 do end"},
  {"local i ", "for i in i do end i = 1"}, {"local t ", "t = {aN = 1} t.aN = 1 t:aN()"},
  {"", "t = {x, aN\n\n}"}, {"", "t = {[aN] = 1}"}, {"", "function aN.x() end"},
  {"", "function x.aN() end"},
}
for n = 59, 61 do
  print("n", n)
  try("local " .. names(n) .. "\nfunction f()\n  " .. uses(n) .. "\nend")
  try("local " .. names(n) .. "\nfunction f()\n return function()\n  " .. uses(n) .. "\n end\nend")
  try("local " .. names(n) .. "\nfunction f()\n  " .. uses(n) .. "\n  a1 = 2 a2 = 3\nend")
  try("local " .. names(n) .. "\nfunction f()\n  " .. uses(n))
  -- after n - 1 upvalues in f, what follows may use one more
  for _, c in ipairs(after) do
    try(c[1] .. "local " .. names(n) .. "\nfunction f()\n  " .. uses(n - 1) .. "\n  " ..
      c[2]:gsub("N", n) .. "\nend")
  end
  try("local " .. names(n) .. " function t:m() return function() " .. uses(n - 1) ..
    " return self end end")
  try("local " .. names(n) .. " function t.f(...) return function() " .. uses(n - 1) ..
    " return arg end end")
  try("local " .. names(n) .. " function t.f(a) return function() " .. uses(n - 1) ..
    " return arg end end")
end
-- shadowing in an intermediate function, recursion, methods of nested tables
try("local " .. names(61) .. " function f() local a61 return function() " .. uses(61) .. " end end")
try("local " .. names(61) .. " function f(a61) return function() " .. uses(61) .. " end end")
try("local " .. names(60) .. " local function g() " .. uses(60) .. " return g end")
try("local " .. names(59) .. " local function g() " .. uses(59) .. " return g end")
try("local " .. names(60) .. " function t.a.b:m() return function() " .. uses(59) .. " return self end end")
try("local " .. names(60) .. " function t.a.b.m() return function() " .. uses(59) .. " return self end end")
-- errors.lua's case: each function passes its upvalues to the functions it contains
local s = "function foo ()\n  local " .. names(70) .. ", b\n"
for j = 1, 70 do s = s .. "function foo" .. j .. " ()\n a" .. j .. "=3\n" end
try(s)
try("local " .. names(70) .. "\nfunction f()\n a1 = 1\n function g()\n" ..
  names(70, "a", " = 1\n") .. " = 1 end end")

-- random programs: nested functions and blocks declaring and using a pool of names
-- (a fixed generator, the same in both), whole and cut short
local seed = 4242
local function rand(n)
  seed = seed * 16807 % 2147483647 -- exact in doubles
  return math.floor(seed / 256) % n + 1
end
-- each trial draws its sizes: the pool of names, locals per statement, names per call
local pool, nlocal, ncall
local function pick() return "v" .. rand(pool) end
local function namelist(n)
  local t = {}
  for i = 1, n do t[i] = pick() end
  return table.concat(t, " , ")
end
local out
local function emit(s)
  out[#out + 1] = s
  if rand(5) == 1 then out[#out + 1] = "\n" end
end
local block
local function stat(depth)
  local r = rand(depth > 3 and 6 or 18)
  if r <= 2 then
    emit("local " .. namelist(rand(nlocal)))
    if rand(2) == 1 then emit("= " .. namelist(rand(5))) end
  elseif r <= 4 then
    emit("f ( " .. namelist(rand(ncall)) .. " )")
  elseif r == 5 then
    emit(pick() .. " = ( { " .. pick() .. " = 1 , [ " .. pick() .. " ] = " .. pick() .. " , " .. pick() .. " } ) . " .. pick())
  elseif r == 6 then
    emit("t : " .. pick() .. " ( " .. pick() .. " )")
  elseif r == 7 then
    emit("do") block(depth + 1) emit("end")
  elseif r == 8 then
    emit("while " .. pick() .. " do") block(depth + 1) emit("end")
  elseif r == 9 then
    emit("for " .. pick() .. " = " .. pick() .. " , 2 do") block(depth + 1) emit("end")
  elseif r == 10 then
    emit("for " .. namelist(rand(4)) .. " in " .. pick() .. " do") block(depth + 1) emit("end")
  elseif r == 11 then
    emit("if " .. pick() .. " then") block(depth + 1)
    emit("elseif " .. pick() .. " then") block(depth + 1)
    emit("else") block(depth + 1) emit("end")
  elseif r == 12 then
    emit("repeat") block(depth + 1) emit("until " .. pick())
  elseif r == 13 then
    emit("local function " .. pick() .. " ( " .. namelist(rand(20)) .. " )") block(depth + 1) emit("end")
  elseif r == 14 then
    emit("function " .. pick() .. " . x : y ( " .. namelist(rand(3)) .. " )") block(depth + 1) emit("end")
  elseif r == 15 then
    emit("local " .. pick() .. " = function ( ... )") block(depth + 1) emit("end")
  elseif r == 16 then
    emit("function " .. pick() .. " ( )") block(depth + 1) emit("end")
  else
    emit("x = function ( ) return function ( ) f ( " .. namelist(rand(ncall)) .. " ) end end")
  end
end
function block(depth)
  for i = 1, rand(7) do stat(depth) end
end
-- report prints what loading the program written to out gives, whole and cut short
local function report(trial)
  local src = table.concat(out, " ")
  print(trial, "whole", select(2, loadstring(src)))
  local cut = #src - rand(math.floor(#src / 2))
  while cut > 1 and src:sub(cut, cut) ~= " " do cut = cut - 1 end
  print(trial, "cut", select(2, loadstring(src:sub(1, cut))))
end
for trial = 1, 200 do
  out = {}
  pool, nlocal, ncall = 30 + rand(60), rand(60), rand(60)
  emit("local " .. namelist(rand(90)))
  block(0)
  report(trial)
end

-- random nestings of functions that declare some names and use many (upvalues), whole
-- and cut short
local function func(depth)
  emit("function ( " .. (rand(3) == 1 and "" or namelist(rand(5))) .. " )")
  emit("local " .. namelist(rand(8)))
  for i = 1, rand(5) do
    if depth < 4 and rand(2) == 1 then
      emit(pick() .. " =") func(depth + 1)
    else
      emit("f ( " .. namelist(rand(ncall)) .. " )")
    end
  end
  emit("end")
end
for trial = 1, 100 do
  out = {}
  pool, ncall = 50 + rand(40), 20 + rand(40)
  emit("local " .. names(pool, "v"))
  emit("x =") func(0)
  report(trial)
end

-- syntax errors the random programs showed
print(select(2, loadstring("x = ( { } ) . y . z } . w")))
print(select(2, loadstring("x = { } . y")))
print(select(2, loadstring("x = function (")))
print(select(2, loadstring("x = function ( 1")))
print(select(2, loadstring("function f(a, 1")))
for _, s in ipairs{"for a", "for a b", "for a, b", "for a, b c", "for a\n\n", "for a, b = 1"} do
  print(select(2, loadstring(s)))
end
