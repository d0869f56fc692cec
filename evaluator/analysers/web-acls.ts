// Which AWS WAF web ACL protects each application load balancer (edges web ACL PROTECTS load balancer, drawn by the
// wafv2 collector from ListResourcesForWebACL). "No web ACL" is only known when every web ACL of the load balancer's
// region was read with its associations: a failed ListWebACLs, or a web ACL whose associations were refused, makes
// the verdict unknown rather than unprotected.
import type { Estate } from '../engine/estate';

export interface WebAclFact {
  verdict: 'protected' | 'unprotected' | 'unknown';
  webAcls: string[];
  evidence: string[];
}

export function analyseWebAcls(estate: Estate): Map<string, WebAclFact> {
  const facts = new Map<string, WebAclFact>();
  for (const loadBalancer of estate.allOfType('aws_elbv2_load_balancer')) {
    if ((loadBalancer.config as { Type?: unknown }).Type !== 'application') continue;
    const webAcls = estate
      .edges(loadBalancer.id, 'PROTECTS', 'in')
      .map((edge) => estate.get(edge.fromId))
      .filter((from) => from?.type === 'aws_wafv2_web_acl')
      .map((from) => from!);
    if (webAcls.length > 0) {
      facts.set(loadBalancer.id, {
        verdict: 'protected',
        webAcls: webAcls.map((webAcl) => webAcl.id),
        evidence: [
          `web ACL ${webAcls.map((webAcl) => `${webAcl.name} (${webAcl.id})`).join(', ')} protects it`,
        ],
      });
      continue;
    }
    const { accountId, region } = loadBalancer;
    const unread = estate.unreadType(accountId, 'aws_wafv2_web_acl', region);
    const unreadAssociations = estate
      .ofType(accountId, 'aws_wafv2_web_acl', region)
      .filter((webAcl) => webAcl.readErrors?.AssociatedResourceArns);
    if (unread.length > 0 || unreadAssociations.length > 0) {
      const why =
        unread.length > 0
          ? `the web ACLs of account ${accountId} in ${region} were not read (${unread[0].code})`
          : `the associations of web ACL ${unreadAssociations[0].name} (${unreadAssociations[0].id}) were not read (${unreadAssociations[0].readErrors!.AssociatedResourceArns})`;
      facts.set(loadBalancer.id, { verdict: 'unknown', webAcls: [], evidence: [`unknown: ${why}`] });
      continue;
    }
    facts.set(loadBalancer.id, {
      verdict: 'unprotected',
      webAcls: [],
      evidence: [
        `none of the web ACLs of account ${accountId} in ${region} lists load balancer ${loadBalancer.name}`,
      ],
    });
  }
  return facts;
}
