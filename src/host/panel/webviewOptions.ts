// The one place that says what the panel's webview may do: run its script and load files from dist/webview
// (nothing else of the extension, nothing of the workspace). Used at creation and on revive.
import * as vscode from 'vscode';

export function webviewAssetsRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function getWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewAssetsRoot(extensionUri)] };
}
