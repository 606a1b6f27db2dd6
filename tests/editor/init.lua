-- A minimal Neovim (0.7 and later) configuration that starts `immuta-preflight lsp` on one file,
-- as a user's would, and writes what the editor got to a JSON file for tests/editor/neovim.test.mjs.
-- IMMUTA_PREFLIGHT_BIN: the binary; PAYLOAD: the file to open; OUT: where to write; MODE:
-- `diagnostics` (the diagnostics Neovim shows), `quickfix` (the buffer after the quick fix for
-- CODE) or `fixall` (the buffer after "Fix all safe issues").
local bin, payload, out, mode = os.getenv("IMMUTA_PREFLIGHT_BIN"), os.getenv("PAYLOAD"), os.getenv("OUT"), os.getenv("MODE")

local function write(value)
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(value))
  file:close()
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(payload))
  local buf = vim.api.nvim_get_current_buf()
  -- vim.lsp.start arrived in 0.8; start_client and buf_attach_client work in 0.7 and later.
  local client = vim.lsp.start_client({ name = "immuta-preflight", cmd = { bin, "lsp" }, root_dir = vim.fn.getcwd() })
  assert(client, "the server did not start")
  vim.lsp.buf_attach_client(buf, client)
  assert(vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20), "no diagnostics within 20 s")

  if mode == "diagnostics" then
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = (d.user_data or {}).lsp or {}
      table.insert(found, {
        line = d.lnum + 1, column = d.col + 1, endLine = d.end_lnum + 1, endColumn = d.end_col + 1,
        severity = d.severity, message = d.message, code = lsp.code or d.code, source = d.source,
      })
    end
    table.sort(found, function(a, b)
      if a.line ~= b.line then return a.line < b.line end
      if a.column ~= b.column then return a.column < b.column end
      return a.code < b.code
    end)
    return write(found)
  end

  local last = vim.api.nvim_buf_line_count(buf)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } },
    context = { diagnostics = {} },
  }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 20000)
  local chosen
  for _, answer in pairs(answers or {}) do
    for _, action in ipairs(answer.result or {}) do
      local code = action.diagnostics and action.diagnostics[1] and action.diagnostics[1].code
      if (mode == "fixall" and action.kind == "source.fixAll")
        or (mode == "quickfix" and action.kind == "quickfix" and code == os.getenv("CODE")) then
        chosen = chosen or action
      end
    end
  end
  assert(chosen, "no such code action")
  vim.lsp.util.apply_workspace_edit(chosen.edit, vim.lsp.get_client_by_id(client).offset_encoding or "utf-16")
  write({ title = chosen.title, text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), "\n") .. "\n" })
end

local ok, failure = pcall(run)
if not ok then
  write({ error = tostring(failure) })
  vim.cmd("cquit 1")
end
vim.cmd("qall!")
