// Package ruleutil holds the small readers that the rule packages of more
// than one cloud need alike: port ranges in firewall rules and rule
// parameters, the address ranges that mean the whole internet, and the
// verdicts reached through a reference an argument may not keep.
// Anything specific to one cloud stays in that cloud's package.
package ruleutil
