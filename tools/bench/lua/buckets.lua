-- buckets.lua N PREFIX: admin:apply of N buckets, each with a quota, versioning, tags,
-- a lifecycle rule and a bucket policy, 8 in flight; prints how many changes it made.
local n, prefix = tonumber(arg[1]), arg[2]
local state = { buckets = {} }
for i = 1, n do
  local name = string.format("%s%03d", prefix, i)
  state.buckets[name] = {
    quota = (i % 10 + 1) * 2 ^ 30,
    versioning = "enabled",
    tags = { team = "t" .. (i % 20), env = "bench" },
    lifecycle = { { id = "expire-tmp", prefix = "tmp/", expiration = { days = 7 } } },
    policy = { Version = "2012-10-17", Statement = { {
      Effect = "Allow", Principal = { AWS = { "*" } }, Action = { "s3:GetObject" },
      Resource = { "arn:aws:s3:::" .. name .. "/public/*" } } } },
  }
end
local report = admin:apply(state, { concurrency = 8 })
assert(report.failed == 0, tostring(report))
print(report.created)
