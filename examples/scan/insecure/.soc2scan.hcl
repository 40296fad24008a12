# Scanner settings for the insecure demo stack.

# Customer data must stay in the EU (data residency): every backup copy,
# replica and vault must be in an EU region. This stack runs in us-east-1.
rule "aws-backup-region-allowed" {
  params = { allowed_regions = ["eu-*"] }
}
