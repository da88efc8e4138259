// A CLM source: every ServiceOfferingInstance with its tenant (organization), owner and the users it is shared with.
import type { CsmSource } from './csmSource';
import { apply, type ImportSession } from './importSession';

const time = (v: string | null | undefined, fallback: number) => {
  const ms = v ? Date.parse(v) : NaN;
  return Number.isNaN(ms) ? fallback : ms;
};

export async function importFromCsm(s: ImportSession, source: CsmSource, spaceName: string, now: number): Promise<void> {
  for await (const page of source.pages()) {
    s.tally.begin('service_instances', page.total);
    for (const soi of page.resources) {
      const tenantGuid = soi.tenant?.split('/').pop() ?? '';
      const createdAt = time(soi.createdTime, now);
      await apply(s, 'service_instances', soi.name, soi.guid, () =>
        s.core.importOwnedInstance(
          s.actor,
          {
            guid: soi.guid,
            name: soi.name,
            organization: { guid: tenantGuid, name: soi.tenantName ?? tenantGuid },
            ownerName: soi.ownerName ?? null,
            sharedUserNames: soi.sharedUsers ?? [],
            offeringName: soi.serviceOfferingName ?? null,
            planName: soi.servicePlanName ?? null,
            createdAt,
            updatedAt: time(soi.modifiedTime, createdAt),
            spaceName,
          },
          s.run,
        ),
      );
    }
  }
  s.tally.draw(true);
}
