-- Case mapping leaves non-letters alone; bytes round-trip.
local all = {}
for i = 32, 126 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(s:upper())
print(s:lower())
local bytes = {s:byte(1, -1)}
print(#bytes, bytes[1], bytes[#bytes], string.char(unpack(bytes)) == s)
