-- _G holds globals; rawget/rawset on it; globals created dynamically.
g1 = 1
print(_G.g1, _G["g1"], rawget(_G, "g1"))
_G.g2 = "two"
print(g2)
for i = 1, 3 do _G["dyn" .. i] = i * i end
print(dyn1, dyn2, dyn3)
g1 = nil
print(g1, rawget(_G, "g1"))
print(_G._G == _G)
