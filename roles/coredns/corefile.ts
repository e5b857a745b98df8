// The Corefile: cluster names from the API, everything else forwarded to the node's resolver (no loop).

/** Pure: the Corefile for a cluster domain, with the `forward` KTHW's copy lacked (docs/kthw.md#coredns-forward). */
export function renderCorefile(clusterDomain: string): string {
  return [
    '.:53 {',
    '    errors',
    '    health {',
    '        lameduck 5s',
    '    }',
    '    ready',
    `    kubernetes ${clusterDomain} in-addr.arpa ip6.arpa {`,
    '        pods insecure',
    '        fallthrough in-addr.arpa ip6.arpa',
    '        ttl 30',
    '    }',
    '    prometheus :9153',
    // The pod's /etc/resolv.conf is the kubelet's resolvConf (dnsPolicy: Default), chosen loop-free.
    '    forward . /etc/resolv.conf {',
    '        max_concurrent 1000',
    '    }',
    '    cache 30',
    '    loop',
    '    reload',
    '    loadbalance',
    '}',
    '',
  ].join('\n');
}
