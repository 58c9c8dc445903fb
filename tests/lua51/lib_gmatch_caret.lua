-- gmatch has no anchor: a leading '^' is an ordinary character, as in Lua 5.1.
for m in ("^a^b"):gmatch("^.") do io.write(m, " ") end
print()
for m in ("abc"):gmatch("^a") do io.write("[", m, "]") end
print("done")
