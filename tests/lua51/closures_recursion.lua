-- Local recursive functions and mutual recursion.
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(15))
local isEven, isOdd
function isEven(n) if n == 0 then return true end return isOdd(n - 1) end
function isOdd(n) if n == 0 then return false end return isEven(n - 1) end
print(isEven(10), isOdd(7), isEven(3))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local memo = {}
local function mfib(n)
  if n < 2 then return n end
  if memo[n] then return memo[n] end
  local v = mfib(n - 1) + mfib(n - 2); memo[n] = v; return v
end
print(mfib(60))
