-- The term module, without a server.
local term = require("term")
local T = {}

function T.test_isatty_and_table(t)
  t:eq(term.isatty("stdout"), false)
  t:eq(term.isatty("stderr"), false)
  t:raises(term.isatty, "stdin")
  -- lua-term's form, which libraries (luassert) call: an io file.
  local f = io.tmpfile()
  t:eq(term.isatty(f), false)
  f:close()
  t:raises(term.isatty, f)
  t:raises(term.isatty, {})
  local out = term.table({ { user = "ann", status = "enabled" }, { user = "ben" } },
    { columns = { "user", "status" }, title = "users" })
  t:ok(out:find("users", 1, true) and out:find("ann", 1, true) and out:find("enabled", 1, true), out)
  t:ok(term.table({ { b = 1, a = 2 } }):find("A.*B") ~= nil, "columns default to the keys, sorted")
  t:raises(term.table, { "not a row" })
end

function T.test_table_options_are_checked(t)
  local e = t:raises(term.table, { { a = 1 } }, { column = { "a" } })
  t:ok(tostring(e):find("unknown field 'column'", 1, true), tostring(e))
  e = t:raises(term.table, { { a = 1 } }, { title = {} })
  t:ok(tostring(e):find("field 'title'", 1, true), tostring(e))
end

return T
