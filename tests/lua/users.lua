-- Users: every user operation against the shared server, and the error object.
local T = {}

function T.test_add_info_list_enable_disable_remove(t)
  local u = t:unique("alice")
  t:eq(admin:user_add(u, "alice-secret-1"), "", "user_add returns the server's (empty) text")
  local info = admin:user_info(u)
  t:eq(info.status, "enabled")
  local list = admin:user_list()
  t:ok(list[u] ~= nil, "user_list has the new user")
  t:eq(list[u].status, "enabled")
  admin:user_disable(u)
  t:eq(admin:user_info(u).status, "disabled")
  admin:user_enable(u)
  t:eq(admin:user_info(u).status, "enabled")
  admin:user_remove(u)
  local err = t:raises(admin.user_info, admin, u)
  t:eq(err.code, 404)
  t:eq(err.api_code, "XMinioAdminNoSuchUser")
end

function T.test_error_object(t)
  local ok, err = pcall(admin.user_info, admin, "no-such-user-here")
  t:eq(ok, false)
  t:ok(minio.is_error(err), "is_error")
  t:eq(err.code, 404)
  t:eq(err.api_code, "XMinioAdminNoSuchUser")
  t:eq(err.op, "user_info")
  t:eq(err.kind, "server")
  t:ok(err.body:find("XMinioAdminNoSuchUser", 1, true) ~= nil, "body is the server's text")
  t:ok(err.message:find("does not exist", 1, true) ~= nil, "message")
  local line = tostring(err)
  t:ok(line:find("^user_info: 404 XMinioAdminNoSuchUser") ~= nil, "tostring: " .. line)
  t:ok(not line:find("\n"), "one line")
  t:ok(not minio.is_error("a string"), "is_error on a string")
  t:ok(not minio.is_error({ code = 404 }), "is_error on a look-alike table")
end

function T.test_wrong_credentials_give_403(t)
  local bad = minio.connect{ endpoint = setup.endpoint, access_key = setup.access_key, secret_key = "wrong-secret" }
  local err = t:raises(bad.user_list, bad)
  t:eq(err.code, 403)
  t:eq(err.api_code, "SignatureDoesNotMatch")
  local unknown = minio.connect{ endpoint = setup.endpoint, access_key = "nobody-key", secret_key = "whatever-secret" }
  err = t:raises(unknown.info, unknown)
  t:eq(err.code, 403)
  t:eq(err.api_code, "InvalidAccessKeyId")
end

function T.test_bad_arguments_send_nothing(t)
  local err = t:raises(admin.user_add, admin, {}, "x")
  t:ok(tostring(err):find("bad argument #1 to 'user_add' %(access_key: string expected, got table%)") ~= nil, tostring(err))
  err = t:raises(admin.user_add, admin, "only-one")
  t:ok(tostring(err):find("bad argument #2 to 'user_add' %(secret_key: string expected, got no value%)") ~= nil, tostring(err))
  err = t:raises(admin.user_info, admin, "a", "b")
  t:ok(tostring(err):find("bad argument #2 to 'user_info'") ~= nil, tostring(err))
  -- Empty names are refused by the client, as an error object with code 0.
  err = t:raises(admin.user_add, admin, "", "secret123")
  t:ok(minio.is_error(err))
  t:eq(err.code, 0)
  t:eq(err.kind, "argument")
end

function T.test_user_can_sign_with_its_own_key(t)
  local u = t:unique("bob")
  admin:user_add(u, "bob-secret-123")
  admin:attach_policy({ "readwrite" }, u)
  local c = minio.connect{ endpoint = setup.endpoint, access_key = u, secret_key = "bob-secret-123", kdf = "argon2id" }
  t:eq(c:account_info().AccountName, u)
  admin:user_remove(u)
end

return T
