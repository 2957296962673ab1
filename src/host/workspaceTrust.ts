// Loopscope runs the user's code. In Restricted Mode it must not, and must say why instead of failing silently.
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'Loopscope runs your code with Node.js, so it is turned off in Restricted Mode. Trust this workspace to visualize its code.';

export function refuseUntrusted(): void {
  void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}
