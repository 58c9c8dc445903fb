-- Buckets, quotas, account and usage info, profiling, top_locks on a single node.
local T = {}

function T.test_quota(t)
  local b = t:unique("user-uploads")
  admin:make_bucket(b)
  admin:bucket_quota_set(b, 1024 * 1024 * 1024)
  local q = admin:bucket_quota_get(b)
  t:eq(q.size, 1073741824)
  t:eq(q.quotatype, "hard")
  admin:bucket_quota_clear(b)
  q = admin:bucket_quota_get(b)
  t:eq(q.size, 0)
  t:eq(q.quota, 0)
  local err = t:raises(admin.bucket_quota_set, admin, b, -5)
  t:ok(tostring(err):find("bad argument #2 to 'bucket_quota_set'") ~= nil, tostring(err))
  err = t:raises(admin.bucket_quota_get, admin, "no-such-bucket-x")
  t:eq(err.code, 404)
end

function T.test_remove_bucket(t)
  local b = t:unique("short-lived")
  admin:make_bucket(b)
  local function listed()
    for _, bucket in ipairs(admin:list_buckets()) do
      if bucket.name == b then return true end
    end
    return false
  end
  t:ok(listed(), "made")
  admin:remove_bucket(b)
  t:ok(not listed(), "removed")
  local err = t:raises(admin.remove_bucket, admin, b)
  t:eq(err.code, 404)
  t:eq(err.api_code, "NoSuchBucket")
end

function T.test_account_and_usage(t)
  local b = t:unique("acct-bucket")
  admin:make_bucket(b)
  local found = false
  for _, bucket in ipairs(admin:list_buckets()) do found = found or bucket.name == b end
  t:ok(found, "list_buckets")
  local acct = admin:account_info(true)
  t:eq(acct.AccountName, setup.access_key)
  t:eq(type(acct.Policy), "table")
  local seen = false
  for _, bucket in ipairs(acct.Buckets) do
    if bucket.name == b then seen = bucket.access.read and bucket.access.write end
  end
  t:ok(seen, "account_info lists the bucket with read and write access")
  local du = admin:get_data_usage_info()
  t:eq(type(du.lastUpdate), "string")
  t:eq(math.floor(du.bucketsCount), du.bucketsCount, "integers stay integers")
  local info = admin:info()
  t:eq(info.mode, "online")
end

function T.test_profile_returns_zip(t)
  local zip = admin:profile_start({ "cpu", "goroutines" }, 2)
  t:eq(zip:sub(1, 4), "PK\3\4", "profile_start returns the ZIP bytes")
  t:ok(#zip > 100)
end

function T.test_top_locks_needs_distributed(t)
  local err = t:raises(admin.top_locks, admin)
  t:eq(err.code, 426)
  t:eq(err.api_code, "XMinioAdminVersionMismatch")
end

function T.test_raw_results(t)
  local raw = minio.connect{ endpoint = setup.endpoint, access_key = setup.access_key, secret_key = setup.secret_key, raw = true }
  local text = raw:user_list()
  t:eq(type(text), "string")
  t:eq(type(minio.json.decode(text)), "table")
  t:eq(type(raw:info()), "string")
end

return T
