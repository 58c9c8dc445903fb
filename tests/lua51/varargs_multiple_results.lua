-- Multiple results are truncated except in the last position.
local function mr() return 1, 2, 3 end
local t = {mr(), mr()}
print(#t, t[1], t[2], t[4])
print(mr(), mr())
print((mr()))
local a, b, c, d = mr()
print(a, b, c, d)
local x, y = mr(), 10
print(x, y)
print(#{mr(), nil}, #{(mr())})
print(string.format("%d %d %d", mr()))
print(math.max(mr()), math.min(mr(), 0))
