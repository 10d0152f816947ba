-- Neovim (0.7 or later) as a real LSP client for jargonlint.
--
-- Opens JL_DOC, starts the server command JL_CMD (a JSON list), waits for
-- jargonlint's diagnostics, asks for the code actions on the first one,
-- applies the first "Replace ..." quick fix with Neovim's own
-- apply_workspace_edit, waits for the server to re-check the edited buffer,
-- and writes the buffer's text to JL_OUT. Exits 0 on success, 1 with a
-- message on standard error otherwise (never hangs: every wait has a limit).

local TIMEOUT = tonumber(os.getenv("JL_TIMEOUT_MS") or "30000")

local function main()
  local doc, out = os.getenv("JL_DOC"), os.getenv("JL_OUT")
  local cmd = vim.fn.json_decode(os.getenv("JL_CMD"))
  vim.cmd("filetype on")
  vim.cmd("edit " .. vim.fn.fnameescape(doc))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)

  local latest = nil -- the last diagnostics published for our buffer
  local publishes = 0
  local client_id = vim.lsp.start_client({
    name = "jargonlint",
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(doc, ":h"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
        if result and result.uri == uri then
          latest = result.diagnostics
          publishes = publishes + 1
        end
      end,
    },
  })
  assert(client_id, "the language server did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)

  assert(vim.wait(TIMEOUT, function() return latest ~= nil and #latest > 0 end, 10),
    "no diagnostics from jargonlint")
  local client = vim.lsp.get_client_by_id(client_id)
  local diagnostic = latest[1]
  local response = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic } },
  }, TIMEOUT, bufnr)
  assert(response and not response.err, "codeAction failed: " .. vim.inspect(response))
  local chosen = nil
  for _, action in ipairs(response.result or {}) do
    if action.title:match("^Replace") then
      chosen = action
      break
    end
  end
  assert(chosen, "no Replace action among " .. vim.inspect(response.result))

  local before = publishes
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  -- The server re-checks the edited text: its next diagnostics no longer hold this one.
  assert(vim.wait(TIMEOUT, function()
    if publishes == before then return false end
    for _, d in ipairs(latest) do
      if d.code == diagnostic.code and d.range.start.line == diagnostic.range.start.line then return false end
    end
    return true
  end, 10), "the server did not re-check the edited buffer")

  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local file = assert(io.open(out, "w"))
  file:write(table.concat(lines, "\n") .. "\n")
  file:close()
  client.stop()
  vim.wait(2000, function() return client.is_stopped() end, 10)
end

local ok, err = pcall(main)
if not ok then
  io.stderr:write("editor test: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
vim.cmd("qall!")
