-- assert passes all its arguments through or raises its message.
print(assert(1, 2, 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(pcall(assert, false, {code = 1}) )
print(select("#", assert(true, nil, nil)))
local ok, e = pcall(assert, false, 42)
print(ok, e, type(e))
