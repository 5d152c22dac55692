// The msglint extension: starts `msglint lsp` (from the PATH or the
// msglint.path setting) and connects VS Code's language client to it. The
// findings, quick fixes, hover and the workspace index all come from the
// server; the extension passes it the settings (msglint.configPath,
// msglint.minSeverity) and tells it when files change.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

// The documents msglint lints from the buffer (office and PDF files are not
// text documents in VS Code: they are linted from disk when they are
// opened in the explorer by another extension, or by `msglint check`).
const documentSelector = [
  { scheme: "file", language: "markdown" },
  { scheme: "file", language: "mdx" },
  { scheme: "file", pattern: "**/*.mdx" }, // without an MDX extension, .mdx has no language
  { scheme: "file", language: "html" },
  { scheme: "file", language: "plaintext" },
  { scheme: "file", pattern: "**/{msglint,.msglint}.{yaml,yml}" },
];

export function serverCommand(setting: string | undefined): string {
  const p = (setting ?? "").trim();
  return p === "" ? "msglint" : p;
}

function settings(): { configPath: string; minSeverity: string } {
  const c = vscode.workspace.getConfiguration("msglint");
  return {
    configPath: c.get<string>("configPath", ""),
    minSeverity: c.get<string>("minSeverity", "info"),
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = serverCommand(vscode.workspace.getConfiguration("msglint").get<string>("path"));
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command, args: ["lsp"], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: settings(),
    synchronize: {
      // the server re-reads the settings on didChangeConfiguration
      configurationSection: "msglint",
      // content and config files changed outside the editor refresh the
      // server's workspace index (and reload the config)
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/*.{md,mdx,markdown,html,htm,txt,pptx,docx,odp,odt,pdf,yaml,yml}",
      ),
    },
  };
  client = new LanguageClient("msglint", "msglint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(
      `msglint: could not start \`${command} lsp\` (${msg}). Install msglint or set msglint.path.`,
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("msglint.restart", async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("msglint.path")) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

async function stop(): Promise<void> {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

export function deactivate(): Promise<void> {
  return stop();
}
