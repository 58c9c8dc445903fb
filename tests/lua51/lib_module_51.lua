-- module() and package.seeall as Lua 5.1
local print, type, getmetatable, pcall = print, type, getmetatable, pcall
package.preload["my.mod"] = function(name)
  module(name, package.seeall)
  function hello() return "hello from " .. _NAME end
  value = 42
  print(_NAME, _PACKAGE, _M == my.mod, type(print))
end
local m = require("my.mod")
print(m == my.mod, m.hello(), m.value, package.loaded["my.mod"] == m)
print(require("my.mod") == m)
package.preload.plain = function(name)
  module(name)
  answer = 1
  print(_G == nil)
end
require("plain")
print(plain.answer, getmetatable(plain))
local t = {}
package.seeall(t)
print(t.print == print, getmetatable(t).__index == _G)
print(pcall(module, "x.y.z"))
print(select("#", (loadstring("return module(\"q\")"))()))
local okc, msgc = pcall(loadstring("w = 1 module(\"w\")")) print(okc, msgc)
print(pcall(package.seeall, 1))
x = {}
print(pcall(module, "x"))
print(select("#", require("my.mod")))
package.preload.ret = function() return nil end
print(require("ret"), package.loaded.ret)
package.preload.retfalse = function() package.loaded.retfalse = false end
print(require("retfalse"))
