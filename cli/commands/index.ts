import type { Command } from '../command.ts';
import { diffCommand } from './diff.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { notifyCommand } from './notify.ts';
import { pullCommand } from './pull.ts';
import { reportCommand } from './report.ts';
import { sampleCommand } from './sample.ts';
import { serveCommand } from './serve.ts';
import { validateCommand } from './validate.ts';

/** Every `remdesk` command, in the order `remdesk --help` lists them. Add a command with one line. */
export const commands: readonly Command[] = [
  importCommand,
  pullCommand,
  validateCommand,
  diffCommand,
  exportCommand,
  sampleCommand,
  reportCommand,
  notifyCommand,
  serveCommand,
];
