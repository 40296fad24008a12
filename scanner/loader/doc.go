// Package loader reads Terraform input — root modules on disk, single files
// and plan JSON — and evaluates it the way Terraform does into the flat list
// of resources that rules inspect.
//
// # Configurations
//
// Every .tf and .tf.json file of a directory is parsed in parallel; a file
// that does not parse becomes an error diagnostic with file, line and column,
// and the other files still load. The module is then evaluated in
// dependency order: provider configurations, locals, resources and data
// sources, module calls, outputs. Evaluation is schemaless: every argument written in
// a block is evaluated with var, local, module, data, path, terraform,
// count, each, other resources and Terraform's functions in scope. Nested
// blocks become nested scanner.Blocks, dynamic blocks are expanded (their
// generated blocks' Range is the dynamic block's header, their arguments'
// ranges those of the content's arguments) and a dynamic block over an
// unknown collection marks its block type unknown (Block.BlocksUnknown),
// at the dynamic block's header, so that Block.Get reads an argument it
// may write as unknown. In JSON configuration, where a dynamic block
// cannot be expanded without the provider's schema, every block type it
// names is marked unknown.
// The meta-arguments count, for_each, provider, depends_on and the
// provisioner and connection blocks are not recorded; lifecycle is, as a
// nested block, with ignore_changes and replace_triggered_by as lists of
// strings.
//
// Variables take Terraform's precedence: default, TF_VAR_* (Options.Env),
// terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical
// order, Options.VarFiles, Options.Vars. Values are converted to the type
// constraint with optional() defaults applied; a variable with no value and
// no default is unknown.
//
// # Unknown values
//
// Values Terraform only knows after apply are cty unknowns, and every
// expression using them is unknown too: attributes of other resources that
// are not written in the configuration (id and arn are unknown but not
// null), variables without a value, timestamp(), uuid(), Terraform's
// functions the scanner does not implement (including provider-defined
// functions such as provider::aws::arn_parse) and expressions that fail to
// evaluate on values given at plan time (a variable, a module output, a
// resource). An argument written as an object or tuple keeps its good items
// when one item fails. An argument written as jsonencode of a partly known
// object, or as a JSON template (a heredoc policy) whose unknown
// interpolations all sit inside JSON strings, is that structure: each
// string with an unknown part is unknown with the text before it as known
// prefix ("arn:aws:s3:::${var.bucket}/*"). A map only known after apply
// (merge(var.settings, local.insights) with an unknown part), also as an
// item of an object literal (body = { properties = var.settings }), keeps
// in Value.Partial the parts it is written from (scanner.MapParts):
// merge() arguments, the branch of a known condition or both branches of
// an unknown one, local values and module inputs followed to the caller's
// expression; an attribute of a resource or data source that the
// configuration does not write is computed by the provider, and anything
// else is open, with the reason.
//
// # What Terraform rejects
//
// What Terraform rejects whatever values it is given is an error diagnostic
// at the expression, never an unknown: a reference to a variable, local
// value, module call, resource or data source the module does not declare
// (checked when the whole module directory is read), an argument of a
// module call that the called module (local or installed, read whole)
// declares no variable for ("Unsupported argument", at the argument), a
// cycle of local values and resources, a call to a function Terraform does not have
// (list() and map() included), and a function failing on arguments that
// are constants or constant local values (tobool("maybe"),
// range(0, 100000)). The file functions are left out: CI may build the
// file they read before Terraform runs.
//
// # Limits
//
// A file whose brackets, braces, parentheses, strings and interpolations
// nest deeper than MaxNestingDepth is an error at the position where the
// limit is crossed and is not parsed: HCL's parsers recurse once per level,
// and a Go stack overflow cannot be recovered. An expression whose value
// nests deeper than that, or holds more than a million values (local
// values doubling one another), is an error and unknown. A count or
// for_each of more
// than Options.MaxInstances instances yields the first ones, a warning
// naming the block, and an unknown value for the block as a whole; more
// than Options.MaxTotalInstances resource and module instances in one Load
// stop the evaluation with an error naming the chain of module calls. A count or for_each that is not known yields one representative
// instance with the unkeyed address (aws_instance.x) and count.index,
// each.key and each.value unknown, so rules still see the resource; a
// for_each written as a for expression keeps in each.value what its value
// expression builds from known parts, and what all elements of its
// collection share (a scope that every element of
// flatten([for s in ["mg"] : [for r in var.roles : { scope = s, role = r }]])
// holds, or the beginning two scopes share).
// A for_each whose elements are known although its keys are not (a for
// expression or object constructor with keys known after apply, also
// through toset, tomap or a local value) or a set of strings some unknown
// gives one instance per element with its own each.value: a known key
// keeps its address, the others are numbered in the order of the source,
// aws_s3_bucket.b[(known after apply #1)]; an element that an unknown
// condition may drop, or an unknown set element that may equal another,
// may not exist.
//
// # Sensitive values
//
// As in Terraform, a variable or output declared `sensitive = true` and
// the result of sensitive() carry a cty mark that expressions, functions,
// locals, module inputs and outputs and resource attributes pass on to
// every value derived from them; nonsensitive() removes it and
// issensitive() reads it. Marks come off where values leave cty (count,
// for_each, keys) and when an argument becomes a scanner.Value, whose
// Sensitive lists the paths that were marked. Plan JSON's sensitive_values
// and after_sensitive mark the same way. A sensitive for_each is an error,
// as in Terraform: its keys would show in addresses. Result.FileContents
// lists what the file functions read, so that messages describe it.
//
// # Addresses and references
//
// Addresses are Terraform's: aws_ebs_volume.data[1],
// aws_vpc_security_group_ingress_rule.app["ssh"],
// module.app["eu"].module.db.aws_rds_cluster.this,
// data.aws_iam_policy_document.x. Value.Refs lists the addresses of the
// resources an argument refers to, with the module path of the referring
// resource: `bucket = aws_s3_bucket.b.id` inside module.logs gives
// ["module.logs.aws_s3_bucket.b"]. A literal or evaluable index names the
// instance (aws_subnet.a[0], aws_subnet.a[count.index] with count.index 2
// gives aws_subnet.a[2]); otherwise the unkeyed address stands for every
// instance (scanner.Index.Resolve expands it). References are followed
// through locals, input variables, module outputs, each.value (for_each =
// aws_s3_bucket.b gives each instance the same-keyed bucket) and dynamic
// block iterators, so `bucket = module.s3.bucket_id` refers to
// module.s3.aws_s3_bucket.this.
//
// # Providers and regions
//
// Resource.Provider is the address of the provider configuration the
// resource uses, in the terms of the module that declares it: "aws",
// "aws.dr", "module.net.aws" for a provider block inside module.net.
// Modules receive their caller's default configurations, or exactly those
// of their `providers` map. Resource.Region is the resource's own region
// argument, else its provider configuration's region argument (with that
// argument's range); it is unknown when that expression is, and absent
// (Present false, Range the resource block) when nothing sets it.
//
// # Modules
//
// Local modules (./ and ../ sources) are loaded recursively, and modules
// installed by `terraform init` are found through
// .terraform/modules/modules.json; Options.ModuleSources and OwnModules map
// registry addresses to local copies. Remote sources are never fetched:
// each such module call gives one warning diagnostic, `Module "x" not
// scanned`, at the module block — unless, as a last resort, a bundled model
// stands in for the module (bundled.go: the scanner's own compact HCL for
// terraform-aws-modules/security-group/aws 4.x–5.x and its
// //modules/<preset> wrappers, for terraform-aws-modules/s3-bucket/aws 5.x,
// terraform-aws-modules/rds/aws 7.x, terraform-aws-modules/rds-aurora/aws
// 10.x, terraform-aws-modules/kms/aws 4.x,
// terraform-aws-modules/dynamodb-table/aws 5.x, terraform-aws-modules/vpc/aws
// 6.x, terraform-aws-modules/eks/aws 21.x (the cluster, its key, log group,
// security groups, IAM roles and policies and OIDC provider; a call that
// asks for node groups or Fargate profiles is not scanned) and the
// //modules/iam-policy and //modules/iam-account submodules of
// terraform-aws-modules/iam/aws 6.x, each a model of its own; and Cloud
// Posse's cloudposse/kms-key/aws 0.12.x, cloudposse/security-group/aws 2.x
// and cloudposse/cloudwatch-logs/aws 0.6.x, whose resources the Cloud Posse
// context's enabled switches off; a 0.x model stands for one minor series,
// bundledModel.zeroMinor, as such a module may break its interface at a
// minor release), when the call's version
// constraint can only select a modelled version and it sets no input the
// model leaves out and none the model does not declare (a model declares
// every input of its versions: such an input means a call written for
// another version, or a misspelling, which Terraform rejects). Terraform installs the newest release a constraint
// admits: a call without a version, or whose constraint has no upper
// bound, gets the module's newest release, which each model records
// (bundledModel.newest), so it is judged only when the model covers that
// release, or when the call sets an input the newest release is recorded
// not to declare (bundledModel.newestInputs, newestDropped: Terraform
// would reject the call with it, so it targets a modelled version; the
// warning names the input). Then a warning `Module "x" judged from a bundled model`
// names the model, the root's notes say so too, and every range of the
// model's resources is moved to the call: a resource to the element of the
// list input (count) or the item of the map input (for_each) it was made
// from, or that input, or the module block; an argument to the input its
// value is computed from, through each.value and a dynamic block's iterator
// too, and a block a dynamic block generated to the input its for_each is
// computed from. No range, file or diagnostic names the model's own files.
// A preset's model is flat: its resources have the root module's addresses
// (module.x.aws_security_group_rule.ingress_rules[0]), without the inner
// module.sg of the wrapper; so has the rds model
// (module.x.aws_db_instance.this[0], without the inner module.db_instance),
// and so has the eks model's key (module.x.aws_kms_key.this[0], without the
// inner module.kms).
// Resource.ModuleCalls lists the module blocks an instance was reached
// through, outermost first.
//
// # Data sources
//
// Data sources are resources with Mode "data". Their attributes are unknown
// unless written in the block, except for the data sources that
// Options.DataSources computes from their arguments and region, as their
// provider would without calling the cloud (the rule catalogue supplies
// them: aws_iam_policy_document's json, aws_partition and aws_region). The
// loader itself knows no cloud.
//
// # Plan JSON
//
// A file whose content is a JSON object with format_version and
// planned_values or resource_changes is read as `terraform show -json`
// output: resources from planned_values (root and child modules), the
// values after_unknown marks as unknown, data sources read while planning
// from prior_state, references from the configuration's expressions,
// regions from configuration.provider_config (constant values, or root
// variables' values from the plan) following parent_key into modules.
// Arguments that are null in the plan are absent, as in configuration.
// Nested blocks become nested blocks. Every range of a plan resource is the
// position of its `"address"` entry in planned_values (the whole file is
// one line when Terraform wrote it minified).
//
// # Functions
//
// Computed: abs, abspath, alltrue, anytrue, base64decode, base64encode,
// base64gzip, base64sha256, base64sha512, basename, can, ceil, chomp,
// chunklist, cidrhost, cidrnetmask, cidrsubnet, cidrsubnets, coalesce,
// coalescelist, compact, concat, contains, csvdecode, dirname, distinct,
// element, endswith, ephemeralasnull, file, filebase64, filebase64sha256,
// filebase64sha512, fileexists, filemd5, fileset, filesha1, filesha256,
// filesha512, flatten, floor, format, formatdate, formatlist, indent, index,
// join, jsondecode, jsonencode, keys, length, log, lookup, lower, matchkeys,
// max, md5, merge, min, nonsensitive, one, parseint, pathexpand, pow, range,
// regex, regexall, replace (with the /regex/ form), reverse, sensitive,
// setintersection, setproduct, setsubtract,
// setunion, sha1, sha256, sha512, signum, slice, sort, split, startswith,
// strcontains, strrev, substr, sum, templatefile, templatestring, timeadd,
// timecmp, title, tobool, tolist, tomap, tonumber, toset, tostring,
// transpose, trim, trimprefix, trimspace, trimsuffix, try, upper, urlencode,
// uuidv5, values, yamldecode, yamlencode (both with go-cty-yaml, the library
// Terraform uses), zipmap, issensitive. Unknown by nature: timestamp,
// plantimestamp, uuid, bcrypt. Terraform's other functions
// (textencodebase64…) and functions of a namespace
// (provider::aws::arn_parse) are unknown; core::NAME is NAME. A name
// Terraform does not know is an error.
//
// # Root modules
//
// DiscoverRoots turns a directory without Terraform files of its own (the
// top of a repository, a folder of stacks) into the root modules below it:
// directories with Terraform files that no other one calls as a local
// module, skipping hidden directories, node_modules and /proc, /sys and
// /dev. scan.Run, which the CLI and the provider's soc2_scan data source
// share, has Load do it (Options.Discover), through the same reader: a
// directory that cannot be read is an error diagnostic on it, and the rest
// is walked.
//
// # Files
//
// Every read goes through one reader, confined to the directories scanned
// (Options.Paths, the directories of the files among them,
// Options.ReadRoots), Options.AllowPaths and the variable files named: each
// is an os.Root, so `..`, absolute paths and symbolic links that leave them
// are refused after the links are resolved. Configuration and variable
// files, module directories (local sources, .terraform/modules/modules.json
// and its Dir), the file functions (file, filebase64, fileexists, fileset,
// the file hashes, templatefile) and plan JSON are all read through it. A
// refused read is an error diagnostic at the call or on the file, naming
// the option that allows it; a file function's value is then unknown, a
// module is not loaded. Only regular files of at most Options.MaxFileSize
// bytes are read: a FIFO, a device or a larger file is an error diagnostic
// "File not read" with the reason. Override files (override.tf,
// *_override.tf and their JSON forms) are merged into the blocks they
// name, after the other files and in name order, as Terraform merges them
// (override.go).
package loader
