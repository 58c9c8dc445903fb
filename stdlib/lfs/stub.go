package lfs

import _ "embed"

// Stub is the module's LuaLS declaration (the body of a ---@meta file), which
// `minioscript stubs` writes for editors.
//
//go:embed stub.lua
var Stub string
