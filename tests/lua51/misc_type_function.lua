-- type() of everything, and type errors.
print(type(nil), type(1), type("s"), type({}), type(print), type(type), type(true))
print(type(coroutine.create(function() end)), type(io.stdout))
print(pcall(type))
