-- os.date formats and tables, os.time with a table, os.difftime, os.setlocale
local t0 = 86400 * 45 + 3600 * 15 + 61
for c in ("aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%Q"):gmatch(".") do
  print(c, os.date("!%" .. c, t0))
end
print(os.date("!%Y-%m-%d %H:%M:%S", 0), os.date("!x%"), os.date("!"))
for _, when in ipairs({0, t0, 951782400, 1704067199, 1719792000}) do
  local t = os.date("!*t", when)
  print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)
end
local lt = os.date("*t")
print(type(lt.yday), type(lt.isdst), lt.yday >= 1)
print(type(os.date()), os.date(nil) == os.date("%c"))
print(os.time({year = 2000, month = 1, day = 1, hour = 0}) - os.time({year = 1999, month = 12, day = 31, hour = 0}))
print(os.time({year = 2000, month = 13, day = 1}) == os.time({year = 2001, month = 1, day = 1}))
print(os.time({year = 2000, month = 3, day = 0}) == os.time({year = 2000, month = 2, day = 29}))
print(os.time({year = "2000", month = 1, day = 1, hour = "3"}) - os.time({year = 2000, month = 1, day = 1, hour = 0}))
local now = os.time()
print(os.time(os.date("*t", now)) == now)
print(pcall(os.time, {year = 2000}))
print(pcall(os.time, {year = 2000, month = 1}))
print(pcall(os.time, 5))
print(os.difftime(10), os.difftime(10, 4), os.difftime(4, 10))
print(pcall(os.difftime))
print(os.setlocale(), os.setlocale("C"), os.setlocale("POSIX"), os.setlocale("xx_YY"))
print(os.setlocale(nil, "numeric"), pcall(os.setlocale, "C", "bogus"))
