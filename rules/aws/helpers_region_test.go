package aws

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/loader"
)

// loadIndex loads code as a one-file root module the way a scan does, with
// the AWS data sources computed.
func loadIndex(t *testing.T, code string) *scanner.Index {
	t.Helper()
	res, err := loader.LoadFS(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(code)}}, ".", loader.Options{DataSources: DataSources()})
	require.NoError(t, err)
	for _, d := range res.Diagnostics {
		require.NotEqual(t, scanner.DiagError, d.Severity, d.Error())
	}
	return scanner.NewIndex(res.Resources)
}

const regionFixture = `
variable "late_region" {
  type = string
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "late"
  region = var.late_region
}

provider "aws" {
  alias = "unset"
}

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_vault" "late" {
  provider = aws.late
  name     = "late"
}

resource "aws_backup_vault" "unset" {
  provider = aws.unset
  name     = "unset"
}

resource "aws_backup_vault" "own_region" {
  provider = aws.dr
  region   = "eu-north-1"
  name     = "own"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.dr
  bucket   = "acme-replica"
}

resource "aws_s3_bucket_replication_configuration" "targets" {
  bucket = "acme-source"
  role   = "arn:aws:iam::111122223333:role/replication"
  rule {
    id     = "by-reference"
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
  rule {
    id     = "by-name"
    status = "Enabled"
    destination {
      bucket = "arn:aws:s3:::acme-replica"
    }
  }
  rule {
    id     = "undeclared"
    status = "Enabled"
    destination {
      bucket = "arn:aws:s3:::somebody-elses-bucket"
    }
  }
  rule {
    id     = "late"
    status = "Enabled"
    destination {
      bucket = var.late_region
    }
  }
}
`

func TestRegionOfResource(t *testing.T) {
	ix := loadIndex(t, regionFixture)

	tests := []struct {
		address string
		region  string
		why     string
	}{
		{address: "aws_backup_vault.main", region: "eu-west-1"},
		{address: "aws_backup_vault.dr", region: "eu-central-1"},
		{address: "aws_backup_vault.own_region", region: "eu-north-1"},
		{address: "aws_backup_vault.late", why: "not known until apply"},
		{address: "aws_backup_vault.unset", why: "cannot be determined"},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			r := ix.Lookup(tt.address)
			require.NotNil(t, r)
			p := regionOfResource(r)
			assert.Equal(t, tt.region, p.Region)
			assert.Equal(t, tt.region != "", p.Known())
			if tt.why != "" {
				assert.Contains(t, p.Why, tt.why)
				assert.Contains(t, p.Why, tt.address)
			}
		})
	}
}

func TestPlacementsOfTarget(t *testing.T) {
	ix := loadIndex(t, regionFixture)
	cfg := ix.Lookup("aws_s3_bucket_replication_configuration.targets")
	require.NotNil(t, cfg)
	rules := cfg.Blocks("rule")
	require.Len(t, rules, 4)

	byRef := placementsOfTarget(rules[0].Get("destination", "bucket"), ix, bucketsNamed(ix))
	require.Len(t, byRef, 1)
	assert.Equal(t, "eu-central-1", byRef[0].Region, "a reference resolves to the bucket's provider region")

	byName := placementsOfTarget(rules[1].Get("destination", "bucket"), ix, bucketsNamed(ix))
	require.Len(t, byName, 1)
	assert.Equal(t, "eu-central-1", byName[0].Region, "a region-less bucket ARN resolves by the declared bucket's name")

	undeclared := placementsOfTarget(rules[2].Get("destination", "bucket"), ix, bucketsNamed(ix))
	require.Len(t, undeclared, 1)
	assert.False(t, undeclared[0].Known())
	assert.Contains(t, undeclared[0].Why, "names nothing declared")

	late := placementsOfTarget(rules[3].Get("destination", "bucket"), ix, bucketsNamed(ix))
	require.Len(t, late, 1)
	assert.False(t, late[0].Known())
	assert.Contains(t, late[0].Why, "not known until apply")

	arn := placementsOfTarget(scanner.Value{Name: "destination_vault_arn", Present: true,
		Val: cty.StringVal("arn:aws:backup:us-east-2:111122223333:backup-vault:dr")}, ix, nil)
	require.Len(t, arn, 1)
	assert.Equal(t, "us-east-2", arn[0].Region, "a regional ARN names its region")

	assert.Empty(t, placementsOfTarget(scanner.Value{Name: "absent"}, ix, nil), "an absent argument has no placement")
}

func TestJudgeOffsite(t *testing.T) {
	known := func(region string) placement { return placement{Region: region, What: "vault in " + region} }
	unknown := placement{What: "vault", Why: "the region of vault is not known until apply"}
	fromVar := func(name string) placement {
		p := unknown
		p.Ident = &scanner.Ident{Kind: scanner.IdentVariable, Address: "var." + name}
		return p
	}

	tests := []struct {
		name   string
		source placement
		dests  []placement
		want   offsiteVerdict
		why    string
	}{
		{name: "one variable for both regions", source: fromVar("region"), dests: []placement{fromVar("region")}, want: verdictSameRegion},
		{name: "two variables", source: fromVar("region"), dests: []placement{fromVar("dr_region")}, want: verdictUndetermined, why: "not known until apply"},
		{name: "a variable and a known region", source: fromVar("region"), dests: []placement{known("eu-west-1")}, want: verdictUndetermined, why: "not known until apply"},
		{name: "another region", dests: []placement{known("eu-central-1")}, want: verdictOffsite},
		{name: "same region", dests: []placement{known("eu-west-1")}, want: verdictSameRegion},
		{name: "every instance elsewhere", dests: []placement{known("eu-central-1"), known("eu-north-1")}, want: verdictOffsite},
		{name: "every instance here", dests: []placement{known("eu-west-1"), known("eu-west-1")}, want: verdictSameRegion},
		{name: "candidates disagree", dests: []placement{known("eu-central-1"), known("eu-west-1")}, want: verdictUndetermined, why: "not known statically"},
		{name: "unknown candidate", dests: []placement{known("eu-central-1"), unknown}, want: verdictUndetermined, why: "not known until apply"},
		{name: "nothing", want: verdictUndetermined, why: "cannot be resolved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			source := tt.source
			if source == (placement{}) {
				source = known("eu-west-1")
			}
			got, p := judgeOffsite(source, tt.dests)
			assert.Equal(t, tt.want, got)
			if tt.why != "" {
				assert.Contains(t, p.Why, tt.why)
				assert.False(t, p.Known())
			}
		})
	}
}

func TestMatchAnyAllowedRegions(t *testing.T) {
	tests := []struct {
		region  string
		allowed []string
		want    bool
	}{
		{region: "eu-west-1", allowed: []string{"eu-west-1"}, want: true},
		{region: "eu-west-1", allowed: []string{"EU-West-1 "}, want: true},
		{region: "eu-central-1", allowed: []string{"eu-*"}, want: true},
		{region: "us-east-1", allowed: []string{"eu-*"}, want: false},
		{region: "eu-west-1", allowed: []string{"eu-west-2", "eu-central-1"}, want: false},
		{region: "eu-west-1", allowed: []string{"[invalid"}, want: false},
		{region: "eu-west-1", want: false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, matchAny(tt.region, tt.allowed), "%s in %v", tt.region, tt.allowed)
	}
}

func TestRegionFromARN(t *testing.T) {
	r, ok := regionFromARN("arn:aws:backup:eu-central-1:123456789012:backup-vault:dr")
	require.True(t, ok)
	assert.Equal(t, "eu-central-1", r)
	_, ok = regionFromARN("arn:aws:s3:::bucket")
	assert.False(t, ok, "S3 bucket ARNs carry no region")
	_, ok = regionFromARN("not-an-arn")
	assert.False(t, ok)
}

func TestRegionAndPartitionDataSources(t *testing.T) {
	ix := loadIndex(t, `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "china"
  region = "cn-north-1"
}

variable "region" {
  type = string
}

provider "aws" {
  alias  = "unknown"
  region = var.region
}

data "aws_partition" "current" {}

data "aws_partition" "china" {
  provider = aws.china
}

data "aws_partition" "unknown" {
  provider = aws.unknown
}

data "aws_region" "current" {}

data "aws_region" "written" {
  name = "us-east-1"
}

resource "aws_iam_role_policy_attachment" "admin" {
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "china" {
  policy_arn = "arn:${data.aws_partition.china.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "unknown" {
  policy_arn = "arn:${data.aws_partition.unknown.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_s3_bucket" "regional" {
  bucket = "logs-${data.aws_region.current.name}.${data.aws_partition.current.dns_suffix}"
}

resource "aws_s3_bucket" "written" {
  bucket = "logs-${data.aws_region.written.name}"
}
`)
	assert.Equal(t, "arn:aws:iam::aws:policy/AdministratorAccess", mustString(t, ix.Lookup("aws_iam_role_policy_attachment.admin").Attr("policy_arn")))
	assert.Equal(t, "arn:aws-cn:iam::aws:policy/ReadOnlyAccess", mustString(t, ix.Lookup("aws_iam_role_policy_attachment.china").Attr("policy_arn")))
	assert.True(t, ix.Lookup("aws_iam_role_policy_attachment.unknown").Attr("policy_arn").IsUnknown(), "a partition of an unknown region is unknown")
	assert.Equal(t, "logs-eu-west-1.amazonaws.com", mustString(t, ix.Lookup("aws_s3_bucket.regional").Attr("bucket")))
	assert.Equal(t, "logs-us-east-1", mustString(t, ix.Lookup("aws_s3_bucket.written").Attr("bucket")), "a written name is kept")
}

func TestPartitionWithoutAnyRegionIsCommercial(t *testing.T) {
	ix := loadIndex(t, `
data "aws_partition" "current" {}
data "aws_region" "current" {}

resource "aws_iam_role_policy_attachment" "admin" {
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}

resource "aws_s3_bucket" "regional" {
  bucket = "logs-${data.aws_region.current.name}"
}
`)
	assert.Equal(t, "arn:aws:iam::aws:policy/AdministratorAccess", mustString(t, ix.Lookup("aws_iam_role_policy_attachment.admin").Attr("policy_arn")))
	assert.True(t, ix.Lookup("aws_s3_bucket.regional").Attr("bucket").IsUnknown(), "the region itself is not guessed")
}

func TestBucketsNamedIgnoresCaseAndARN(t *testing.T) {
	bucket := func(addr, name string) *scanner.Resource {
		b := scanner.NewBlock("resource", scanner.Range{})
		b.SetAttr("bucket", scanner.Value{Val: cty.StringVal(name), Present: true})
		return &scanner.Resource{Address: addr, Type: "aws_s3_bucket", Mode: "managed", Block: b}
	}
	a, upper, other := bucket("aws_s3_bucket.a", "logs"), bucket("aws_s3_bucket.b", "LOGS"), bucket("aws_s3_bucket.c", "data")
	named := bucketsNamed(scanner.NewIndex([]*scanner.Resource{a, upper, other}))
	assert.Equal(t, []*scanner.Resource{a, upper}, named("arn:aws:s3:::Logs"))
	assert.Equal(t, []*scanner.Resource{other}, named("data"))
	assert.Empty(t, named("missing"))
	assert.Equal(t, foldKey("kss"), foldKey("\u212aſS"), "Kelvin sign and long s fold with k and s")
}
