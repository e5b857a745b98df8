// demo-web: files of every kind, a systemd unit and service, a restart handler and an HTTP health gate.

import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  defineHandler,
  defineRole,
  artifact,
  copy,
  directory,
  file,
  systemdService,
  systemdUnit,
  template,
  execLine,
  renderUnitFile,
} from 'orchestrate';

const here = (name: string): string => fileURLToPath(new URL(`./files/${name}`, import.meta.url));

/** Pinned like any downloaded artifact: a changed file must come with a changed pin. */
export const DEMO_HTTP_SHA256 = '7a73531659a2b88cb59828a23486dd3c4b418ab9251d57ea541dfe88090b3852';

export const demoWebVars = z.object({
  demo_port: z.number().int().min(1).max(65535).default(8080),
  demo_greeting: z.string().default('hello'),
});

type DemoWebVars = z.output<typeof demoWebVars>;

/** The service's environment file, a typed template. */
export const renderConfig = (v: DemoWebVars & { host: string }): string =>
  `# managed by orchestrate (demo-web)\nPORT=${v.demo_port}\nGREETING=${v.demo_greeting} from ${v.host}\n`;

/** The unit: socat answers each connection with the demo script. */
export const renderUnit = (v: DemoWebVars): string =>
  renderUnitFile({
    unit: [
      ['Description', 'orchestrate demo web server'],
      ['After', 'network.target'],
    ],
    service: [
      ['EnvironmentFile', '/etc/demo/demo.conf'],
      [
        'ExecStart',
        execLine(['/usr/bin/socat', `TCP-LISTEN:${v.demo_port},reuseaddr,fork`, 'EXEC:/usr/local/bin/demo-http']),
      ],
      ['Restart', 'on-failure'],
    ],
    install: [['WantedBy', 'multi-user.target']],
  });

const restart = defineHandler({
  name: 'restart demo-web',
  action: systemdService({ name: 'demo-web', state: 'restarted' }),
});

export const demoWeb = defineRole({
  name: 'demo-web',
  vars: demoWebVars,
  tags: ['web'],
  taskTags: [],
  tasks: (ctx) => [
    { name: 'config directory', action: directory({ path: '/etc/demo', mode: '0755' }) },
    { name: 'web root', action: directory({ path: '/srv/demo', mode: '0755' }) },
    {
      name: 'server script',
      action: artifact({
        src: here('demo-http'),
        sha256: DEMO_HTTP_SHA256,
        dest: '/usr/local/bin/demo-http',
        mode: '0755',
      }),
      notify: [restart],
    },
    { name: 'index page', action: copy({ src: here('index.html'), dest: '/srv/demo/index.html' }) },
    {
      name: 'service config',
      action: template({
        path: '/etc/demo/demo.conf',
        render: renderConfig,
        vars: { ...ctx.vars, host: ctx.host.name },
      }),
      notify: [restart],
    },
    { name: 'motd', action: file({ path: '/etc/demo/motd', content: `demo host ${ctx.host.name}\n`, mode: '0644' }) },
    {
      name: 'unit file',
      action: systemdUnit({ name: 'demo-web.service', content: renderUnit(ctx.vars) }),
      notify: [restart],
    },
    { name: 'service running', action: systemdService({ name: 'demo-web', enabled: true, state: 'started' }) },
  ],
  handlers: [restart],
  health: (ctx) => ({
    name: 'demo-web answers',
    check: `curl -fsS --max-time 2 http://127.0.0.1:${ctx.vars.demo_port}/ | grep -q 'orchestrate demo'`,
    retries: 20,
    delayMs: 250,
  }),
});
