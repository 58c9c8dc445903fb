-- needs: ldap
-- LDAP policy mappings and access-key listings against a real slapd.
local T = {}

function T.test_1_attach_user_and_group(t)
  local r = admin:attach_policy_ldap({ "readwrite" }, setup.alice)
  t:eq(r.policiesAttached, { "readwrite" })
  r = admin:attach_policy_ldap{ policies = "readonly", group = setup.devs }
  t:eq(r.policiesAttached, { "readonly" })
  local err = t:raises(admin.attach_policy_ldap, admin, { "readonly" }, nil, setup.devs)
  t:eq(err.api_code, "XMinioAdminPolicyChangeAlreadyApplied")
end

function T.test_2_list_access_keys(t)
  local sts = setup.assume_role("alice", "alice-password")
  local sa = admin:add_service_account{ user = "alice", name = "alice-app" }.credentials.accessKey
  local keys = admin:list_access_keys_ldap(setup.alice, "sts-only")
  t:eq(#keys.stsKeys, 1)
  t:eq(keys.stsKeys[1].accessKey, sts)
  t:eq(keys.serviceAccounts, nil)
  keys = admin:list_access_keys_ldap(setup.alice, "svcacc-only")
  t:eq(keys.serviceAccounts[1].accessKey, sa)
  t:eq(keys.stsKeys, nil)
  keys = admin:list_access_keys_ldap(setup.alice, "all")
  t:eq(#keys.serviceAccounts + #keys.stsKeys, 2)

  local bulk = admin:list_access_keys_ldap_bulk({ setup.alice, setup.bob }, "all", false)
  t:ok(bulk[setup.alice] ~= nil, "bulk for given users")
  bulk = admin:list_access_keys_ldap_bulk{ list_type = "svcacc-only", all_users = true }
  t:eq(bulk[setup.alice].serviceAccounts[1].accessKey, sa)
  local err = t:raises(admin.list_access_keys_ldap_bulk, admin, { setup.alice }, "all", true)
  t:eq(err.kind, "argument")
end

function T.test_3_entities_and_detach(t)
  -- alice (known since her STS login) shows with the policies of her LDAP group; the
  -- builtin view leaves direct LDAP mappings of DNs out.
  local ents = admin:get_policy_entities({ setup.alice }, { setup.devs }, { "readwrite" })
  t:eq(ents.userMappings[1].user, setup.alice)
  t:eq(ents.userMappings[1].memberOfMappings[1].group, setup.devs)
  t:eq(ents.userMappings[1].memberOfMappings[1].policies, { "readonly" })
  t:eq(ents.policyMappings, nil)
  t:eq(admin:detach_policy_ldap({ "readonly" }, nil, setup.devs).policiesDetached, { "readonly" })
  t:eq(admin:detach_policy_ldap{ policies = { "readwrite" }, user = setup.alice }.policiesDetached, { "readwrite" })
  local err = t:raises(admin.user_add, admin, "internal", "internal-secret")
  t:eq(err.code, 403)
end

return T
