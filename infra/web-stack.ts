import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  type ICachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { StageSettings } from './settings.ts';

export interface WebStackProps extends StackProps {
  settings: StageSettings;
}

/**
 * The page's Content-Security-Policy. The API's own origin cannot be named here: the API stack needs this
 * stack's domain for CORS and e-mail links, so this stack cannot wait for the API; the pages may call
 * API Gateway HTTP APIs of this region and Cognito's endpoints of this region (the staff sign-in), and
 * nothing else outside the site.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The API, and the staff sign-in: the user pool's discovery document and keys, and its login domain's token endpoint.
  `connect-src 'self' https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX} https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX} https://*.auth.${Aws.REGION}.amazoncognito.com`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Where the web pages are served from: a private S3 bucket that only this CloudFront distribution may
 * read (Origin Access Control), HTTPS only, every unknown path answered with the single page (its
 * router decides), security headers on every response. The files themselves are put in by the
 * WebContent stack (infra/web-content-stack.ts), once the API's URL is known for /config.js.
 */
export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The site's origin, https://<domain>: what the API allows by CORS and puts in e-mailed links. */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { settings } = props;
    // The pages are rebuilt from the repository on every deploy; only production keeps its buckets (and logs) if the stack goes.
    const removal = settings.stage === 'prod' ? { removalPolicy: RemovalPolicy.RETAIN } : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL: the bucket must accept ACLs (none is public).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      ...removal,
    });
    NagSuppressions.addResourceSuppressions(logs, [
      { id: 'AwsSolutions-S1', reason: 'This bucket is where the site bucket and the distribution write their access logs; logging it into itself would loop.' },
    ]);

    this.bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      ...removal,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Stakeholder registry pages: HSTS, CSP, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // As the local web server (local/web-server.ts): status links carry their token in the fragment, never sent, but paths name records.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior = (cachePolicy: ICachePolicy): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: headers,
      compress: true,
    });
    const { domain, certificateArn } = settings.web;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Stakeholder registry (${settings.stage}) web pages`,
      // index.html and config.js change on every deploy under the same names: CloudFront asks S3 each time.
      defaultBehavior: behavior(CachePolicy.CACHING_DISABLED),
      // Content-hashed names: cached as long as S3's Cache-Control says (a year, infra/web-content-stack.ts).
      additionalBehaviors: { '/assets/*': behavior(CachePolicy.CACHING_OPTIMIZED) },
      defaultRootObject: 'index.html',
      // The single page: S3 answers 403 (OAC may not list) or 404 for a path that is no file, and the router takes it.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(domain !== undefined && certificateArn !== undefined
        ? {
            domainNames: [domain],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.siteUrl = `https://${domain ?? this.distribution.distributionDomainName}`;

    NagSuppressions.addResourceSuppressions(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'The registry serves Member States and stakeholders worldwide: no country may be blocked.' },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static files only; the API it calls is API Gateway, throttled at its stage. A WAF web ACL ' +
          '(us-east-1, a monthly cost per ACL and rule) is left to the deploying organisation, which may already run one.',
      },
      ...(domain === undefined
        ? [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                "Without -c webDomain the distribution uses CloudFront's own *.cloudfront.net certificate, whose minimum TLS " +
                'version CloudFront fixes; with a custom domain and certificate the stack requires TLS 1.2 (TLSv1.2_2021).',
            },
          ]
        : []),
    ]);

    new CfnOutput(this, 'SiteUrl', { value: this.siteUrl, description: 'The web pages (and the origin the API allows)' });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName, description: 'Point the custom domain (webDomain) here, by CNAME or alias record' });
  }
}
