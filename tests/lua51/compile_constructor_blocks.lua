-- Items around the 50-item blocks of a table constructor are all stored once.
local function three() return "a", "b", "c" end
local function list(n)
  local p = {}
  for i = 1, n do p[i] = i end
  return table.concat(p, ",")
end
for _, n in ipairs({0, 1, 49, 50, 51, 100, 150}) do
  local items = list(n)
  local sep = n > 0 and "," or ""
  local t = loadstring("local three, k = ... return {" .. items .. sep .. "three()}")(three, "key")
  print(n, "call last", #t, t[1], t[n], t[n + 1], t[n + 3])
  t = loadstring("local three, k = ... return {" .. items .. sep .. "x = k .. 'v', [k .. 'w'] = 2}")(three, "key")
  print(n, "keys last", #t, t[1], t[2], t[n], t.x, t.keyw)
  t = loadstring("local three, k = ... return {" .. items .. sep .. "x = k .. 'v', 7, (three())}")(three, "key")
  print(n, "mixed", #t, t[1], t[n], t[n + 1], t[n + 2], t.x)
end
