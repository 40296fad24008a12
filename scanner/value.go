package scanner

import (
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Value is an evaluated argument together with where it was written and
// which resources its expression refers to.
type Value struct {
	// Name is the argument name.
	Name string
	// Val is the evaluated value. It is cty.NilVal when the argument is
	// absent and may be unknown (wholly or in part) when Terraform would
	// only know it after apply. An argument written as jsonencode(x) whose
	// x is only partly known holds x itself (an object or tuple with
	// unknown parts) rather than a wholly unknown string, so that rules can
	// judge the parts that are known, such as a policy's Effect and Action.
	Val cty.Value
	// Range is the argument's range, or the enclosing block's when the
	// argument is absent.
	Range Range
	// Present reports whether the argument is written in the configuration
	// (or present in the plan).
	Present bool
	// Refs are the addresses of the resources the expression refers to,
	// such as "aws_s3_bucket.logs" or "module.db.aws_kms_key.this[0]",
	// so rules can follow a link to the resource it names.
	Refs []string
	// more holds what few arguments have (see Sensitive, Literal,
	// KnownSuffix, Skeleton, Partial, ElementSkeletons, Candidates,
	// Choice, Origins and MayBeBlank), nil when none of it is set. Every block of a scanned module
	// holds its arguments and every resource two more (Region,
	// DefaultTags) until its rules have run; one pointer in place of eight
	// mostly empty fields halves a Value (TestValueSize holds it there)
	// and so the heap the collector marks while the scan runs. It is never
	// changed in place, as copies of a Value share it: the With methods
	// replace it.
	more *valueMore
}

// valueMore is the part of a Value that few arguments have; see the
// accessors of the same names on Value for what each field means.
type valueMore struct {
	sensitive        []cty.Path
	literal          hcl.Expression
	knownSuffix      string
	skeleton         string
	partial          []PartialMap
	elementSkeletons []string
	candidates       []cty.Value
	choice           *Choice
	origins          Origins
	ident            *Ident
	leafOrigins      []LeafOrigin
	mayBeBlank       bool
}

// empty reports whether m holds nothing, so that a Value can drop it.
// Slices are nil-checked, not length-checked: a With method given an
// empty non-nil slice keeps it as given.
func (m *valueMore) empty() bool {
	return m.sensitive == nil && m.literal == nil && m.knownSuffix == "" && m.skeleton == "" &&
		m.partial == nil && m.elementSkeletons == nil && m.candidates == nil && m.choice == nil &&
		m.origins == nil && m.ident == nil && m.leafOrigins == nil && !m.mayBeBlank
}

// moreOf returns a copy of v's rarely set part, to change and give back
// to withMore: copies of v keep theirs.
func (v Value) moreOf() valueMore {
	if v.more == nil {
		return valueMore{}
	}
	return *v.more
}

// withMore returns a copy of v whose rarely set part is m, none when m is
// empty.
func (v Value) withMore(m valueMore) Value {
	if m.empty() {
		v.more = nil
		return v
	}
	p := new(valueMore)
	*p = m
	v.more = p
	return v
}

// Sensitive lists the parts of Val that Terraform marks sensitive (a
// variable declared `sensitive = true`, or a value derived from one), as
// paths within Val; an empty path is the whole value. Val itself is never
// marked, so that rules can read it; messages quote it through Quote, and
// the engine redacts what a rule quoted anyway (Redactor).
func (v Value) Sensitive() []cty.Path {
	if v.more == nil {
		return nil
	}
	return v.more.sensitive
}

// WithSensitive returns a copy of v whose Sensitive is paths.
func (v Value) WithSensitive(paths []cty.Path) Value {
	m := v.moreOf()
	m.sensitive = paths
	return v.withMore(m)
}

// Literal is the object literal the argument is written as (see
// ObjectLiteral), nil otherwise; PartRange reads the ranges of its keys
// from it.
func (v Value) Literal() hcl.Expression {
	if v.more == nil {
		return nil
	}
	return v.more.literal
}

// WithLiteral returns a copy of v whose Literal is expr.
func (v Value) WithLiteral(expr hcl.Expression) Value {
	m := v.moreOf()
	m.literal = expr
	return v.withMore(m)
}

// KnownSuffix is, for a string only known after apply, the text it is
// known to end with, as the configuration writes it: the literal tail of a
// template ("${data.google_project.p.number}-compute@developer.gserviceaccount.com"),
// followed through locals and conditionals whose condition is known. It
// is "" when nothing is known or the value is known.
func (v Value) KnownSuffix() string {
	if v.more == nil {
		return ""
	}
	return v.more.knownSuffix
}

// WithKnownSuffix returns a copy of v whose KnownSuffix is suffix.
func (v Value) WithKnownSuffix(suffix string) Value {
	m := v.moreOf()
	m.knownSuffix = suffix
	return v.withMore(m)
}

// Skeleton is, for a string only known after apply that is written as a
// template (also through a local) or as one reference to a resource's or
// data source's attribute, its whole text with UnknownMark for each
// unknown part: "/subscriptions/\x00" for
// "/subscriptions/${var.subscription_id}", "\x00" for
// data.azurerm_subscription.current.id. Unlike KnownPrefix and KnownSuffix
// it keeps the literal text between unknown parts, so it tells an id from
// a path that goes on below it. It is "" otherwise, also for a variable,
// whose text may hold several pieces.
func (v Value) Skeleton() string {
	if v.more == nil {
		return ""
	}
	return v.more.skeleton
}

// WithSkeleton returns a copy of v whose Skeleton is skeleton.
func (v Value) WithSkeleton(skeleton string) Value {
	m := v.moreOf()
	m.skeleton = skeleton
	return v.withMore(m)
}

// MayBeBlank reports, for an argument only known after apply, that a
// choice made after apply can leave it null or empty: it is written as a
// conditional whose condition is unknown and one of whose arms (also of a
// nested conditional) is null or "" (or blank), as in
// `var.encrypt ? aws_kms_key.k.arn : null`, or as another fallback that
// may be taken then: try(var.cfg.key, null), a lookup whose default is
// null, one() of a list that may be empty, a for expression whose if
// clause is only decided after apply (the loader's mayBeBlank lists
// them). Such a value names nothing for certain whatever the other
// choice refers to (see Names).
func (v Value) MayBeBlank() bool {
	return v.more != nil && v.more.mayBeBlank
}

// WithMayBeBlank returns a copy of v whose MayBeBlank reports blank.
func (v Value) WithMayBeBlank(blank bool) Value {
	m := v.moreOf()
	m.mayBeBlank = blank
	return v.withMore(m)
}

// Partial describes the maps within Val that are only known after apply
// by the parts they are written from (see MapParts and Parts).
func (v Value) Partial() []PartialMap {
	if v.more == nil {
		return nil
	}
	return v.more.partial
}

// WithPartial returns a copy of v whose Partial is maps.
func (v Value) WithPartial(maps []PartialMap) Value {
	m := v.moreOf()
	m.partial = maps
	return v.withMore(m)
}

// ElementSkeletons is, for a list written as a literal (`[a, b]`) some of
// whose elements are templates only partly known, the text of each
// element with every unknown part replaced by UnknownMark
// ("arn:${local.partition}:iam::*:role/*" is "arn:\x00:iam::*:role/*"),
// by position; "" for an element that is known or not a template. It is
// nil when no element is such a template. It keeps what a prefix alone
// loses: the literal text after and between unknown parts.
func (v Value) ElementSkeletons() []string {
	if v.more == nil {
		return nil
	}
	return v.more.elementSkeletons
}

// WithElementSkeletons returns a copy of v whose ElementSkeletons is
// skeletons.
func (v Value) WithElementSkeletons(skeletons []string) Value {
	m := v.moreOf()
	m.elementSkeletons = skeletons
	return v.withMore(m)
}

// Candidates is, for an argument only known after apply because it picks
// one of several known values by a choice made after apply (a conditional
// whose condition is unknown, a known map indexed or looked up by an
// unknown key, try over such an index), every value it can take, each
// wholly known and of Val's type; nil otherwise, and when there are more
// than MaxCandidates. The engine re-runs a rule that answers unknown on
// each of them, so that a choice whose every outcome fails (or passes)
// decides the rule.
func (v Value) Candidates() []cty.Value {
	if v.more == nil {
		return nil
	}
	return v.more.candidates
}

// WithCandidates returns a copy of v whose Candidates are vals.
func (v Value) WithCandidates(vals []cty.Value) Value {
	m := v.moreOf()
	m.candidates = vals
	return v.withMore(m)
}

// Choice, when set, says how an argument with Candidates takes them: by
// the value of one reference only known after apply, each key of which
// gives one candidate. Two arguments of a resource chosen by the same
// reference take the values one key gives together (from_port and
// cidr_block of one rule of local.rules[count.index]), so the engine
// combines them key by key rather than every value of one with every
// value of the other.
func (v Value) Choice() *Choice {
	if v.more == nil {
		return nil
	}
	return v.more.choice
}

// WithChoice returns a copy of v whose Choice is c.
func (v Value) WithChoice(c *Choice) Value {
	m := v.moreOf()
	m.choice = c
	return v.withMore(m)
}

// Origins is, for an argument only known after apply, where its unknown
// parts are read from, where the expression says so (each entry an Origin;
// its String form is given here): "aws_vpc.cidr_block" for
// aws_vpc.main.cidr_block (also aws_vpc.main[0].cidr_block, through a
// local, a module input or output, each.value's element of the for_each,
// parentheses, a conditional or a function that only passes its arguments'
// parts on, such as concat, element or try), "data.aws_vpc.cidr_block" for
// a data source, "cidrsubnet(aws_vpc.cidr_block)" for a cidrsubnet over
// such a part (OriginSource.Subnets), "prefixlen(32)" for text known to end
// with a CIDR prefix length ("${var.admin_ip}/32"),
// "text(aws_s3_bucket.arn)" (Origin.InText) for a list element written as
// a template whose unknown parts are all read from such attributes
// ("${aws_s3_bucket.b.arn}/*": the text is built from them, it is not the
// attribute), and a known text quoted ("\"10.0.0.0/16\"") for a part that
// is known. An attribute a managed resource writes in the configuration is
// marked OriginSource.Written. The provider constrains some attributes (a
// VPC's CIDR block is never 0.0.0.0/0), which decides a rule that the value
// alone cannot. A wholly unknown value, or a set with unknown elements,
// lists everything its parts can come from, sorted, one source per entry:
// each part comes from one of them, so concat(aws_vpc.main.cidr_block's
// list, ["10.1.0.0/16"]) gives both. A known list with unknown elements
// has one entry per element, by position: the attributes the element can
// be read from ("a|b"), or its one possible known text; the zero Origin
// for an element read from nowhere known (a variable) or known. It is nil
// when no part's origin is known, so [aws_vpc.main.cidr_block, var.extra]
// gives ["aws_vpc.cidr_block", ""]: the second element can be anything.
func (v Value) Origins() Origins {
	if v.more == nil {
		return nil
	}
	return v.more.origins
}

// WithOrigins returns a copy of v whose Origins are origins.
func (v Value) WithOrigins(origins Origins) Value {
	m := v.moreOf()
	m.origins = origins
	return v.withMore(m)
}

// LeafOrigin is where one unknown part of a document is read from (see
// Value.LeafOrigins).
type LeafOrigin struct {
	// Path is the part's place in Val: a GetAttrStep for an object's
	// attribute, an IndexStep by number for a tuple's or list's element,
	// by string for a map's.
	Path cty.Path
	// Origin is an entry as Origins lists them: the attributes the part
	// can be read from (aws_s3_bucket.arn), or text built around them
	// ("${aws_s3_bucket.b.arn}/*", InText).
	Origin Origin
	// Skeleton is the part's text with UnknownMark for each unknown part
	// (see Value.Skeleton), "" when the loader cannot tell it: the text
	// around an identifier ("${aws_s3_bucket.b.arn}/*" against
	// "arn:aws:iam::${data.aws_caller_identity.c.account_id}:role/*")
	// decides whether it names one resource or every one of a kind.
	Skeleton string
}

// LeafOrigins is, for an argument written as a document only partly known
// (jsonencode of an object or tuple, a heredoc or templatefile writing
// JSON), where each of its unknown strings and collections is read from,
// when the configuration says so; a part not listed can come from anywhere
// (a variable without a value). A policy's Resource written as
// aws_s3_bucket.b.arn names one bucket, and one written as var.arn could be
// "*": counting the references the argument makes cannot tell which
// unknown each one produced (a reference to a known attribute produces
// none). It is nil for a value that is known or not such a document.
func (v Value) LeafOrigins() []LeafOrigin {
	if v.more == nil {
		return nil
	}
	return v.more.leafOrigins
}

// WithLeafOrigins returns a copy of v whose LeafOrigins are leaves.
func (v Value) WithLeafOrigins(leaves []LeafOrigin) Value {
	m := v.moreOf()
	m.leafOrigins = leaves
	return v.withMore(m)
}

// LeafOrigin returns the origin LeafOrigins records for the part of Val at
// path, the zero Origin when none is.
func (v Value) LeafOrigin(path cty.Path) Origin {
	for _, l := range v.LeafOrigins() {
		if l.Path.Equals(path) {
			return l.Origin
		}
	}
	return Origin{}
}

// Ident is the reference a value only known after apply is read from,
// when the argument is written as that reference alone (also through
// parentheses, locals, module inputs and module outputs that are
// themselves one reference): the same Ident read twice is the same value, whatever it
// turns out to be. It is nil for a known value and for anything computed
// (a template, a function call, a conditional, an index by a key not
// known), whose equality to another value cannot be told.
func (v Value) Ident() *Ident {
	if v.more == nil {
		return nil
	}
	return v.more.ident
}

// WithIdent returns a copy of v whose Ident is id.
func (v Value) WithIdent(id *Ident) Value {
	m := v.moreOf()
	m.ident = id
	return v.withMore(m)
}

// IdentKind is what an Ident reads.
type IdentKind uint8

// The kinds of reference an Ident reads.
const (
	// IdentVariable is an input variable no caller sets from a
	// reference: a root module's, or a module's whose caller writes
	// something computed.
	IdentVariable IdentKind = iota + 1
	// IdentResource is an attribute of a managed resource instance.
	IdentResource
	// IdentData is an attribute of a data source instance.
	IdentData
)

// Ident names where a value only known after apply is read from (see
// Value.Ident).
type Ident struct {
	Kind IdentKind
	// Address is the variable or the resource or data source instance,
	// with the module instance it is in: "var.role_arn",
	// `module.app["a"].var.role_arn`, "aws_iam_role.task",
	// "module.db.aws_kms_key.this[0]", "data.aws_iam_role.shared".
	Address string
	// Type is the resource or data source type, "" for a variable.
	Type string
	// Attr is the attribute read, with any literal steps below it
	// ("arn", `tags["Name"]`); "" for a variable.
	Attr string
}

// String writes the reference as the configuration does, with its module
// instance: "var.region", "module.db.aws_kms_key.this[0].arn".
func (id *Ident) String() string {
	if id.Attr == "" {
		return id.Address
	}
	if strings.HasPrefix(id.Attr, "[") {
		return id.Address + id.Attr
	}
	return id.Address + "." + id.Attr
}

// Same reports whether a and b hold the same value: Yes when both are
// known and equal or both read the same Ident; No when both are known and
// differ, or when they read the same attribute, one of unique (such as
// "arn" or "id", which the caller knows to differ between any two
// resources of a type), of two different managed resource instances of
// one type; Maybe otherwise, also when either is absent. Two data
// sources may look up the same object and two variables may be set to
// the same text, so neither is ever certainly different.
func Same(a, b Value, unique ...string) Tri {
	if a.IsNull() || b.IsNull() {
		return Maybe
	}
	if a.IsKnown() && b.IsKnown() {
		as, aok := a.AsString()
		bs, bok := b.AsString()
		if aok && bok {
			return TriOf(as == bs, false)
		}
		return TriOf(a.Val.Equals(b.Val).True(), false)
	}
	x, y := a.Ident(), b.Ident()
	switch {
	case x == nil || y == nil:
		return Maybe
	case *x == *y:
		return Yes
	case x.Kind == IdentResource && y.Kind == IdentResource && x.Type == y.Type && x.Attr == y.Attr &&
		slices.Contains(unique, x.Attr):
		return No
	}
	return Maybe
}

// Choice is the key an argument is chosen by (see Value.Choice). It holds
// which candidate each key gives, not the values: those are the
// argument's Candidates alone.
type Choice struct {
	// By is the reference the key is read from, as written: count.index,
	// each.key, each.value, var.env. Within one resource it names one
	// value, and its keys mean the same for every argument.
	By string
	// Keys are every value of By that does not make the argument fail
	// (Terraform rejects any other, so By takes one of these), as strings,
	// in the order of the collection they index; for each.value in the
	// one instance of a for_each not known, they are positions in the list
	// of values each.value can take instead. Picks[i] is the position in
	// the argument's Candidates of its value when By is Keys[i].
	Keys  []string
	Picks []int
}

// valid reports whether c picks, for at least one key, one of n
// candidates for every key.
func (c *Choice) valid(n int) bool {
	if c == nil || len(c.Keys) == 0 || len(c.Keys) != len(c.Picks) {
		return false
	}
	for _, i := range c.Picks {
		if i < 0 || i >= n {
			return false
		}
	}
	return true
}

// MaxCandidates bounds Value.Candidates.
const MaxCandidates = 16

// MaxChoiceKeys bounds Choice.Keys.
const MaxChoiceKeys = 64

// UnknownMark stands for an unknown part of a template in
// Value.ElementSkeletons and Value.Skeleton.
const UnknownMark = "\x00"

// IsSensitive reports whether the value, or a part of it, is sensitive:
// a message must not show it.
func (v Value) IsSensitive() bool { return len(v.Sensitive()) > 0 }

// IsNull reports whether the argument is absent or explicitly null.
func (v Value) IsNull() bool {
	return !v.Present || v.Val == cty.NilVal || (v.Val.IsKnown() && v.Val.IsNull())
}

// IsSet reports whether the argument is present and not null; its value may
// still be unknown.
func (v Value) IsSet() bool { return !v.IsNull() }

// IsUnknown reports whether the argument is present but its value, or part
// of it, is only known after apply. Rules return an unknown result then.
func (v Value) IsUnknown() bool {
	return v.Present && v.Val != cty.NilVal && !v.Val.IsWhollyKnown()
}

// Names reports whether the argument names something, such as a key, a
// log destination or a host name: No when it is absent, null or a known
// blank string (which the providers read as unset); Yes when it is known
// otherwise, when its value is only known after apply but it refers to a
// declared resource or data source (kms_key_id = aws_kms_key.k.arn, also
// through variables, locals and module outputs), or when a known part of
// it is not blank ("${var.env}-logs"); Maybe when it is only known after
// apply and nothing shows what it names: an input variable with no
// default, a value a plan leaves for the provider to compute, or a
// conditional whose unknown condition may choose null or "" (MayBeBlank),
// whatever its other arm refers to. Rules that
// pass on a named argument must answer Maybe with an unknown result.
func (v Value) Names() Tri {
	if v.IsNull() {
		return No
	}
	if v.Val.IsKnown() {
		s, ok := v.AsString()
		return TriOf(!ok || !v.Val.Type().IsPrimitiveType() || strings.TrimSpace(s) != "", false)
	}
	if v.MayBeBlank() {
		return Maybe
	}
	if len(v.Refs) > 0 {
		return Yes
	}
	known := v.KnownPrefix() + v.KnownSuffix() + strings.ReplaceAll(v.Skeleton(), UnknownMark, "")
	if strings.TrimSpace(known) != "" {
		return Yes
	}
	if o := v.Origins(); len(o) > 0 && !slices.ContainsFunc(o, func(o Origin) bool { return o.IsZero() || o.IsBlankText() }) {
		return Yes
	}
	return Maybe
}

// IsKnown reports whether the argument is present and wholly known.
func (v Value) IsKnown() bool {
	return v.Present && v.Val != cty.NilVal && v.Val.IsWhollyKnown()
}

// IsTrue reports whether the argument is known and true. Strings "true"
// count, as Terraform converts them.
func (v Value) IsTrue() bool {
	b, ok := v.AsBool()
	return ok && b
}

// IsFalse reports whether the argument is known and false.
func (v Value) IsFalse() bool {
	b, ok := v.AsBool()
	return ok && !b
}

// AsBool returns the argument as a bool, ok false when absent, null, unknown
// or not convertible.
func (v Value) AsBool() (value, ok bool) {
	c, ok := v.convert(cty.Bool)
	if !ok {
		return false, false
	}
	return c.True(), true
}

// BoolOr answers whether the argument is true, taking def when it is
// absent or null (the provider's default): Maybe when it is only known
// after apply (or not a bool).
func (v Value) BoolOr(def bool) Tri {
	if v.IsNull() {
		return TriOf(def, false)
	}
	b, ok := v.AsBool()
	return TriOf(b, !ok)
}

// IntAtLeast reads an integer argument that the provider defaults to def
// and answers whether it is at least minimum: Maybe when it is only known
// after apply or is not a whole number. got is the value read (def when
// the argument is unset), for messages.
func (v Value) IntAtLeast(def, minimum int) (got int, atLeast Tri) {
	if v.IsNull() {
		return def, TriOf(def >= minimum, false)
	}
	n, ok := v.AsInt()
	if !ok {
		return 0, Maybe
	}
	return int(n), TriOf(int(n) >= minimum, false)
}

// AsString returns the argument as a string (numbers and bools converted),
// ok false when absent, null, unknown or not convertible.
func (v Value) AsString() (string, bool) {
	c, ok := v.convert(cty.String)
	if !ok {
		return "", false
	}
	return c.AsString(), true
}

// KnownPrefix returns the part of a string argument known before apply:
// the whole string when it is known, and for a string only partly known
// ("serviceAccount:${var.sa}", "arn:aws:s3:::${var.bucket}/*") the text
// before the first unknown part, as Terraform's templates refine it. It is
// "" when nothing is known or the argument is not a string.
func (v Value) KnownPrefix() string {
	if !v.Present || v.Val == cty.NilVal {
		return ""
	}
	return StringPrefix(v.Val)
}

// CanBe tells whether the string argument can equal one of values, ignoring
// case: Yes when it is known and does, No when it is known and does not (or
// absent or null), and also No when the part known before apply already
// rules every value out ("serviceAccount:${var.sa}" can never be
// "allUsers"); Maybe otherwise.
func (v Value) CanBe(values ...string) Tri {
	if v.IsNull() {
		return No
	}
	return StringCanBe(v.Val, values...)
}

// StringPrefix is KnownPrefix for a bare cty value, such as an element of a
// list or a field of a policy document.
func StringPrefix(val cty.Value) string {
	if val == cty.NilVal {
		return ""
	}
	val, _ = val.UnmarkDeep()
	if !val.Type().Equals(cty.String) {
		return ""
	}
	if !val.IsKnown() {
		return val.Range().StringPrefix()
	}
	if val.IsNull() {
		return ""
	}
	return val.AsString()
}

// StringCanBe is CanBe for a bare cty value.
func StringCanBe(val cty.Value, values ...string) Tri {
	if val == cty.NilVal {
		return No
	}
	val, _ = val.UnmarkDeep()
	if val.IsKnown() {
		if val.IsNull() {
			return No
		}
		s, err := convert.Convert(val, cty.String)
		if err != nil {
			return No
		}
		for _, want := range values {
			if strings.EqualFold(s.AsString(), want) {
				return Yes
			}
		}
		return No
	}
	// Unknown: it can be a value only if what is known of it so far is a
	// prefix of that value. A wholly unknown string has the prefix "".
	prefix := strings.ToLower(StringPrefix(val))
	for _, want := range values {
		if strings.HasPrefix(strings.ToLower(want), prefix) {
			return Maybe
		}
	}
	return No
}

// StringOr returns the known string value, or def.
func (v Value) StringOr(def string) string {
	if s, ok := v.AsString(); ok {
		return s
	}
	return def
}

// AsInt returns the argument as an integer, ok false when absent, null,
// unknown, fractional or not convertible.
func (v Value) AsInt() (int64, bool) {
	c, ok := v.convert(cty.Number)
	if !ok {
		return 0, false
	}
	bf := c.AsBigFloat()
	if !bf.IsInt() {
		return 0, false
	}
	i, acc := bf.Int64()
	return i, acc == big.Exact
}

// AsFloat returns the argument as a float64.
func (v Value) AsFloat() (float64, bool) {
	c, ok := v.convert(cty.Number)
	if !ok {
		return 0, false
	}
	f, _ := c.AsBigFloat().Float64()
	return f, true
}

// AsStrings returns a list, set or tuple of strings (a lone string counts as
// a list of one), ok false when absent, null, unknown or of another type.
func (v Value) AsStrings() ([]string, bool) {
	if !v.IsKnown() || v.Val.IsNull() {
		return nil, false
	}
	if s, ok := v.AsString(); ok && v.Val.Type().IsPrimitiveType() {
		return []string{s}, true
	}
	t := v.Val.Type()
	if !t.IsListType() && !t.IsSetType() && !t.IsTupleType() {
		return nil, false
	}
	out := make([]string, 0, v.Val.LengthInt())
	for it := v.Val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			continue
		}
		s, err := convert.Convert(e, cty.String)
		if err != nil {
			return nil, false
		}
		out = append(out, s.AsString())
	}
	return out, true
}

// KnownStrings returns the known string elements of a list argument that
// may be partly unknown, so that one known "0.0.0.0/0" can decide a rule
// even when another element is only known after apply. incomplete is set
// when some element, or the whole list, is unknown; an absent or null
// argument is complete and empty.
func (v Value) KnownStrings() (values []string, incomplete bool) {
	if v.IsNull() {
		return nil, false
	}
	if items, ok := v.AsStrings(); ok {
		return items, false
	}
	if !v.Val.IsKnown() {
		return nil, true
	}
	t := v.Val.Type()
	if !t.IsListType() && !t.IsSetType() && !t.IsTupleType() {
		return nil, true
	}
	for it := v.Val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsKnown() && !e.IsNull() && e.Type().Equals(cty.String) {
			values = append(values, e.AsString())
		}
	}
	return values, true
}

// Equals reports whether the argument is a known string equal to s, ignoring
// case, as AWS and Azure enumerations are matched.
func (v Value) Equals(s string) bool {
	got, ok := v.AsString()
	return ok && strings.EqualFold(got, s)
}

// OneOf reports whether the argument is a known string equal to one of
// values, ignoring case.
func (v Value) OneOf(values ...string) bool {
	for _, s := range values {
		if v.Equals(s) {
			return true
		}
	}
	return false
}

// Index returns element i of a list or tuple argument, or attribute name of
// an object or map argument when key is a string.
func (v Value) Index(key any) Value {
	out := Value{Name: v.Name, Val: cty.NilVal, Range: v.Range, Refs: v.Refs}
	if v.more != nil {
		if sens, parts := narrowPaths(v.more.sensitive, stepFor(key)), narrowPartial(v.more.partial, key); sens != nil || parts != nil {
			out.more = &valueMore{sensitive: sens, partial: parts}
		}
	}
	if !v.Present || v.Val == cty.NilVal || !v.Val.IsKnown() || v.Val.IsNull() {
		out.Present = v.IsUnknown()
		if out.Present {
			out.Val = cty.DynamicVal
		}
		return out
	}
	t := v.Val.Type()
	switch k := key.(type) {
	case int:
		if (t.IsListType() || t.IsTupleType()) && k >= 0 && k < v.Val.LengthInt() {
			out.Val, out.Present = v.Val.Index(cty.NumberIntVal(int64(k))), true
		}
	case string:
		switch {
		case t.IsObjectType() && t.HasAttribute(k):
			out.Val, out.Present = v.Val.GetAttr(k), true
		case t.IsMapType() && v.Val.HasIndex(cty.StringVal(k)).True():
			out.Val, out.Present = v.Val.Index(cty.StringVal(k)), true
		}
	}
	return out
}

func (v Value) getPath(path []string) Value {
	cur := v
	for _, step := range path {
		if cur.Val != cty.NilVal && cur.Val.IsKnown() && !cur.Val.IsNull() {
			t := cur.Val.Type()
			if (t.IsListType() || t.IsSetType() || t.IsTupleType()) && cur.Val.LengthInt() > 0 {
				cur = Value{Name: cur.Name, Val: firstElement(cur.Val), Range: cur.Range, Present: true, Refs: cur.Refs}.
					WithSensitive(narrowPaths(cur.Sensitive(), cty.IndexStep{Key: cty.NilVal}))
			}
		}
		cur = cur.Index(step)
	}
	return cur
}

func firstElement(v cty.Value) cty.Value {
	it := v.ElementIterator()
	it.Next()
	_, e := it.Element()
	return e
}

// asBlocks renders an argument holding objects as blocks, each with the
// argument's range.
func (v Value) asBlocks(typ string) []*Block {
	// A known collection whose objects hold unknown leaves still gives its
	// blocks; only elements that are themselves unknown are left out, and
	// BlocksUnknown reports them.
	if !v.Present || v.Val == cty.NilVal || !v.Val.IsKnown() || v.Val.IsNull() {
		return nil
	}
	var elems []cty.Value
	var sens [][]cty.Path
	t := v.Val.Type()
	switch {
	case t.IsObjectType() || t.IsMapType():
		elems, sens = []cty.Value{v.Val}, [][]cty.Path{v.Sensitive()}
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		for it := v.Val.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if t.IsSetType() {
				k = cty.NilVal // set elements have no key; any index matches
			}
			elems = append(elems, e)
			sens = append(sens, narrowPaths(v.Sensitive(), cty.IndexStep{Key: k}))
		}
	}
	var out []*Block
	for i, e := range elems {
		if !e.IsKnown() || e.IsNull() || !e.Type().IsObjectType() && !e.Type().IsMapType() {
			continue
		}
		out = append(out, blockFromValue(typ, e, v.Range, v.Refs, sens[i]))
	}
	return out
}

// BlockFromValue builds a block from an object value, as plan JSON and
// `attributes as blocks` write nested blocks; every argument gets rng.
func BlockFromValue(typ string, obj cty.Value, rng Range, refs []string) *Block {
	return blockFromValue(typ, obj, rng, refs, nil)
}

// blockFromValue is BlockFromValue for an object whose parts sens are
// sensitive.
func blockFromValue(typ string, obj cty.Value, rng Range, refs []string, sens []cty.Path) *Block {
	b := NewBlock(typ, rng)
	if !obj.IsKnown() || obj.IsNull() {
		return b
	}
	for it := obj.ElementIterator(); it.Next(); {
		k, e := it.Element()
		name := k.AsString()
		b.SetAttr(name, Value{Val: e, Range: rng, Refs: refs}.WithSensitive(narrowPaths(sens, cty.GetAttrStep{Name: name})))
	}
	return b
}

// stepFor is the path step Index takes for key: an index for a number, an
// attribute or map key for a string.
func stepFor(key any) cty.PathStep {
	switch k := key.(type) {
	case int:
		return cty.IndexStep{Key: cty.NumberIntVal(int64(k))}
	case string:
		return cty.GetAttrStep{Name: k}
	}
	return cty.IndexStep{Key: cty.NilVal}
}

// narrowPaths returns the sensitive paths within the part of a value that
// step leads to: the whole part when the value itself is sensitive, the
// rest of every path that starts with step. A string step matches an
// object attribute and a map key alike, and an index step without a key
// (a set element) matches every index.
func narrowPaths(paths []cty.Path, step cty.PathStep) []cty.Path {
	var out []cty.Path
	for _, p := range paths {
		switch {
		case len(p) == 0:
			return []cty.Path{{}}
		case stepMatches(p[0], step):
			out = append(out, p[1:])
		}
	}
	return out
}

func stepMatches(got, want cty.PathStep) bool {
	name := func(s cty.PathStep) (string, bool) {
		switch s := s.(type) {
		case cty.GetAttrStep:
			return s.Name, true
		case cty.IndexStep:
			if s.Key != cty.NilVal && s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
				return s.Key.AsString(), true
			}
		}
		return "", false
	}
	if a, ok := name(want); ok {
		b, ok := name(got)
		return ok && a == b
	}
	w, ok := want.(cty.IndexStep)
	if !ok {
		return false
	}
	g, ok := got.(cty.IndexStep)
	if !ok {
		return false
	}
	if w.Key == cty.NilVal || g.Key == cty.NilVal || !g.Key.Type().Equals(w.Key.Type()) {
		return true
	}
	return g.Key.RawEquals(w.Key)
}

func (v Value) convert(t cty.Type) (cty.Value, bool) {
	if !v.IsKnown() || v.Val.IsNull() {
		return cty.NilVal, false
	}
	c, err := convert.Convert(v.Val, t)
	if err != nil || c.IsNull() {
		return cty.NilVal, false
	}
	return c, true
}
