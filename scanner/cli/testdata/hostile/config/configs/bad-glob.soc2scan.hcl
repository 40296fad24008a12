exclude {
  paths  = ["legacy/[a-", "modules/**"]
  reason = "legacy stacks are out of scope"
}
