// The one entry point of every double: the embedded component name picks its main.

import { apiserverMain } from './components/apiserver.ts';
import { controllerManagerMain } from './components/controller-manager.ts';
import { kubeProxyMain } from './components/kube-proxy.ts';
import { kubeletMain } from './components/kubelet.ts';
import { schedulerMain } from './components/scheduler.ts';
import { embedded } from './embedded.ts';
import { kubectlMain } from './kubectl/main.ts';
import { runDouble, type DoubleContext, type Running } from './run.ts';

const MAINS: Record<string, (ctx: DoubleContext) => Promise<Running>> = {
  'kube-apiserver': apiserverMain,
  'kube-controller-manager': controllerManagerMain,
  'kube-scheduler': schedulerMain,
  kubelet: kubeletMain,
  'kube-proxy': kubeProxyMain,
};

if (embedded().component === 'kubectl') kubectlMain(embedded());
else runDouble((ctx) => MAINS[embedded().component]!(ctx));
