-- gmatch iterating words, pairs and positions.
for w in ("one two  three"):gmatch("%a+") do io.write(w, ".") end
print()
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do io.write(k, ":", v, " ") end
print()
for pos in ("abcabc"):gmatch("()b") do io.write(pos, " ") end
print()
local words = {}
for w in ("The quick brown fox"):gmatch("%S+") do words[#words + 1] = w:lower() end
print(table.concat(words, "|"))
local n = 0
for _ in ("aaaa"):gmatch("aa") do n = n + 1 end
print(n)
for line in ("l1\nl2\n\nl4"):gmatch("[^\n]+") do io.write("[", line, "]") end
print()
