// Getting one object (`GET /csm/<class>/<guid>`, and POST to it: refresh) and following a task.
import type { Request } from 'express';
import type { Core } from '../../../src/core/core';
import { notFound } from '../../../src/core/errors';
import type { Reply } from '../../../src/http/route';
import { presentInstance } from '../presenters/presentInstance';
import { presentOffering } from '../presenters/presentOffering';
import { presentTask } from '../presenters/presentTask';

export async function getObject(req: Request, core: Core, className: string, guid: string, publicUrl: string): Promise<Reply> {
  const actor = req.actor!;
  switch (className) {
    case 'ServiceOfferingInstance':
      return { status: 200, body: [presentInstance(await core.getInstanceDetail(actor, guid))] };
    case 'ServiceOffering': {
      const offering = core.catalog.offerings.find((o) => o.guid === guid && o.available);
      if (!offering) throw notFound('catalog.offering_not_found', { guid });
      return { status: 200, body: [presentOffering(offering)] };
    }
    default:
      return { status: 200, body: [presentTask(await core.getOwnOperation(actor, guid), publicUrl)] };
  }
}
