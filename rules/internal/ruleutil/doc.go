// Package ruleutil holds the small readers that the rule packages of more
// than one cloud need alike: arguments whose provider default applies when
// they are unset, and port ranges in firewall rules and rule parameters.
// Anything specific to one cloud stays in that cloud's package.
package ruleutil
