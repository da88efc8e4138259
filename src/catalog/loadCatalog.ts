// Reads a service catalog in the Open Service Broker catalog format (what brokers serve at /v2/catalog).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Catalog } from '../core/records';

const Plan = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  free: z.boolean().default(true),
  active: z.boolean().default(true),
  public: z.boolean().default(true),
  maintenance_info: z.object({ version: z.string() }).optional(),
});

const Service = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  bindable: z.boolean().default(true),
  instances_retrievable: z.boolean().default(false),
  active: z.boolean().default(true),
  tags: z.array(z.string()).default([]),
  requires: z.array(z.string()).default([]),
  metadata: z.object({ shareable: z.unknown().optional(), documentationUrl: z.string().optional() }).loose().default({}),
  plans: z.array(Plan).min(1),
});

const CatalogFile = z.object({
  broker: z.object({ id: z.string(), name: z.string() }).default({ id: '7e1c5d0a-6a43-4f0e-9b8e-2f3c1d7a9b10', name: 'sharegate-broker' }),
  services: z.array(Service),
});

export const DEFAULT_CATALOG_FILE = path.join(__dirname, 'default-catalog.json');

export function loadCatalog(file: string = DEFAULT_CATALOG_FILE): Catalog {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = CatalogFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`invalid catalog ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const at = Math.floor(fs.statSync(file).mtimeMs / 1000) * 1000;
  const { broker, services } = parsed.data;
  return {
    offerings: services.map((s) => ({
      guid: s.id,
      name: s.name,
      description: s.description,
      available: s.active,
      tags: s.tags,
      requires: s.requires,
      shareable: s.metadata.shareable === true,
      instancesRetrievable: s.instances_retrievable,
      bindable: s.bindable,
      documentationUrl: s.metadata.documentationUrl ?? null,
      brokerGuid: broker.id,
      brokerName: broker.name,
      createdAt: at,
      updatedAt: at,
    })),
    plans: services.flatMap((s) =>
      s.plans.map((p) => ({
        guid: p.id,
        name: p.name,
        description: p.description,
        offeringGuid: s.id,
        active: p.active,
        free: p.free,
        public: p.public,
        maintenanceInfo: p.maintenance_info ?? null,
        createdAt: at,
        updatedAt: at,
      })),
    ),
  };
}
