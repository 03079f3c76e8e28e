import { join, resolve } from 'node:path';
import { ensureDirectory, renderTemplateCsv, renderTemplateXlsx, TABLE_NAMES } from '../../api.js';
import { emitOutput, refuseExisting } from '../output.js';
import { commandHelp } from '../command-help.js';
import { readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';

interface TemplateFlags extends RawDataFlags {
  out?: string;
  force?: boolean;
}

/**
 * `tuoyu template`: blank census/facilities/visits workbooks (with dropdowns
 * and a notes sheet) and, in csv/, the same headers as CSV. The CSVs sit in
 * their own folder so that a filled-in template folder is a valid data folder.
 * Files the user already has are never overwritten (SPEC §6) unless --force:
 * a folder of filled-in templates is a submission.
 */
export function registerTemplate({ program, context, lang }: CommandDeps): void {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  program
    .command('template')
    .description(t('生成空白的报送模板（带下拉选项和说明页的 xlsx，以及 csv/）', 'write blank submission templates (xlsx with dropdowns and notes, plus csv/)'))
    .option('--out <dir>', t('写入的目录', 'directory to write into'), 'tuoyu-templates')
    .option('--force', t('覆盖已存在的同名文件', 'overwrite files that already exist'))
    .addHelpText('after', commandHelp([
      { command: 'tuoyu template', does: { zh: '写入 tuoyu-templates/', en: 'write into tuoyu-templates/' } },
      { command: 'tuoyu template --out 模板/ --lang en', does: { zh: '英文表头的模板', en: 'templates with English headers' } },
    ], lang, [{
      zh: '已存在的文件不会被覆盖（退出码 2，并列出文件）；确需覆盖时加 --force。',
      en: 'Files that exist are never overwritten (exit 2, naming them); pass --force to overwrite.',
    }]))
    .action(async (_flags: TemplateFlags, command) => {
      const flags = command.optsWithGlobals() as TemplateFlags;
      const { lang: outputLang } = readOutputStyle(flags, context, false);
      const directory = flags.out ?? 'tuoyu-templates';
      const targets = TABLE_NAMES.flatMap((table) => [join(directory, `${table}.xlsx`), join(directory, 'csv', `${table}.csv`)]);
      // Checked for every file before any is written: a refusal leaves the folder as it was.
      if (!flags.force) refuseExisting(targets, context);
      await ensureDirectory(resolve(context.cwd, directory, 'csv'), join(directory, 'csv'));
      for (const table of TABLE_NAMES) {
        await emitOutput(await renderTemplateXlsx(table, { lang: outputLang }), join(directory, `${table}.xlsx`), context);
        await emitOutput(renderTemplateCsv(table, { lang: outputLang }), join(directory, 'csv', `${table}.csv`), context);
      }
      context.stderr(`${outputLang === 'zh' ? '已写入' : 'wrote'}: ${targets.join(', ')}\n`);
    });
}
