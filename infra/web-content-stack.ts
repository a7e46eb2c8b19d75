import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

export interface WebContentStackProps extends StackProps {
  bucket: IBucket;
  distribution: IDistribution;
  /** The API's base URL, without a trailing slash: the pages put paths after it (web/src/api.ts). */
  apiUrl: string;
  /** How the console signs staff in (infra/identity-stack.ts): the user pool's issuer, the console's client, Cognito's /logout. */
  staffSignIn: { issuer: string; clientId: string; logoutUrl: string };
  /** The built pages: index.html and assets/ (web/build.ts's buildWeb()). */
  webDist: string;
}

/** What /config.js says: the same shape as the local web server's (local/web-server.ts). */
export const configScript = (stack: Stack, apiUrl: string, staffSignIn: WebContentStackProps['staffSignIn']): string => `window.registryConfig = ${stack.toJsonString({ apiUrl, staffSignIn })};\n`;

/**
 * The files of the web pages, in the Web stack's bucket: the built pages and /config.js, which names the
 * API and the staff sign-in. A stack of its own, after the API stack: the API needs the site's origin first (CORS, e-mailed links).
 */
export class WebContentStack extends Stack {
  readonly assets: BucketDeployment;
  readonly pages: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebContentStackProps) {
    super(scope, id, props);
    const { bucket, distribution, webDist } = props;

    // One role and log group for the one deployment Lambda both deployments share: no managed policy, logs kept a month.
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: 'Copies the web pages into their bucket' });
    logGroup.grantWrite(role);

    // One upload of the build; each deployment copies its part of it (include/exclude filter the copy).
    const build = Source.asset(webDist);
    // Hashed names never change content: cached for a year. Old ones stay (no prune) for pages already open that load them lazily.
    this.assets = new BucketDeployment(this, 'Assets', {
      sources: [build],
      include: ['assets/*'],
      exclude: ['*'],
      destinationBucket: bucket,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      prune: false,
      role,
      logGroup,
    });
    // index.html and config.js: revalidated on every load, so a deploy shows at once.
    this.pages = new BucketDeployment(this, 'Pages', {
      sources: [build, Source.data('config.js', configScript(this, props.apiUrl, props.staffSignIn))],
      exclude: ['assets/*'],
      destinationBucket: bucket,
      cacheControl: [CacheControl.noCache()],
      distribution,
      distributionPaths: ['/', '/index.html', '/config.js'],
      role,
      logGroup,
    });
    // The pages reference the assets: copy those first.
    this.pages.node.addDependency(this.assets);

    // The Lambda both deployments share is a singleton that CDK names with a fixed uuid.
    const deploymentFunction = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (deploymentFunction === undefined) throw new Error("no BucketDeployment Lambda found: aws-cdk-lib's naming changed");
    NagSuppressions.addResourceSuppressions(deploymentFunction, [
      {
        id: 'AwsSolutions-L1',
        reason: "The BucketDeployment Lambda is CDK's own (Python, with the AWS CLI layer); aws-cdk-lib chooses its runtime and moves it on when it is upgraded.",
      },
    ]);

    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "CDK's BucketDeployment grants its Lambda the object wildcards it copies with (read on the CDK asset bucket's objects, " +
            "write and delete on the site bucket's objects) and cloudfront:CreateInvalidation/GetInvalidation on '*'; the role serves that Lambda only.",
        },
      ],
      true,
    );
  }
}
