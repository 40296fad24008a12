package scanner

import "strings"

// RegionFromARN returns the region field of an AWS ARN
// (arn:partition:service:region:account:resource), ok false when s is not an
// ARN or the ARN is global (IAM, S3 bucket ARNs carry no region).
func RegionFromARN(s string) (string, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[3] == "" {
		return "", false
	}
	return parts[3], true
}
