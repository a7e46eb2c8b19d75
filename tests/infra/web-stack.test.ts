import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { exportedValue, logicalIdOf, nestedStacksOf, referencedId, rendered, resourcesOf, synthRegistry, type Resource } from './registry-app.ts';

const stacks = synthRegistry();
const { web, webContent, api, jobs, identity } = stacks;
const template = Template.fromStack(web);
const distribution = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
const pagesBucketId = logicalIdOf(web, web.bucket);
const deployments = resourcesOf(Template.fromStack(webContent), 'Custom::CDKBucketDeployment');
const deploymentOf = (construct: { node: { findChild(id: string): unknown } }) =>
  deployments[webContent.getLogicalId((construct.node.findChild('CustomResource') as { node: { defaultChild: Parameters<typeof webContent.getLogicalId>[0] } }).node.defaultChild)]!;
const customDomain = { webDomain: 'registry.example.org', webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c' };

describe('the site bucket', () => {
  it('is private: every public access blocked, objects owned by the bucket, no website hosting', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    for (const bucket of Object.values(resourcesOf(template, 'AWS::S3::Bucket'))) {
      expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    }
  });

  it('refuses plain HTTP, and lets only this distribution read it, by Origin Access Control', () => {
    const policy = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).find((candidate) => referencedId(candidate.Properties.Bucket) === pagesBucketId)!;
    const statements = policy.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Principal: unknown; Condition?: Record<string, any> }[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    // Besides CloudFront, only the dev stage's auto-delete custom resource, on its own role.
    const allows = statements.filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal).includes('cloudfront'));
    expect(allows).toHaveLength(1);
    expect(statements.filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal).includes('*'))).toEqual([]);
    expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(rendered(allows[0]!.Condition!.StringEquals['AWS:SourceArn'])).toMatch(/:cloudfront::\$\{AWS::AccountId\}:distribution\/\$\{Distribution\w+\}$/);
  });

  it('is kept with its logs in production only', () => {
    expect(Object.values(resourcesOf(template, 'AWS::S3::Bucket')).map((bucket) => bucket.DeletionPolicy)).toEqual(['Delete', 'Delete']);
    const production = Template.fromStack(synthRegistry({ stage: 'prod', ...customDomain }).web);
    expect(Object.values(resourcesOf(production, 'AWS::S3::Bucket')).map((bucket) => bucket.DeletionPolicy)).toEqual(['Retain', 'Retain']);
  });
});

describe('the CloudFront distribution', () => {
  it('reads the bucket through Origin Access Control, not a public endpoint or an OAI', () => {
    const [origin] = distribution.Origins;
    expect(distribution.Origins).toHaveLength(1);
    expect(referencedId(origin.DomainName)).toBe(pagesBucketId);
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    const control = resourcesOf(template, 'AWS::CloudFront::OriginAccessControl')[referencedId(origin.OriginAccessControlId)]!;
    expect(control.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
  });

  it('redirects HTTP to HTTPS on every path, and serves GET and HEAD only', () => {
    for (const behavior of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) {
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
  });

  it('serves index.html at / and for every path that is no file (the single page), with 200', () => {
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.CustomErrorResponses).toEqual(
      [403, 404].map((code) => ({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 })),
    );
  });

  it('caches hashed assets, and never index.html or config.js', () => {
    const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
    const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';
    expect(distribution.DefaultCacheBehavior.CachePolicyId).toBe(cachingDisabled);
    expect(distribution.CacheBehaviors).toEqual([expect.objectContaining({ PathPattern: '/assets/*', CachePolicyId: cachingOptimized })]);
  });

  it('sends HSTS, nosniff, DENY framing, no referrer and a CSP on every response', () => {
    const [policyId] = Object.keys(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy'));
    for (const behavior of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) expect(referencedId(behavior.ResponseHeadersPolicyId)).toBe(policyId);
    const headers = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy')[policyId!]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 730 * 24 * 3600, IncludeSubdomains: true, Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    const csp = rendered(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The API, and the staff sign-in: the user pool's discovery and keys, its login domain's token endpoint; nothing else
    expect(csp).toContain("connect-src 'self' https://*.execute-api.${AWS::Region}.${AWS::URLSuffix} https://cognito-idp.${AWS::Region}.${AWS::URLSuffix} https://*.auth.${AWS::Region}.amazoncognito.com;");
    expect(csp).not.toContain('unsafe-');
  });

  it("logs requests to the log bucket, and on CloudFront's own domain has no certificate to set TLS on", () => {
    expect(distribution.Logging).toMatchObject({ Prefix: 'cloudfront/' });
    expect(referencedId(distribution.Logging.Bucket)).not.toBe(pagesBucketId);
    expect(distribution.ViewerCertificate).toBeUndefined();
    expect(distribution.Aliases).toBeUndefined();
  });

  it('serves a custom domain with its certificate, TLS 1.2 or later, and needs no TLS suppression then', () => {
    const production = synthRegistry({ stage: 'prod', ...customDomain }).web;
    const [resource] = Object.values(resourcesOf(Template.fromStack(production), 'AWS::CloudFront::Distribution')) as Resource[];
    expect(resource!.Properties.DistributionConfig).toMatchObject({
      Aliases: ['registry.example.org'],
      ViewerCertificate: { AcmCertificateArn: customDomain.webCertificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
    });
    expect(resource!.Metadata!.cdk_nag.rules_to_suppress.map((rule: { id: string }) => rule.id)).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2']);
    expect(production.siteUrl).toBe('https://registry.example.org');
  });
});

describe('the site and the API know each other, with no cycle', () => {
  const siteOrigin = 'https://${Distribution830FAC52.DomainName}';

  it('deploys Web, then Identity, then Api and Jobs, then WebContent', () => {
    const dependencies = (stack: Stack) => stack.dependencies.map((dependency) => dependency.stackName).sort();
    expect(dependencies(web)).toEqual([]);
    expect(dependencies(identity)).toContain(web.stackName);
    expect(dependencies(api)).toEqual(expect.arrayContaining([web.stackName, identity.stackName]));
    expect(dependencies(jobs)).toContain(web.stackName);
    expect(dependencies(webContent)).toEqual([api.stackName, identity.stackName, web.stackName].sort());
  });

  it("tells the Lambdas that link to the pages or answer browsers the site's https origin as PUBLIC_WEB_URL and CORS origin", () => {
    const functions = [...nestedStacksOf(api), jobs].flatMap((stack) => Object.values(resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Function')));
    const linking = functions.filter((fn) => 'PUBLIC_WEB_URL' in fn.Properties.Environment.Variables);
    const answering = functions.filter((fn) => 'CORS_ORIGINS' in fn.Properties.Environment.Variables);
    expect(linking.length).toBeGreaterThan(0);
    expect(answering.length).toBeGreaterThan(0);
    for (const fn of linking) expect(rendered(fn.Properties.Environment.Variables.PUBLIC_WEB_URL)).toMatch(/^https:\/\/\$\{[\w:/-]+\}$/);
    for (const fn of answering) {
      // In the nested stacks the value arrives as a parameter; its source is checked through the Api stack below.
      expect(rendered(fn.Properties.Environment.Variables.CORS_ORIGINS)).toMatch(/^https:\/\/\$\{[\w:/-]+\},http:\/\/localhost:3000$/);
    }
    const jobsFunction = Object.values(resourcesOf(Template.fromStack(jobs), 'AWS::Lambda::Function')).find((fn) => 'PUBLIC_WEB_URL' in fn.Properties.Environment.Variables)!;
    const [, [, domainImport]] = jobsFunction.Properties.Environment.Variables.PUBLIC_WEB_URL['Fn::Join'] as [string, [string, unknown]];
    expect(`https://${rendered(exportedValue(domainImport, [web]))}`).toBe(siteOrigin);
    expect(stacks.registry.webUrl).toBe(web.siteUrl);
  });

  it('writes /config.js naming the API and the staff sign-in, uncached, and invalidates it and index.html on every deploy', () => {
    const pages = deploymentOf(webContent.pages).Properties;
    expect(pages.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(pages.DistributionPaths).toEqual(['/', '/index.html', '/config.js']);
    expect(rendered(exportedValue(pages.DistributionId, [web]))).toBe(`\${${logicalIdOf(web, web.distribution)}}`);
    // Act: the staged config.js, its deploy-time marker filled in as the deployment Lambda does
    const assembly = (web.node.root as App).synth();
    const [configDir] = readdirSync(assembly.directory).filter((entry) => existsSync(path.join(assembly.directory, entry, 'config.js')));
    const script = readFileSync(path.join(assembly.directory, configDir!, 'config.js'), 'utf8');
    const markers = Object.assign({}, ...pages.SourceMarkers) as Record<string, { 'Fn::Join': [string, unknown[]] }>;
    const filled = Object.entries(markers).reduce((text, [marker, value]) => text.replace(marker, value['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part).includes('Fn::ImportValue') ? rendered(exportedValue(part, [api, identity])) : rendered(part))).join('')), script);
    const apiId = Object.keys(resourcesOf(Template.fromStack(api), 'AWS::ApiGatewayV2::Api'))[0]!;
    // Assess: the API's endpoint, without a trailing slash (the pages append paths), and the user pool the console signs in with
    const poolId = logicalIdOf(identity, identity.userPool);
    const clientId = logicalIdOf(identity, identity.client);
    const domainId = logicalIdOf(identity, identity.domain);
    const staffSignIn = { issuer: `\${${poolId}.ProviderURL}`, clientId: `\${${clientId}}`, logoutUrl: `https://\${${domainId}}.auth.\${AWS::Region}.amazoncognito.com/logout` };
    expect(filled).toBe(`window.registryConfig = ${JSON.stringify({ apiUrl: `\${${apiId}.ApiEndpoint}`, staffSignIn })};\n`);
  });

  it('copies hashed assets with a year of caching and never prunes them, the pages without them', () => {
    const assets = deploymentOf(webContent.assets).Properties;
    expect(assets).toMatchObject({ Prune: false, Exclude: ['*'], Include: ['assets/*'], SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(deploymentOf(webContent.pages).Properties).toMatchObject({ Prune: true, Exclude: ['assets/*'] });
    expect(rendered(exportedValue(assets.DestinationBucketName, [web]))).toBe(`\${${pagesBucketId}}`);
  });

  it('outputs the site URL', () => {
    expect(rendered(template.findOutputs('SiteUrl').SiteUrl!.Value)).toBe(siteOrigin);
  });
});
