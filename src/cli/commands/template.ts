import { join, resolve } from 'node:path';
import { ensureDirectory, renderTemplateCsv, renderTemplateXlsx, TABLE_NAMES } from '../../api.js';
import { emitOutput } from '../output.js';
import { readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';

interface TemplateFlags extends RawDataFlags {
  out?: string;
}

/**
 * `tuoyu template`: blank census/facilities/visits workbooks (with dropdowns
 * and a notes sheet) and, in csv/, the same headers as CSV. The CSVs sit in
 * their own folder so that a filled-in template folder is a valid data folder.
 */
export function registerTemplate({ program, context }: CommandDeps): void {
  program
    .command('template')
    .description('write blank submission templates (xlsx with dropdowns and notes, plus csv/)')
    .option('--out <dir>', 'directory to write into', 'tuoyu-templates')
    .action(async (_flags: TemplateFlags, command) => {
      const flags = command.optsWithGlobals() as TemplateFlags;
      const { lang } = readOutputStyle(flags, context, false);
      const directory = flags.out ?? 'tuoyu-templates';
      await ensureDirectory(resolve(context.cwd, directory, 'csv'));
      const written: string[] = [];
      for (const table of TABLE_NAMES) {
        const xlsxPath = join(directory, `${table}.xlsx`);
        const csvPath = join(directory, 'csv', `${table}.csv`);
        await emitOutput(await renderTemplateXlsx(table, { lang }), xlsxPath, context);
        await emitOutput(renderTemplateCsv(table, { lang }), csvPath, context);
        written.push(xlsxPath, csvPath);
      }
      context.stderr(`${lang === 'zh' ? '已写入' : 'wrote'}: ${written.join(', ')}\n`);
    });
}
