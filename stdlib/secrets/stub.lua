---@class secretslib
local secrets = {}

---A random password of letters and digits (default 24 characters).
---@param length? integer
---@return string
function secrets.password(length) end

---A random access key of upper-case letters and digits (default 20 characters).
---@param length? integer
---@return string
function secrets.access_key(length) end

---A random secret key of letters and digits (default 40 characters).
---@param length? integer
---@return string
function secrets.secret_key(length) end

---A file's content without surrounding white space.
---@param path string
---@return string
function secrets.read(path) end

---The first two characters and stars, for reports.
---@param s string
---@return string
function secrets.mask(s) end

---A secret typed at the terminal, never echoed nor kept in the REPL history.
---@param label? string
---@return string
function secrets.prompt(label) end
