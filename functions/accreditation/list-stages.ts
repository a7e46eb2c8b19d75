import { stageSettings } from '#shared/accreditation/applications.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { accreditationStages } from '#shared/organisations/schemas.ts';

export const handler = httpHandler(routes.listAccreditationStages, async () => ({
  body: { items: (await Promise.all(accreditationStages.map(stageSettings))).filter((settings) => settings !== undefined) },
}));
