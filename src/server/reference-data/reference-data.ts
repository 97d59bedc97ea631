// Loads the project's copy of Finland's reference data (see PROVENANCE.md) and parses every record with
// the shared schemas. The JSON files sit beside this module in src/ and, copied by tsc, in dist/.
import { readFileSync } from 'node:fs';
import { z } from 'zod/mini';
import { templateIdSchema } from '../../shared/entities.ts';
import {
  municipalityFieldsSchema,
  municipalityIdSchema,
  regionFieldsSchema,
  regionIdSchema,
  templateFieldsSchema,
} from '../../shared/reference.ts';
import type { SeedRecord } from '../store/store.ts';

function readJson(file: string): unknown {
  const url = new URL(`./${file}`, import.meta.url);
  try {
    return JSON.parse(readFileSync(url, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read the reference data ${url.pathname}: ${(e as Error).message}`);
  }
}

function parse<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Bad reference data in ${where}: ${issues}`);
  }
  return result.data;
}

function records(file: string, list: unknown, idSchema: z.ZodMiniType<string>, entity: SeedRecord['entity'], fields: z.ZodMiniType<Record<string, unknown>>): SeedRecord[] {
  const items = parse(z.array(z.looseObject({ id: z.unknown() })), list, file);
  return items.map((item, i) => {
    const { id, ...rest } = item;
    return {
      entity,
      id: parse(idSchema, id, `${file}[${i}].id`),
      regionId: null,
      data: parse(fields, rest, `${file}[${i}] (${String(id)})`),
    };
  });
}

/** Regions, municipalities and templates as seed records, in that order. Throws on any bad record. */
export function loadReferenceData(): SeedRecord[] {
  const regions = records('regions.json', readJson('regions.json'), regionIdSchema, 'region', regionFieldsSchema);
  const municipalities = records(
    'municipalities.json',
    readJson('municipalities.json'),
    municipalityIdSchema,
    'municipality',
    municipalityFieldsSchema,
  );
  const templatesFile = parse(z.looseObject({ templates: z.array(z.unknown()) }), readJson('templates.json'), 'templates.json');
  const templates = records('templates.json', templatesFile.templates, templateIdSchema, 'template', templateFieldsSchema);

  const regionIds = new Set(regions.map((r) => r.id));
  for (const m of municipalities) {
    if (!regionIds.has(m.data.regionId as string)) {
      throw new Error(`Bad reference data in municipalities.json (${m.id}): no region "${String(m.data.regionId)}"`);
    }
  }
  for (const list of [regions, municipalities, templates]) {
    const seen = new Set<string>();
    for (const r of list) {
      if (seen.has(r.id)) throw new Error(`Bad reference data: ${r.entity} "${r.id}" appears twice`);
      seen.add(r.id);
    }
  }
  return [...regions, ...municipalities, ...templates];
}
