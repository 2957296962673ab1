// The commands, as a table: name -> handler. The `loopscope.` prefix is applied in one place (registerCommands),
// and package.json contributes the same names. Handlers return the trace they produced (tests use it).
import * as vscode from 'vscode';
import type { RawTrace } from '../shared/rawTrace';
import type { LoopscopeContext } from './context';
import { fileTarget, selectionTarget, TargetError } from './traceTarget';

export const COMMAND_PREFIX = 'loopscope';

type CommandHandler = (ctx: LoopscopeContext, ...args: unknown[]) => Promise<RawTrace | undefined>;

const commands: Record<string, CommandHandler> = {
  /** Editor context menu / keybinding: the selected lines of the active editor. */
  visualizeSelection: async (ctx) => ctx.runner.run(selectionTarget(vscode.window.activeTextEditor)),
  /** Explorer / editor context menu, title bar: the clicked file, else the active editor's file. */
  visualizeFile: async (ctx, uri) => ctx.runner.run(await fileTarget(uri instanceof vscode.Uri ? uri : undefined)),
  /** Runs the file N times (setting loopscope.stabilityRuns) and shows the console orders Node printed. */
  checkOrderStability: async (ctx, uri) => ctx.runner.checkOrderStability(await fileTarget(uri instanceof vscode.Uri ? uri : undefined)),
};

export function registerCommands(ctx: LoopscopeContext): void {
  for (const [name, handler] of Object.entries(commands)) {
    const id = `${COMMAND_PREFIX}.${name}`;
    ctx.register(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (e) {
          if (e instanceof TargetError) {
            void vscode.window.showErrorMessage(e.message);
          } else {
            ctx.log.error(`${id} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
            void vscode.window.showErrorMessage(`Loopscope: ${e instanceof Error ? e.message : String(e)}`);
          }
          return undefined;
        }
      }),
    );
  }
}
