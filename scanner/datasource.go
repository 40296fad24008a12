package scanner

import "github.com/zclconf/go-cty/cty"

// DataSource computes the attributes of a data source whose result a
// Terraform provider derives from the data source's arguments and region
// alone, without calling the cloud: aws_iam_policy_document renders its json
// from its statement blocks, aws_partition names the partition of the
// region. The rule catalogue supplies them (each cloud knows its own); the
// loader calls Compute while it evaluates, so that expressions reading
// these attributes see known values. Every other data source's attributes
// are unknown unless written in its block.
type DataSource struct {
	// Type is the data source type, such as "aws_iam_policy_document".
	Type string
	// Compute returns the attributes it can tell from args, the data
	// source's evaluated block, and region, the region of its provider
	// configuration (see Resource.Region). An attribute it returns
	// replaces what the loader would otherwise give (the written value, or
	// unknown); one it leaves out keeps it. Compute must not modify args.
	Compute func(args *Block, region Value) map[string]cty.Value
}
