locals {
  settings = jsondecode(file("${path.module}/settings.json"))
  merged   = merge({ a = 1 }, { b = 2 }, { a = 3 })
  names    = ["web", "db", "web"]
}

resource "aws_ssm_parameter" "f" {
  name  = "f"
  type  = "String"
  value = "x"
  tags = {
    jsonencode   = jsonencode({ b = [1, 2], a = "x" })
    lookup       = lookup({ a = "1" }, "b", "default")
    lookup2      = lookup({ a = "1" }, "a")
    coalesce     = coalesce("", "second")
    concat       = join(",", concat(["a"], ["b", "c"]))
    flatten      = length(flatten([[1, 2], [3]]))
    format       = format("%s-%03d", "id", 7)
    split        = split(",", "a,b")[1]
    toset        = length(toset(local.names))
    tomap        = tomap({ a = "b" })["a"]
    tolist       = tolist(["x"])[0]
    tostring     = tostring(5)
    tonumber     = tonumber("42") + 1
    tobool       = tobool("true")
    contains     = contains(local.names, "db")
    distinct     = join(",", distinct(local.names))
    compact      = join(",", compact(["a", "", "b"]))
    lower        = lower("ABC")
    upper        = upper("abc")
    replace      = replace("a-b-c", "-", "_")
    replace_re   = replace("abc123", "/[0-9]+/", "#")
    substr       = substr("hello", 1, 3)
    trimspace    = trimspace("  x  ")
    startswith   = startswith("arn:aws:s3", "arn:")
    endswith     = endswith("file.json", ".yaml")
    regex        = regex("^arn:aws:([a-z0-9]+):", "arn:aws:kms:us-east-1")[0]
    regexall     = length(regexall("[a-z]", "a1b2"))
    range        = join(",", range(3))
    zipmap       = zipmap(["k"], ["v"])["k"]
    setunion     = length(setunion(["a"], ["b"], ["a"]))
    sort         = join(",", sort(["b", "a"]))
    reverse      = join(",", reverse(["a", "b"]))
    slice        = join(",", slice(["a", "b", "c"], 1, 3))
    abs          = abs(-3)
    min          = min(3, 1, 2)
    max          = max(3, 1, 2)
    ceil         = ceil(1.2)
    floor        = floor(1.8)
    cidrsubnet   = cidrsubnet("10.1.0.0/16", 4, 15)
    cidrhost     = cidrhost("10.1.2.0/24", 5)
    cidrnetmask  = cidrnetmask("10.0.0.0/12")
    cidrsubnets  = join(",", cidrsubnets("10.0.0.0/16", 4, 4, 8))
    base64       = base64decode(base64encode("hello"))
    sha256       = sha256("a")
    md5          = md5("a")
    element      = element(["a", "b"], 3)
    keys         = join(",", keys({ b = 1, a = 2 }))
    values       = join(",", values({ b = "1", a = "2" }))
    merge        = local.merged.a
    try          = try(local.settings.missing, "fallback")
    can          = can(local.settings.missing)
    file         = local.settings.retention
    templatefile = jsondecode(templatefile("${path.module}/templates/policy.json.tftpl", { buckets = ["a", "b"] })).Statement[1].Resource
    one          = one(["only"])
    alltrue      = alltrue([true, true])
    anytrue      = anytrue([false, true])
    sum          = sum([1, 2, 3])
    index        = index(["a", "b"], "b")
    length_str   = length("héllo")
    strcontains  = strcontains("abc", "b")
    sensitive    = sensitive("s")
    timestamp    = timestamp()
    uuid         = uuid()
    provider_fn  = provider::aws::arn_parse("arn:aws:s3:::b").service
    unknown_fn   = definitely_not_a_function("x")
    partial      = "prefix-${uuid()}"
    try_unknown  = try(definitely_not_a_function("x"), "fallback")
    escape       = file("../../../../../etc/passwd")
  }
}

resource "aws_ssm_parameter" "g" {
  name  = "g"
  type  = "String"
  value = "x"
  tags = {
    uuidv5         = uuidv5("dns", "www.terraform.io")
    timecmp        = timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z")
    filesha256     = filesha256("${path.module}/settings.json")
    fileset        = join(",", fileset(path.module, "templates/*.tftpl"))
    templatestring = templatestring("hi $${name}", { name = "x" })
    base64gzip     = base64gzip("x") != ""
  }
}
