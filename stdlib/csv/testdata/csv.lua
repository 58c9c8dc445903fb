-- The csv module, without a server.
local csv = require("csv")
local T = {}

function T.test_write_and_read(t)
  local path = t:tempdir() .. "/users.csv"
  csv.write(path, { { user = "ann", group = "devs" }, { user = "ben", group = "ops, on call" } })
  local rows = csv.read(path)
  t:eq(#rows, 2)
  t:eq(rows[2].user, "ben")
  t:eq(rows[2].group, "ops, on call", "quoted field with a comma")
  t:eq(rows[1].group, "devs")
end

function T.test_parse(t)
  t:eq(csv.parse("a;b\n1;2", { sep = ";" })[1].b, "2")
  t:eq(#csv.parse("a,b\n"), 0, "header only")
  t:ok(not pcall(csv.read, t:tempdir() .. "/missing.csv"), "a missing file is an error")
end

-- Options go through the one table decoder: a typo or a wrong type names the field.
function T.test_options_are_checked(t)
  local e = t:raises(csv.parse, "a,b\n1,2", { headr = false })
  t:ok(tostring(e):find("unknown field 'headr'", 1, true), tostring(e))
  e = t:raises(csv.parse, "a,b\n1,2", { header = "no" })
  t:ok(tostring(e):find("field 'header'", 1, true), tostring(e))
  t:raises(csv.parse, "a,b", { sep = ";;" })
  t:eq(#csv.parse("a;b\n1;2", { sep = ";", header = false }), 2)
  e = t:raises(csv.write, t:tempdir() .. "/x.csv", { { 1 } }, { mod = "0600" })
  t:ok(tostring(e):find("unknown field 'mod'", 1, true), tostring(e))
end

return T
