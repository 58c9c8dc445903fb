-- needs: fleet
-- minio.parallel: order, errors, fail_fast, blocking calls inside fn, several clients.
local T = {}
local time = require("time")

local function names(t, prefix, n)
  local out = {}
  for i = 1, n do out[i] = t:unique(prefix) end
  return out
end

function T.test_results_in_input_order(t)
  local users = names(t, "par-order", 24)
  local results, failed = minio.parallel(users, function(user, i)
    admin:user_add(user, "par-secret-1")
    return admin:user_info(user).status .. ":" .. i
  end, { workers = 6 })
  t:eq(#failed, 0, "no failures")
  for i = 1, #users do t:eq(results[i], "enabled:" .. i) end
  t:eq(#results, #users)
end

function T.test_failures_listed_others_run(t)
  local users = names(t, "par-fail", 10)
  local results, failed = minio.parallel(users, function(user, i)
    if i % 3 == 0 then
      return admin:user_info(user)        -- never added: 404
    end
    admin:user_add(user, "par-secret-1")
    return user
  end, { workers = 4 })
  t:eq(#failed, 3)
  for k, f in ipairs(failed) do
    t:eq(f.index, 3 * k)
    t:eq(f.item, users[3 * k])
    t:ok(minio.is_error(f.error), "the error object is kept")
    t:eq(f.error.api_code, "XMinioAdminNoSuchUser")
    t:eq(f.error.op, "user_info")
    t:eq(results[f.index], nil)
  end
  for i = 1, #users do
    if i % 3 ~= 0 then
      t:eq(results[i], users[i])
      t:eq(admin:user_info(users[i]).status, "enabled")
    end
  end
  -- Plain Lua errors keep their message and position.
  local _, failed2 = minio.parallel({ 1, 2 }, function(x) if x == 2 then error("boom " .. x) end end)
  t:eq(#failed2, 1)
  t:ok(tostring(failed2[1].error):find("parallel.lua:%d+: boom 2"), tostring(failed2[1].error))
end

function T.test_fail_fast_raises_first_error_and_starts_nothing_after(t)
  local started = {}
  local err = t:raises(minio.parallel, names(t, "par-ff", 8), function(user, i)
    started[#started + 1] = i
    if i == 3 then admin:user_info(user) end
    admin:user_add(user, "par-secret-1")
  end, { workers = 1, fail_fast = true })
  t:ok(minio.is_error(err), "the item's error object is raised")
  t:eq(err.api_code, "XMinioAdminNoSuchUser")
  t:eq(started, { 1, 2, 3 })
end

function T.test_pcall_nested_calls_callbacks_coroutines_and_sleep(t)
  local users = names(t, "par-shapes", 8)
  local function add(u) admin:user_add(u, "par-secret-1"); return u end
  local results, failed = minio.parallel(users, function(user, i)
    -- pcall around an admin call that fails
    local ok, e = pcall(admin.user_info, admin, user)
    assert(not ok and e.code == 404, "pcall caught the 404")
    add(user)
    time.sleep(0.01)
    -- admin calls from Go callbacks and from inside a coroutine
    local sorted = { user, user .. "-b" }
    table.sort(sorted, function(a, b) admin:user_info(user); return a > b end)
    local co = coroutine.wrap(function()
      coroutine.yield(admin:user_info(user).status)
      return "done"
    end)
    local s1, s2 = co(), co()
    local gsubbed = (user:gsub("^par", function() return admin:user_info(user).status end))
    return table.concat({ sorted[1] == user .. "-b" and "sorted" or "unsorted", s1, s2, gsubbed }, " ")
  end, { workers = 4 })
  t:eq(#failed, 0, failed[1] and tostring(failed[1].error))
  for i, u in ipairs(users) do
    t:eq(results[i], "sorted enabled done " .. u:gsub("^par", "enabled"))
  end
end

function T.test_nested_parallel(t)
  local groups = names(t, "par-nest", 3)
  local results = minio.parallel(groups, function(g)
    local members = names(t, g .. "-m", 3)
    local added = minio.parallel(members, function(u) admin:user_add(u, "par-secret-1"); return u end, { workers = 2 })
    admin:group_add(g, added)
    local info = admin:group_info(g)
    return #info.members
  end, { workers = 3 })
  t:eq(results, { 3, 3, 3 })
end

function T.test_workers_bound_the_items_in_flight(t)
  local running, most = 0, 0
  minio.parallel(names(t, "par-bound", 20), function(user)
    running = running + 1
    most = math.max(most, running)
    admin:user_add(user, "par-secret-1")
    time.sleep(0.005)
    running = running - 1
  end, { workers = 3 })
  t:ok(most <= 3, "at most 3 at once, saw " .. most)
  t:eq(running, 0)
end

function T.test_several_clients(t)
  local clients = {}
  for i, s in ipairs(setup.fleet) do
    clients[i] = minio.connect{ endpoint = s.endpoint, access_key = s.access_key, secret_key = s.secret_key, secure = false }
  end
  t:ok(clients[1]:endpoint() ~= clients[2]:endpoint(), "two deployments")
  local user = t:unique("par-fleet")
  local results, failed = minio.parallel(clients, function(c)
    c:user_add(user, "par-secret-1")
    c:user_disable(user)
    return c:user_info(user).status
  end)
  t:eq(#failed, 0)
  t:eq(results, { "disabled", "disabled" })
end

function T.test_arguments(t)
  local r, f = minio.parallel({}, function() error("never") end)
  t:eq(#r, 0); t:eq(#f, 0)
  local err = t:raises(minio.parallel, { 1 }, function() end, { workers = 0 })
  t:ok(tostring(err):find("workers"), tostring(err))
  err = t:raises(minio.parallel, { 1 }, function() end, { worker = 2 })
  t:ok(tostring(err):find("unknown field 'worker'"), tostring(err))
  err = t:raises(minio.parallel, { 1 }, "not a function")
  t:ok(tostring(err):find("function expected"), tostring(err))
  -- progress on a non-terminal draws nothing and changes nothing
  r = minio.parallel({ 1, 2, 3 }, function(x) return x * 2 end, { progress = true })
  t:eq(r, { 2, 4, 6 })
end

return T
