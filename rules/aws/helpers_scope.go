package aws

import "github.com/soc2-as-code/terraform-provider-soc2/scanner"

// Name scopes. Rules link resources by a shared name as well as by
// reference: a lock names its vault, a recorder status its recorder, a
// logging configuration its cluster. A name is one resource only within
// the scope AWS keeps it unique in, and a link across scopes joins two
// resources that merely share a name — which would let one pass for the
// other's settings (a hidden pass) or fail for lacking them. Each link
// states its scope here, and scanner.Index.ReferrersIn applies it: a
// referrer by name in another scope is not the target's, one whose scope
// cannot be told is only a maybe. A link by reference needs no scope.
//
// The scopes, from the AWS documentation of each service:
//   - partition-wide (nil Scope): S3 bucket names; and identifiers AWS
//     generates, unique everywhere (vpc-…, fs-…, a detector ID, a key ID,
//     an ARN, a Route 53 hosted zone ID).
//   - per account: IAM names (users, roles, policies, instance profiles).
//   - per account and region (inRegion): nearly every other name that
//     the configuration chooses — CloudWatch log groups, AWS Backup
//     vaults, AWS Config recorders, Redshift and RDS cluster identifiers,
//     Secrets Manager secrets, KMS aliases, SNS topics, SQS queues, ECS
//     clusters, CloudWatch Logs delivery sources.
//   - per parent resource (inParent): API Gateway stages of one REST API,
//     ECS services of one cluster.

// inRegion is the scope of a name unique per account and region: the
// referrer must be in target's region and account.
func inRegion(target, referrer *scanner.Resource) scanner.Tri {
	return sameRegion(target, referrer)
}

// inAccount is the scope of a name unique per account, such as an IAM
// role's: the referrer must be in target's account, in any region.
func inAccount(target, referrer *scanner.Resource) scanner.Tri {
	return sameAccount(target, referrer)
}

// inParent is the scope of a name unique within a parent resource that
// both name by the argument arg (a stage's rest_api_id), of which unique
// are the attributes that identify one parent (see scanner.Same). The
// parent's own ID is one AWS generates, unique in every region.
func inParent(arg string, unique ...string) scanner.Scope {
	return func(target, referrer *scanner.Resource) scanner.Tri {
		return scanner.Same(target.Attr(arg), referrer.Attr(arg), unique...)
	}
}
