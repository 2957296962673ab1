// An unsaved document is traced from a temp copy, which is outside the user's package: the nearest
// package.json "type" would be lost. This asks the core's own detection what the ORIGINAL path declares.
import { detectModuleFormat } from '../core/moduleFormat';
import type { ModuleFormat } from '../shared/rawTrace';

/** The format the file's extension or package.json "type" fixes, or undefined when only its syntax decides. */
export function declaredModuleFormat(file: string): ModuleFormat | undefined {
  // syntax only matters when nothing is declared: a script and a module source then give different answers
  const asScript = detectModuleFormat(file, '', 'auto');
  const asModule = detectModuleFormat(file, 'export {};', 'auto');
  return asScript === asModule ? asScript : undefined;
}
