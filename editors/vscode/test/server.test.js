// Drives `msglint lsp` over stdio with vscode-languageserver-protocol (the
// protocol library under vscode-languageclient, so the same messages as in
// VS Code) through what a writer does on examples/acme: open the pricing
// page, get msglint check's findings, hover one, apply its quick fix and
// see it go; open the comparison page and get a cross-asset finding that
// comes from another file.
//
// The server is $MSGLINT, or built from this repository with `go build`.
// Run: npm test (node --test test/).

"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const cp = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const rpc = require("vscode-languageserver-protocol/node");

const repo = path.resolve(__dirname, "..", "..", "..");
const acme = path.join(repo, "examples", "acme");

let proc;
let conn;
let tmp;
const diagnostics = new Map(); // uri -> [{version, diagnostics}]
const waiters = [];
const progress = [];

function binary() {
  if (process.env.MSGLINT) return process.env.MSGLINT;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "msglint-vscode-"));
  const bin = path.join(tmp, "msglint");
  cp.execFileSync("go", ["build", "-o", bin, "./cmd/msglint"], { cwd: repo, stdio: "inherit" });
  return bin;
}

// waitDiagnostics resolves with the diagnostics of uri at version.
function waitDiagnostics(uri, version) {
  const seen = (diagnostics.get(uri) || []).find((d) => d.version === version);
  if (seen) return Promise.resolve(seen.diagnostics);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} at version ${version}`)), 60000);
    waiters.push({ uri, version, resolve: (d) => { clearTimeout(timer); resolve(d); } });
  });
}

function uriOf(rel) {
  return pathToFileURL(path.join(acme, rel)).toString();
}

before(async () => {
  proc = cp.spawn(binary(), ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    const list = diagnostics.get(p.uri) || [];
    list.push({ version: p.version, diagnostics: p.diagnostics });
    diagnostics.set(p.uri, list);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].uri === p.uri && waiters[i].version === p.version) {
        waiters[i].resolve(p.diagnostics);
        waiters.splice(i, 1);
      }
    }
  });
  conn.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({ minSeverity: "info" })));
  conn.onProgress(rpc.WorkDoneProgress.type, "msglint-1", (v) => progress.push(v.kind));
  conn.listen();
  const init = await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(acme).toString(),
    workspaceFolders: [{ uri: pathToFileURL(acme).toString(), name: "acme" }],
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
  });
  assert.equal(init.capabilities.textDocumentSync.change, rpc.TextDocumentSyncKind.Incremental);
  assert.equal(init.capabilities.hoverProvider, true);
  await conn.sendNotification(rpc.InitializedNotification.type, {});
});

after(async () => {
  if (conn) {
    await conn.sendRequest(rpc.ShutdownRequest.type);
    await conn.sendNotification(rpc.ExitNotification.type);
    const code = await new Promise((resolve) => proc.on("exit", resolve));
    assert.equal(code, 0, "msglint lsp exits with 0 after shutdown and exit");
    conn.dispose();
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// msglintCheck is what `msglint check FILE --format json` finds in the file.
function msglintCheck(rel) {
  const bin = proc.spawnfile;
  const r = cp.spawnSync(bin, ["check", "--format", "json", rel], { cwd: acme, encoding: "utf8" });
  return JSON.parse(r.stdout).findings.filter((f) => f.path === rel);
}

test("open, hover, quick fix, incremental change: the finding goes", async () => {
  const rel = "site/pricing.md";
  const uri = uriOf(rel);
  let text = fs.readFileSync(path.join(acme, rel), "utf8");
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
  const diags = await waitDiagnostics(uri, 1);
  const want = msglintCheck(rel).map((f) => `${f.line}:${f.rule}`);
  assert.deepEqual(diags.map((d) => `${d.range.start.line + 1}:${d.code}`), want, "the same findings as msglint check");

  const variant = diags.find((d) => d.code === "naming/variant");
  assert.ok(variant, "a naming/variant finding");
  const hover = await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: variant.range.start });
  assert.equal(hover.contents.kind, "markdown");
  assert.match(hover.contents.value, /naming\/variant/);

  const actions = await conn.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri }, range: variant.range, context: { diagnostics: [variant] },
  });
  const fix = actions.find((a) => a.kind === "quickfix" && a.isPreferred);
  assert.ok(fix, `a preferred quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(actions.some((a) => /^Disable naming\/variant/.test(a.title)), "a disable action");
  const edits = fix.edit.changes[uri];
  assert.equal(edits.length, 1);

  // apply it as the editor does: an incremental change with the edit's range
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: edits[0].range, text: edits[0].newText }],
  });
  const after = await waitDiagnostics(uri, 2);
  assert.equal(after.filter((d) => d.code === "naming/variant").length, 0, "the variant's finding is gone");
  assert.equal(after.length, diags.length - 1, "the other findings stay");
});

test("a cross-asset finding from another file", async () => {
  const rel = "site/compare/cloudsync-vs-globex.md";
  const uri = uriOf(rel);
  const text = fs.readFileSync(path.join(acme, rel), "utf8");
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
  const diags = await waitDiagnostics(uri, 1);
  const conflict = diags.find((d) => d.code === "consistency/claim-conflict");
  assert.ok(conflict, `a claim-conflict among ${JSON.stringify(diags.map((d) => d.code))}`);
  assert.ok(conflict.relatedInformation.some((r) => !r.location.uri.endsWith(rel)), "related to another file");
});

test("the workspace index shows $/progress", async () => {
  const deadline = Date.now() + 60000;
  while (!progress.includes("end") && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(progress[0], "begin");
  assert.equal(progress[progress.length - 1], "end");
});
