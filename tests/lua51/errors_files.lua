-- File errors: Lua's messages and errno, dofile/loadfile's "cannot open", io.lines
-- and io.input raising, require's list of what it tried.
print(pcall(dofile, '/nonexistent/x.lua'))
print(loadfile('/nonexistent/x.lua'))
print(io.open('/nonexistent/x'))
print(io.open('/nonexistent/x', 'w'))
print(pcall(io.lines, '/nonexistent/x'))
print(pcall(io.input, '/nonexistent/x'))
print(os.remove('/nonexistent/x'))
print(os.rename('/nonexistent/x', '/nonexistent/y'))
package.path = '/nonexistent/?.lua;/nonexistent/?/init.lua'
package.cpath = ''
print(pcall(require, 'no.such_mod'))
package.preload.loopy = function() return require 'loopy' end
print(pcall(require, 'loopy'))
print(pcall(require, 'loopy'))
print(pcall(require))
