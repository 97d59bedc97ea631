// zod/mini's messages are a bare "Invalid input" until a locale is set. The server's answers quote them
// (INVALID details, push rejections), and so do the command line and the reference data's errors: in
// English, as full zod set them while the server still imported it. Imported first by each entry point.
import { z } from 'zod/mini';

z.config(z.locales.en());
