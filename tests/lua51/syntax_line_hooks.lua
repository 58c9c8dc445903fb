-- Line hooks see the lines Lua 5.1 gives its code: the jump back of a while and the
-- jump over an else are on the line of the block's last statement, a chunk's final
-- return on the line of its last token (db.lua's traces).
local function trace(s)
  local got = {}
  debug.sethook(function(_, line) got[#got + 1] = line end, "l")
  loadstring(s)()
  debug.sethook()
  print((s:gsub("\n", "|")), table.concat(got, ","))
end
trace("if\nmath.sin(1)\nthen\n  a=1\nelse\n  a=2\nend\n")
trace("--\nif nil then\n  a=1\nelse\n  a=2\nend\n")
trace("a=1\nrepeat\n  a=a+1\nuntil a==3\n")
trace(" do\n  return\nend\n")
trace("a=1\nwhile a<=3 do\n  a=a+1\nend\n\n\n")
trace("while math.sin(1) do\n  if math.sin(1)\n  then\n    break\n  end\nend\na=1")
trace("for i=1,3 do\n  a=i\nend\n")
trace("for i,v in pairs{'a','b'} do\n  a=i..v\nend\n")
trace("for i=1,4 do a=1 end")
trace("if a then\nelse\n  a = 1\nend\n-- c\n")
trace("a = 0\nwhile a < 2 do\n  a = a + 1\n  if a then\n    b = 1\n  else\n    b = 2\n  end\nend\n")
