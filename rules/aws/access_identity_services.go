package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/lazyre"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Access control that a service's own settings decide, not IAM policy: a
// QLDB ledger's permissions mode, a Cognito user pool's multi-factor
// authentication, and whether a SageMaker notebook's role credentials can be
// read from the metadata service without a session token. All three were
// found missing by comparing the peers' positive cases with the catalogue
// (h-positives).

var qldbLedgerStandardPermissions = &scanner.Rule{
	ID:    "aws-qldb-ledger-standard-permissions",
	Title: "QLDB ledgers use the STANDARD permissions mode",
	Description: "In the ALLOW_ALL permissions mode any principal allowed the ledger-level qldb:SendCommand can " +
		"read and write every table of the ledger: there is no table- or command-level permission, so access " +
		"cannot be limited to what a role needs (SOC 2 CC6.3). STANDARD evaluates an IAM permission for each " +
		"PartiQL command on each table. Older providers default permissions_mode to ALLOW_ALL, so an unset " +
		"mode fails too.",
	Severity:      scanner.Medium,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_qldb_ledger"},
	Remediation:   "Set permissions_mode = \"STANDARD\" and grant roles the qldb:PartiQL* actions on the tables they use.",
	RemediationCode: `resource "aws_qldb_ledger" "journal" {
  name             = "journal"
  permissions_mode = "STANDARD"
}`,
	Links: []string{
		registryDoc("aws_qldb_ledger", "permissions_mode"),
		"https://docs.aws.amazon.com/qldb/latest/developerguide/ledger-management.basics.html#ledger-mgmt.basics.permissions",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_170"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_qldb_ledger" "orders" {
  name             = "orders"
  permissions_mode = "STANDARD"
}`}},
	Bad: []scanner.Example{{Code: `
variable "mode" {
  type = string
}

resource "aws_qldb_ledger" "open" {
  name             = "open"
  permissions_mode = "ALLOW_ALL"
}

resource "aws_qldb_ledger" "unset" {
  name = "unset"
}

resource "aws_qldb_ledger" "chosen" {
  name             = "chosen"
  permissions_mode = var.mode
}`, Fails: []string{"aws_qldb_ledger.open", "aws_qldb_ledger.unset"}, Unknowns: []string{"aws_qldb_ledger.chosen"},
		Expect: map[string]scanner.Expected{"aws_qldb_ledger.open": {Line: 8}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		mode := r.Attr("permissions_mode")
		if !mode.IsSet() {
			return scanner.Failed(r.Range, "permissions_mode is unset: older providers create the ledger in ALLOW_ALL mode")
		}
		switch mode.CanBe("STANDARD") {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(mode.Range, "permissions_mode is not known until apply")
		}
		return scanner.Failed(mode.Range, "permissions_mode is not STANDARD: every principal with qldb:SendCommand reads and writes every table")
	},
}

var cognitoUserPoolMFA = &scanner.Rule{
	ID:    "aws-cognito-user-pool-mfa",
	Title: "Cognito user pools offer multi-factor authentication",
	Description: "A user pool with mfa_configuration OFF (the default) signs users in on a password alone, so a " +
		"phished or reused password is enough to take over an account of the application (SOC 2 CC6.1). With ON " +
		"or OPTIONAL the pool needs a second factor to offer: an SMS configuration, software tokens, or email. " +
		"OPTIONAL passes, as it lets each user enrol, and is the setting the other scanners accept.",
	Severity:      scanner.Medium,
	Criteria:      authenticationCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_cognito_user_pool"},
	Remediation:   "Set mfa_configuration = \"ON\" (or \"OPTIONAL\") and enable software_token_mfa_configuration, sms_configuration or email_mfa_configuration.",
	RemediationCode: `resource "aws_cognito_user_pool" "customers" {
  name              = "customers"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}`,
	Links: []string{
		registryDoc("aws_cognito_user_pool", "mfa_configuration"),
		"https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolKICS, ID: "Cognito UserPool Without MFA"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cognito_user_pool" "staff" {
  name              = "staff"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}

resource "aws_cognito_user_pool" "shop" {
  name              = "shop"
  mfa_configuration = "OPTIONAL"

  sms_configuration {
    external_id    = "shop-sms"
    sns_caller_arn = "arn:aws:iam::111122223333:role/shop-sms"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "mfa" {
  type = string
}

variable "totp" {
  type = bool
}

resource "aws_cognito_user_pool" "default_off" {
  name = "default-off"
}

resource "aws_cognito_user_pool" "off" {
  name              = "off"
  mfa_configuration = "OFF"
}

resource "aws_cognito_user_pool" "no_factor" {
  name              = "no-factor"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = false
  }
}

resource "aws_cognito_user_pool" "chosen" {
  name              = "chosen"
  mfa_configuration = var.mfa
}

resource "aws_cognito_user_pool" "token_from_var" {
  name              = "token-from-var"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = var.totp
  }
}`, Fails: []string{"aws_cognito_user_pool.default_off", "aws_cognito_user_pool.off", "aws_cognito_user_pool.no_factor"},
		Unknowns: []string{"aws_cognito_user_pool.chosen", "aws_cognito_user_pool.token_from_var"},
		Expect:   map[string]scanner.Expected{"aws_cognito_user_pool.off": {Line: 16}}}},
	Check: checkCognitoUserPoolMFA,
}

// checkCognitoUserPoolMFA fails a pool that does not ask for a second
// factor, and one that asks for it without configuring any factor to give.
func checkCognitoUserPoolMFA(r *scanner.Resource, _ *scanner.Context) scanner.Result {
	mfa := r.Attr("mfa_configuration")
	if !mfa.IsSet() {
		return scanner.Failed(r.Range, "mfa_configuration is unset (OFF): users sign in with a password alone")
	}
	switch mfa.CanBe("ON", "OPTIONAL") {
	case scanner.No:
		return scanner.Failed(mfa.Range, "mfa_configuration is OFF: users sign in with a password alone")
	case scanner.Maybe:
		return scanner.Unknowable(mfa.Range, "mfa_configuration is not known until apply")
	}
	return cognitoMFAFactor(r)
}

// cognitoMFAFactor passes when the pool configures a second factor: an SMS
// configuration, email MFA, or software tokens that are enabled.
func cognitoMFAFactor(r *scanner.Resource) scanner.Result {
	if r.FirstBlock("sms_configuration") != nil || r.FirstBlock("email_mfa_configuration") != nil {
		return scanner.Passed()
	}
	unknown := r.BlocksUnknown("sms_configuration") || r.BlocksUnknown("email_mfa_configuration") ||
		r.BlocksUnknown("software_token_mfa_configuration")
	for _, tok := range r.Blocks("software_token_mfa_configuration") {
		switch tok.Attr("enabled").BoolOr(false) {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(tok.Attr("enabled").Range, "software_token_mfa_configuration.enabled is not known until apply")
		}
	}
	if unknown {
		return scanner.Unknowable(r.Range, "a dynamic block only known after apply may configure the MFA factor")
	}
	return scanner.Failed(r.Range, "MFA is required but no factor is configured: enable software tokens, SMS or email MFA")
}

var sagemakerNotebookIMDSv2 = &scanner.Rule{
	ID:    "aws-sagemaker-notebook-imdsv2",
	Title: "SageMaker notebook instances require IMDSv2",
	Description: "A notebook instance runs user code and holds its execution role's credentials in the instance " +
		"metadata service. With IMDSv1 allowed, any request forgery from code or a library on the notebook reads " +
		"those credentials with a single GET; IMDSv2 requires a session token that such requests cannot obtain " +
		"(SOC 2 CC6.1, CC6.8). CreateNotebookInstance defaults the minimum version to 1, so a notebook without " +
		"instance_metadata_service_configuration fails.",
	Severity:      scanner.Medium,
	Criteria:      scanner.Criteria{Primary: "CC6.1", Secondary: []string{"CC6.8"}},
	Family:        scanner.FamilyKeysSecrets,
	ResourceTypes: []string{"aws_sagemaker_notebook_instance"},
	Remediation:   "Add instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }.",
	RemediationCode: `resource "aws_sagemaker_notebook_instance" "research" {
  # ...
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}`,
	Links: []string{
		registryDoc("aws_sagemaker_notebook_instance", "minimum_instance_metadata_service_version"),
		"https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-imds.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_371"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}`}},
	Bad: []scanner.Example{{Code: `
variable "imds" {
  type = string
}

resource "aws_sagemaker_notebook_instance" "default_v1" {
  name          = "default-v1"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "v1" {
  name          = "v1"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "1"
  }
}

resource "aws_sagemaker_notebook_instance" "chosen" {
  name          = "chosen"
  role_arn      = "arn:aws:iam::111122223333:role/research-notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = var.imds
  }
}`, Fails: []string{"aws_sagemaker_notebook_instance.default_v1", "aws_sagemaker_notebook_instance.v1"},
		Unknowns: []string{"aws_sagemaker_notebook_instance.chosen"},
		Expect:   map[string]scanner.Expected{"aws_sagemaker_notebook_instance.v1": {Line: 18}}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Get("instance_metadata_service_configuration", "minimum_instance_metadata_service_version")
		if !v.IsSet() {
			return scanner.Failed(r.Range, "no minimum IMDS version: the notebook allows IMDSv1, which hands out the role's credentials without a session token")
		}
		switch v.CanBe("2") {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		}
		return scanner.Failed(v.Range, "minimum_instance_metadata_service_version is 1: IMDSv1 hands out the role's credentials without a session token")
	},
}

// s3RESTEndpoint matches the end of the REST endpoint of a bucket
// (acme.s3.amazonaws.com, acme.s3.eu-west-1.amazonaws.com,
// acme.s3-eu-west-1.amazonaws.com, the dual-stack
// acme.s3.dualstack.eu-west-1.amazonaws.com); s3WebsiteEndpoint picks out
// the website endpoint (acme.s3-website-eu-west-1.amazonaws.com), which
// CloudFront reaches as a custom origin and which serves only public
// content. Both match a whole domain or only its known end, as the text
// from the first ".s3" on is enough to tell.
var (
	s3RESTEndpoint    = lazyre.New(`(?i)\.s3(\.dualstack)?([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$`)
	s3WebsiteEndpoint = lazyre.New(`(?i)\.s3-website[.-]`)
)

// isS3RESTEndpoint tells whether text, a whole domain name or the known
// end of one, ends with a bucket's REST endpoint.
func isS3RESTEndpoint(text string) bool {
	return s3RESTEndpoint().MatchString(text) && !s3WebsiteEndpoint().MatchString(text)
}

// s3DomainOrigins are the bucket attributes an origin's domain_name is read
// from when the configuration builds it from the bucket resource, or from
// the aws_s3_bucket data source for a bucket another stack owns.
var s3DomainOrigins = map[originAttr]bool{
	{typ: "aws_s3_bucket", attr: "bucket_regional_domain_name"}:             true,
	{typ: "aws_s3_bucket", attr: "bucket_domain_name"}:                      true,
	{data: true, typ: "aws_s3_bucket", attr: "bucket_regional_domain_name"}: true,
	{data: true, typ: "aws_s3_bucket", attr: "bucket_domain_name"}:          true,
}

// isS3DomainOrigin reports whether entry o of scanner.Value.Origins is
// exactly one of s3DomainOrigins.
func isS3DomainOrigin(o scanner.Origin) bool {
	src, ok := o.Attr()
	if !ok {
		return false
	}
	a, _ := originAttrOf(src)
	return s3DomainOrigins[a]
}

var cloudfrontS3OriginAccess = &scanner.Rule{
	ID:    "aws-cloudfront-s3-origin-access-control",
	Title: "CloudFront reaches S3 bucket origins through origin access control",
	Description: "A distribution whose origin is a bucket's REST endpoint can only fetch from it without an origin " +
		"access control (or the legacy origin access identity) if the bucket lets everyone read it, so the " +
		"content is also readable straight from S3, bypassing CloudFront's TLS policy, WAF, geo restrictions and " +
		"signed URLs (SOC 2 CC6.1, CC6.6). With origin_access_control_id or s3_origin_config.origin_access_identity " +
		"the bucket policy grants only the distribution. Website endpoints, other custom origins and VPC origins are not " +
		"applicable.",
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_cloudfront_distribution"},
	Remediation: "Create an aws_cloudfront_origin_access_control for S3, set origin_access_control_id on the origin, " +
		"and grant s3:GetObject in the bucket policy to cloudfront.amazonaws.com with an AWS:SourceArn condition on the distribution.",
	RemediationCode: `resource "aws_cloudfront_origin_access_control" "assets" {
  name                              = "assets"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "assets" {
  # ...
  origin {
    domain_name              = aws_s3_bucket.assets.bucket_regional_domain_name
    origin_id                = "assets"
    origin_access_control_id = aws_cloudfront_origin_access_control.assets.id
  }
}`,
	Links: []string{
		registryDoc("aws_cloudfront_distribution", "origin_access_control_id"),
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_46"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_cloudfront_origin_access_control" "docs" {
  name                              = "docs"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "docs" {
  enabled = true

  origin {
    domain_name              = "docs-bucket.s3.eu-west-1.amazonaws.com"
    origin_id                = "docs"
    origin_access_control_id = aws_cloudfront_origin_access_control.docs.id
  }

  origin {
    domain_name = "legacy-bucket.s3.amazonaws.com"
    origin_id   = "legacy"
    s3_origin_config {
      origin_access_identity = "origin-access-identity/cloudfront/E2EXAMPLE"
    }
  }

  origin {
    domain_name = "api.example.com"
    origin_id   = "api"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
}`}, {Code: `
variable "internal_alb_dns" {
  type = string
}

# A VPC origin is a load balancer or instance in a private subnet, never a
# bucket, whatever its domain name turns out to be.
resource "aws_cloudfront_distribution" "private_api" {
  enabled = true

  origin {
    domain_name = var.internal_alb_dns
    origin_id   = "api"
    vpc_origin_config {
      vpc_origin_id = "vo_EXAMPLE"
    }
  }
}`, NotApplicable: []string{"aws_cloudfront_distribution.private_api"}}, {Code: `
variable "bucket" {
  type = string
}

variable "region" {
  type = string
}

resource "aws_cloudfront_origin_access_control" "media" {
  name                              = "media"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "named_by_variable" {
  enabled = true

  origin {
    domain_name              = "${var.bucket}.s3.dualstack.${var.region}.amazonaws.com"
    origin_id                = "media"
    origin_access_control_id = aws_cloudfront_origin_access_control.media.id
  }
}

resource "aws_cloudfront_distribution" "legacy_identity" {
  enabled = true

  origin {
    domain_name = "${var.bucket}.s3.eu-west-1.amazonaws.com"
    origin_id   = "media"
    s3_origin_config {
      origin_access_identity = "origin-access-identity/cloudfront/E2EXAMPLE"
    }
  }
}

# A website endpoint is a custom origin, whatever its bucket.
resource "aws_cloudfront_distribution" "website" {
  enabled = true

  origin {
    domain_name = "${var.bucket}.s3-website-${var.region}.amazonaws.com"
    origin_id   = "site"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
}`, NotApplicable: []string{"aws_cloudfront_distribution.website"}}},
	Bad: []scanner.Example{{Code: `
variable "oac_id" {
  type = string
}

resource "aws_s3_bucket" "media" {
  bucket = "media-bucket"
}

resource "aws_cloudfront_distribution" "open" {
  enabled = true

  origin {
    domain_name = aws_s3_bucket.media.bucket_regional_domain_name
    origin_id   = "media"
  }
}

# A bucket another stack owns, read through a data source.
data "aws_s3_bucket" "shared" {
  bucket = "shared-media-bucket"
}

resource "aws_cloudfront_distribution" "shared" {
  enabled = true

  origin {
    domain_name = data.aws_s3_bucket.shared.bucket_regional_domain_name
    origin_id   = "shared"
  }
}

resource "aws_cloudfront_distribution" "empty_identity" {
  enabled = true

  origin {
    domain_name = "media-bucket.s3.amazonaws.com"
    origin_id   = "media"
    s3_origin_config {
      origin_access_identity = ""
    }
  }
}

variable "region" {
  type = string
}

resource "aws_cloudfront_distribution" "chosen" {
  enabled = true

  origin {
    domain_name              = "media-bucket.s3.amazonaws.com"
    origin_id                = "media"
    origin_access_control_id = var.oac_id
  }
}

variable "bucket" {
  type = string
}

# Whatever the bucket's name, these are REST endpoints.
resource "aws_cloudfront_distribution" "named_by_variable" {
  enabled = true

  origin {
    domain_name = "${var.bucket}.s3.amazonaws.com"
    origin_id   = "media"
  }
}

resource "aws_cloudfront_distribution" "regional_by_variables" {
  enabled = true

  origin {
    domain_name = "${var.bucket}.s3.${var.region}.amazonaws.com"
    origin_id   = "media"
  }
}

resource "aws_cloudfront_distribution" "dual_stack" {
  enabled = true

  origin {
    domain_name = "media-bucket.s3.dualstack.eu-west-1.amazonaws.com"
    origin_id   = "media"
  }
}`, Fails: []string{"aws_cloudfront_distribution.open", "aws_cloudfront_distribution.shared", "aws_cloudfront_distribution.empty_identity",
		"aws_cloudfront_distribution.named_by_variable", "aws_cloudfront_distribution.regional_by_variables", "aws_cloudfront_distribution.dual_stack"},
		Unknowns: []string{"aws_cloudfront_distribution.chosen"},
		Expect:   map[string]scanner.Expected{"aws_cloudfront_distribution.open": {Line: 13}}}},
	Check: checkCloudfrontS3OriginAccess,
}

// checkCloudfrontS3OriginAccess judges every origin that is, or may be, a
// bucket's REST endpoint.
func checkCloudfrontS3OriginAccess(r *scanner.Resource, _ *scanner.Context) scanner.Result {
	var results []scanner.Result
	for _, o := range r.Blocks("origin") {
		if res, judged := s3OriginAccess(o); judged {
			results = append(results, res)
		}
	}
	if r.BlocksUnknown("origin") {
		results = append(results, scanner.Unknowable(r.Range, "the origins are not known until apply"))
	}
	if len(results) == 0 {
		return scanner.DoesNotApply("no origin is an S3 bucket's REST endpoint")
	}
	return worst(results...)
}

// s3OriginAccess judges one origin; judged is false for an origin that is
// certainly not a bucket's REST endpoint: a custom origin, or a VPC origin
// (a load balancer or instance in a private subnet).
func s3OriginAccess(o *scanner.Block) (res scanner.Result, judged bool) {
	if o.FirstBlock("custom_origin_config") != nil || o.FirstBlock("vpc_origin_config") != nil {
		return scanner.Result{}, false
	}
	isS3 := isS3RESTDomain(o.Attr("domain_name"))
	if o.FirstBlock("s3_origin_config") != nil {
		isS3 = scanner.Yes
	}
	if isS3 == scanner.No {
		return scanner.Result{}, false
	}
	where := "origin " + describeValue(o.Attr("origin_id"))
	access := scanner.No
	for _, v := range []scanner.Value{o.Attr("origin_access_control_id"), o.Get("s3_origin_config", "origin_access_identity")} {
		access = access.Or(v.Names())
	}
	switch {
	case access == scanner.Yes:
		return scanner.Passed(), true
	case access == scanner.Maybe || isS3 == scanner.Maybe || o.BlocksUnknown("custom_origin_config") || o.BlocksUnknown("vpc_origin_config"):
		return scanner.Unknowable(o.Range, "%s: whether it is a bucket reached through origin access control is not known until apply", where), true
	}
	return scanner.Failed(o.Range, "%s is an S3 bucket without origin_access_control_id or an origin access identity: the bucket must be public for CloudFront to read it", where), true
}

// isS3RESTDomain tells whether an origin's domain_name is a bucket's REST
// endpoint: by its text when known, by the bucket attribute it is read from
// otherwise.
func isS3RESTDomain(v scanner.Value) scanner.Tri {
	if s, ok := v.AsString(); ok {
		return scanner.TriOf(isS3RESTEndpoint(s), false)
	}
	if !v.IsSet() {
		return scanner.No
	}
	// "${var.bucket}.s3.amazonaws.com": whatever the bucket, the text
	// known to end the name already makes it a REST endpoint; so does the
	// template "${var.bucket}.s3.${var.region}.amazonaws.com" whatever its
	// region, read with each unknown part as one label.
	if isS3RESTEndpoint(v.KnownSuffix()) || isS3RESTEndpoint(strings.ReplaceAll(v.Skeleton(), scanner.UnknownMark, "x")) {
		return scanner.Yes
	}
	origins := v.Origins()
	if len(origins) == 0 {
		// A bucket the scanned files do not declare (a partial
		// configuration, which Terraform would reject but a reviewer may
		// still scan) is still named by its address; its website endpoint
		// would come with a custom_origin_config, which is not judged.
		if slices.ContainsFunc(v.Refs, func(ref string) bool { return strings.HasPrefix(ref, "aws_s3_bucket.") }) {
			return scanner.Yes
		}
		return scanner.Maybe
	}
	if slices.ContainsFunc(origins, isS3DomainOrigin) {
		return scanner.Yes
	}
	return scanner.No
}

var ecsTaskRoleSeparate = &scanner.Rule{
	ID:    "aws-ecs-task-role-separate-from-execution-role",
	Title: "ECS task definitions give the application a role other than the execution role",
	Description: "The execution role is what the ECS agent uses to pull images, write the task's logs and read the " +
		"Secrets Manager secrets and SSM parameters injected into its containers; the task role is what the " +
		"application's own AWS calls run as. With one role for both the application can read every secret the " +
		"agent was allowed to inject, for every container of the task, and pull any image the role reaches: " +
		"more than it needs (SOC 2 CC6.3). A task definition with only one of the two roles is not applicable.",
	Severity:      scanner.Low,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_ecs_task_definition"},
	Remediation:   "Create a separate task role with only the permissions the application calls need, and keep image-pull, log and secret-injection permissions on the execution role.",
	RemediationCode: `resource "aws_ecs_task_definition" "api" {
  # ...
  execution_role_arn = aws_iam_role.api_execution.arn
  task_role_arn      = aws_iam_role.api_task.arn
}`,
	Links: []string{
		"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
		"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_249"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_iam_role" "execution" {
  name               = "api-execution"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "task" {
  name               = "api-task"
  assume_role_policy = "{}"
}

resource "aws_ecs_task_definition" "api" {
  family                = "api"
  container_definitions = "[]"
  execution_role_arn    = aws_iam_role.execution.arn
  task_role_arn         = aws_iam_role.task.arn
}

# Two instances of one role resource are two roles.
resource "aws_iam_role" "per_env" {
  count              = 2
  name               = "api-${count.index}"
  assume_role_policy = "{}"
}

resource "aws_ecs_task_definition" "per_env" {
  family                = "per-env"
  container_definitions = "[]"
  execution_role_arn    = aws_iam_role.per_env[0].arn
  task_role_arn         = aws_iam_role.per_env[1].arn
}

resource "aws_ecs_task_definition" "worker" {
  family                = "worker"
  container_definitions = "[]"
  execution_role_arn    = "arn:aws:iam::111122223333:role/worker-execution"
  task_role_arn         = "arn:aws:iam::111122223333:role/worker-task"
}

# The account's shared execution role, by ARN, and a task role the
# configuration creates under another name: two roles.
resource "aws_ecs_task_definition" "reports" {
  family                = "reports"
  container_definitions = "[]"
  execution_role_arn    = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"
  task_role_arn         = aws_iam_role.task.arn
}`}, {Code: `
# A module's optional task role left at its blank default: the task has
# no task role, so nothing is shared.
variable "task_role_arn" {
  type    = string
  default = ""
}

resource "aws_ecs_task_definition" "no_task_role" {
  family                = "no-task-role"
  container_definitions = "[]"
  execution_role_arn    = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"
  task_role_arn         = var.task_role_arn
}`, NotApplicable: []string{"aws_ecs_task_definition.no_task_role"}}},
	Bad: []scanner.Example{{Code: `
variable "task_role" {
  type = string
}

resource "aws_iam_role" "shared" {
  name               = "shared"
  assume_role_policy = "{}"
}

resource "aws_ecs_task_definition" "shared_ref" {
  family                = "shared-ref"
  container_definitions = "[]"
  execution_role_arn    = aws_iam_role.shared.arn
  task_role_arn         = aws_iam_role.shared.arn
}

resource "aws_ecs_task_definition" "shared_arn" {
  family                = "shared-arn"
  container_definitions = "[]"
  execution_role_arn    = "arn:aws:iam::111122223333:role/everything"
  task_role_arn         = "arn:aws:iam::111122223333:role/everything"
}

resource "aws_ecs_task_definition" "chosen" {
  family                = "chosen"
  container_definitions = "[]"
  execution_role_arn    = aws_iam_role.shared.arn
  task_role_arn         = var.task_role
}

# The written ARN has the declared role's name: the same role if the
# account is the configuration's, which only apply tells.
resource "aws_ecs_task_definition" "same_name" {
  family                = "same-name"
  container_definitions = "[]"
  execution_role_arn    = "arn:aws:iam::111122223333:role/shared"
  task_role_arn         = aws_iam_role.shared.arn
}`, Fails: []string{"aws_ecs_task_definition.shared_ref", "aws_ecs_task_definition.shared_arn"},
		Unknowns: []string{"aws_ecs_task_definition.chosen", "aws_ecs_task_definition.same_name"},
		Expect:   map[string]scanner.Expected{"aws_ecs_task_definition.shared_arn": {Line: 22}}}, {Code: `
# One variable for both roles, also through a local:
# whatever ARN it is set to, it is one role.
variable "role_arn" {
  type = string
}

variable "execution_role_arn" {
  type = string
}

locals {
  role = var.role_arn
}

resource "aws_ecs_task_definition" "one_variable" {
  family                = "one-variable"
  container_definitions = "[]"
  execution_role_arn    = var.role_arn
  task_role_arn         = local.role
}

# Two variables may be set to one ARN or to two: only apply tells.
resource "aws_ecs_task_definition" "two_variables" {
  family                = "two-variables"
  container_definitions = "[]"
  execution_role_arn    = var.execution_role_arn
  task_role_arn         = var.role_arn
}`, Fails: []string{"aws_ecs_task_definition.one_variable"},
		Unknowns: []string{"aws_ecs_task_definition.two_variables"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		exec, task := r.Attr("execution_role_arn"), r.Attr("task_role_arn")
		// A blank ARN (a module's optional role left at "") is no role.
		if exec.Names() == scanner.No || task.Names() == scanner.No {
			return scanner.DoesNotApply("the task definition does not set both an execution role and a task role")
		}
		switch sameRole(exec, task, ctx.Index) {
		case scanner.Yes:
			return scanner.Failed(task.Range, "task_role_arn is the execution role: the application gets the agent's image, log and secret permissions")
		case scanner.Maybe:
			return scanner.Unknowable(task.Range, "whether task_role_arn and execution_role_arn name the same role is not known until apply")
		}
		return scanner.Passed()
	},
}

// sameRole tells whether two role ARNs name the same role: by their text
// when both are known, by the role names when one is known and the other
// is the ARN of a declared role, by the reference both are read from
// (scanner.Same), by the resources they are read from when both are read
// from declared resources only.
func sameRole(a, b scanner.Value, ix *scanner.Index) scanner.Tri {
	as, aok := a.AsString()
	bs, bok := b.AsString()
	switch {
	case aok && bok:
		return scanner.TriOf(as == bs, false)
	case aok:
		return knownRoleIsDeclared(as, b, ix)
	case bok:
		return knownRoleIsDeclared(bs, a, ix)
	}
	// One variable or one role's ARN read twice is one role; the ARNs
	// of two declared roles are two.
	if same := scanner.Same(a, b, "arn"); same != scanner.Maybe {
		return same
	}
	switch {
	case len(a.Refs) == 0 || len(b.Refs) == 0 || a.MayBeBlank() || b.MayBeBlank():
		return scanner.Maybe
	case len(a.Refs) == 1 && slices.Equal(a.Refs, b.Refs):
		return scanner.Yes
	case !slices.ContainsFunc(a.Refs, func(ref string) bool { return slices.Contains(b.Refs, ref) }):
		return scanner.No
	}
	return scanner.Maybe
}

// knownRoleIsDeclared tells whether the role ARN arn, written out, is the
// role v is the ARN of: No when v is only the arn of declared roles whose
// names are known and differ from the ARN's last path segment (an
// account's shared ecsTaskExecutionRole beside a task role the
// configuration creates), Maybe otherwise.
func knownRoleIsDeclared(arn string, v scanner.Value, ix *scanner.Index) scanner.Tri {
	_, name, ok := strings.Cut(arn, ":role/")
	if !ok || ix == nil || !isOnlyAttr(v.Origins(), "aws_iam_role", "arn") {
		return scanner.Maybe
	}
	name = name[strings.LastIndex(name, "/")+1:]
	roles := ix.Resolve(v)
	if len(roles) == 0 {
		return scanner.Maybe
	}
	for _, role := range roles {
		declared, known := role.Attr("name").AsString()
		if role.Type != "aws_iam_role" || !known || declared == name {
			return scanner.Maybe
		}
	}
	return scanner.No
}

var s3BucketACLsDisabled = &scanner.Rule{
	ID:    "aws-s3-bucket-acls-disabled",
	Title: "S3 bucket ownership controls disable ACLs",
	Description: "With object_ownership ObjectWriter or BucketOwnerPreferred the bucket keeps access control lists: " +
		"any writer can attach an ACL granting read to other accounts or to everyone, and with ObjectWriter objects " +
		"uploaded by other accounts stay theirs, beyond the bucket policy. BucketOwnerEnforced (the default for new " +
		"buckets since April 2023) turns ACLs off so that access is decided by policies alone (SOC 2 CC6.1, CC6.3). " +
		"Buckets AWS delivers access logs into are not applicable: CloudFront standard logging and ACL-based S3 log " +
		"delivery need ACLs.",
	Severity:      scanner.Low,
	Criteria:      leastPrivilegeCriteria,
	Family:        scanner.FamilyLeastPrivilege,
	ResourceTypes: []string{"aws_s3_bucket_ownership_controls"},
	Remediation:   "Set rule.object_ownership = \"BucketOwnerEnforced\" and grant any cross-account access in the bucket policy.",
	RemediationCode: `resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}`,
	Links: []string{
		registryDoc("aws_s3_bucket_ownership_controls", "object_ownership"),
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_65"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_s3_bucket" "data" {
  bucket = "data-bucket"
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}`}, {Code: `
resource "aws_s3_bucket" "cdn_logs" {
  bucket = "cdn-logs-bucket"
}

resource "aws_s3_bucket_ownership_controls" "cdn_logs" {
  bucket = aws_s3_bucket.cdn_logs.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

  logging_config {
    bucket = aws_s3_bucket.cdn_logs.bucket_domain_name
  }
}`, NotApplicable: []string{"aws_s3_bucket_ownership_controls.cdn_logs"}}},
	Bad: []scanner.Example{{Code: `
variable "ownership" {
  type = string
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads-bucket"
}

resource "aws_s3_bucket_ownership_controls" "writer" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_ownership_controls" "preferred" {
  bucket = "another-bucket"

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_ownership_controls" "chosen" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    object_ownership = var.ownership
  }
}`, Fails: []string{"aws_s3_bucket_ownership_controls.writer", "aws_s3_bucket_ownership_controls.preferred"},
		Unknowns: []string{"aws_s3_bucket_ownership_controls.chosen"},
		Expect:   map[string]scanner.Expected{"aws_s3_bucket_ownership_controls.writer": {Line: 14}}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		v := r.Get("rule", "object_ownership")
		if !v.IsSet() {
			return scanner.DoesNotApply("no object_ownership rule")
		}
		switch v.CanBe("BucketOwnerEnforced") {
		case scanner.Yes:
			return scanner.Passed()
		case scanner.Maybe:
			return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
		}
		for _, bucket := range ctx.Index.Resolve(r.Attr("bucket")) {
			if bucket.Type == "aws_s3_bucket" && isLogDeliveryTarget(bucket, ctx.Index) {
				return scanner.DoesNotApply("the bucket receives AWS log delivery, which may need ACLs")
			}
		}
		return scanner.Failed(v.Range, "object_ownership keeps ACLs enabled: grants in object and bucket ACLs bypass the bucket policy")
	},
}

// isOnlyAttr reports whether origins has one entry, which is the managed
// resource attribute typ.attr itself.
func isOnlyAttr(origins scanner.Origins, typ, attr string) bool {
	if len(origins) != 1 {
		return false
	}
	src, ok := origins[0].Attr()
	return ok && src.IsAttr(false, typ, attr)
}
