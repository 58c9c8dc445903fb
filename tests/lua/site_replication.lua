-- needs: sites
-- Site replication across three independent servers.
local T = {}

local function peer(i)
  local s = setup.sites[i]
  return minio.PeerSite{ name = s.name, endpoint = s.endpoint, access_key = s.access_key, secret_key = s.secret_key }
end

local function eventually(what, fn)
  local deadline = os.time() + 30
  while os.time() <= deadline do
    if fn() then return true end
    require("time").sleep(0.2)
  end
  error("timed out waiting for " .. what)
end

local function site(name)
  for _, s in ipairs(admin:get_site_replication_info().sites) do
    if s.name == name then return s end
  end
end

function T.test_1_add_two_then_three(t)
  t:eq(admin:get_site_replication_info().enabled, false)
  t:eq(admin:add_site_replication({ peer(1), peer(2) }).success, true)
  t:eq(admin:add_site_replication({ peer(1), peer(2), peer(3) }).success, true)
  local info = admin:get_site_replication_info()
  t:eq(info.enabled, true)
  t:eq(#info.sites, 3)
end

function T.test_2_user_replicates_and_status(t)
  admin:user_add("sr-user", "sr-user-secret")
  local b = minio.connect{ endpoint = setup.sites[2].endpoint, access_key = setup.access_key, secret_key = setup.secret_key }
  eventually("user on site B", function() return pcall(b.user_info, b, "sr-user") end)
  for _, opts in ipairs({
    { buckets = true }, { policies = true }, { users = true }, { groups = true }, { metrics = true },
    { show_deleted = true, users = true }, minio.SiteReplicationStatusOptions{},
  }) do
    local st = admin:get_site_replication_status(opts)
    t:eq(st.Enabled, true)
  end
  local st = admin:get_site_replication_status{ entity = "user", entity_value = "sr-user" }
  t:ok(st.UserStats["sr-user"] ~= nil, "status for one user")
  t:eq(type(admin:get_site_replication_status().Sites), "table", "options are optional")
end

function T.test_3_edit_bandwidth_and_sync(t)
  local b = site("site-b")
  local r = admin:edit_site_replication(minio.PeerInfo{
    deployment_id = b.deploymentID, endpoint = b.endpoint,
    bucket_bandwidth_limit = "1048576", bucket_bandwidth_set = "true", -- reference types: strings
  })
  t:eq(r.success, true)
  t:eq(site("site-b").defaultbandwidth.bandwidthLimitPerBucket, 1048576)
  admin:edit_site_replication{ deployment_id = b.deploymentID, endpoint = b.endpoint, sync_status = "enable" }
  t:eq(site("site-b").sync, "enable")
  admin:edit_site_replication{ deployment_id = b.deploymentID, endpoint = b.endpoint, sync_status = "disable" }
  t:eq(site("site-b").sync, "disable")
end

function T.test_4_remove_one_then_all(t)
  admin:remove_site_replication("site-c")
  t:eq(#admin:get_site_replication_info().sites, 2)
  local err = t:raises(admin.remove_site_replication, admin, { "no-such-site" })
  t:eq(err.code, 400)
  admin:remove_site_replication{ all_sites = true }
  t:eq(admin:get_site_replication_info().enabled, false)
end

return T
