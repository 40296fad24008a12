# A compact model of terraform-aws-modules/lambda/aws 3.x–8.x, written for
# the scanner (not the module's own code): the function with the
# arguments the Lambda rules judge (its environment and the key that
# encrypts it, tracing, VPC placement, dead-letter target, code signing),
# the log group the module creates for it (retention and key), the
# function URL and its authorization type, the permissions allowed_triggers
# grants (one on the current version and one on the unqualified alias, as
# the module does by default), and the execution role with the trust
# policy the module writes for the Lambda service (and Lambda@Edge).
#
# Left out: the deployment package (built by the module's own scripts, or
# uploaded to S3: store_on_s3 keeps a call not scanned), the layer, the
# async and event-source settings, and the role's policies. The one policy
# the module attaches by default lets the function write to its own log
# group; the others come with an attach_* input, each of which keeps a
# call not scanned (see unmodelled in bundled.go), as do trusted_entities
# and assume_role_policy_statements, which widen the trust policy.

locals {
  create_function = var.create && var.create_function && !var.create_layer
  create_role     = local.create_function && var.create_role

  # The Lambda service may always assume the role; Lambda@Edge adds its
  # own service.
  trusted_services = var.lambda_at_edge ? ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] : ["lambda.amazonaws.com"]
}

resource "aws_lambda_function" "this" {
  count = local.create_function ? 1 : 0

  function_name                  = var.function_name
  description                    = var.description
  role                           = var.create_role ? aws_iam_role.lambda[0].arn : var.lambda_role
  handler                        = var.package_type != "Zip" ? null : var.handler
  runtime                        = var.package_type != "Zip" ? null : var.runtime
  package_type                   = var.package_type
  image_uri                      = var.image_uri
  kms_key_arn                    = var.kms_key_arn
  code_signing_config_arn        = var.code_signing_config_arn
  reserved_concurrent_executions = var.reserved_concurrent_executions
  layers                         = var.layers

  dynamic "environment" {
    for_each = length(keys(var.environment_variables)) == 0 ? [] : [true]
    content {
      variables = var.environment_variables
    }
  }

  dynamic "dead_letter_config" {
    for_each = var.dead_letter_target_arn == null ? [] : [true]
    content {
      target_arn = var.dead_letter_target_arn
    }
  }

  dynamic "tracing_config" {
    for_each = var.tracing_mode == null ? [] : [true]
    content {
      mode = var.tracing_mode
    }
  }

  dynamic "vpc_config" {
    for_each = var.vpc_subnet_ids != null && var.vpc_security_group_ids != null ? [true] : []
    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = var.vpc_security_group_ids
    }
  }

  tags = merge(var.tags, var.function_tags)
}

# The module creates the log group the function writes to (unless told to
# read an existing one), so that its retention and key are the call's.
resource "aws_cloudwatch_log_group" "lambda" {
  count = local.create_function && !var.use_existing_cloudwatch_log_group ? 1 : 0

  name              = coalesce(var.logging_log_group, "/aws/lambda/${var.lambda_at_edge ? "us-east-1." : ""}${var.function_name}")
  retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_id        = var.cloudwatch_logs_kms_key_id

  tags = merge(var.tags, var.cloudwatch_logs_tags)
}

resource "aws_lambda_function_url" "this" {
  count = local.create_function && var.create_lambda_function_url ? 1 : 0

  function_name      = aws_lambda_function.this[0].function_name
  qualifier          = var.create_unqualified_alias_lambda_function_url ? null : aws_lambda_function.this[0].version
  authorization_type = var.authorization_type
  invoke_mode        = var.invoke_mode
}

# Each allowed trigger is a permission: its principal is the trigger's
# principal, else the service's (service = "events" grants
# events.amazonaws.com), and its action lambda:InvokeFunction unless the
# trigger names another.
resource "aws_lambda_permission" "current_version_triggers" {
  for_each = { for k, v in var.allowed_triggers : k => v if local.create_function && var.create_current_version_allowed_triggers }

  function_name = aws_lambda_function.this[0].function_name
  qualifier     = aws_lambda_function.this[0].version

  statement_id           = try(each.value.statement_id, each.key)
  action                 = try(each.value.action, "lambda:InvokeFunction")
  principal              = try(each.value.principal, format("%s.amazonaws.com", try(each.value.service, "")))
  principal_org_id       = try(each.value.principal_org_id, null)
  source_arn             = try(each.value.source_arn, null)
  source_account         = try(each.value.source_account, null)
  event_source_token     = try(each.value.event_source_token, null)
  function_url_auth_type = try(each.value.function_url_auth_type, null)
}

resource "aws_lambda_permission" "unqualified_alias_triggers" {
  for_each = { for k, v in var.allowed_triggers : k => v if local.create_function && var.create_unqualified_alias_allowed_triggers }

  function_name = aws_lambda_function.this[0].function_name

  statement_id           = try(each.value.statement_id, each.key)
  action                 = try(each.value.action, "lambda:InvokeFunction")
  principal              = try(each.value.principal, format("%s.amazonaws.com", try(each.value.service, "")))
  principal_org_id       = try(each.value.principal_org_id, null)
  source_arn             = try(each.value.source_arn, null)
  source_account         = try(each.value.source_account, null)
  event_source_token     = try(each.value.event_source_token, null)
  function_url_auth_type = try(each.value.function_url_auth_type, null)
}

resource "aws_iam_role" "lambda" {
  count = local.create_role ? 1 : 0

  name                  = try(coalesce(var.role_name, var.function_name), null)
  description           = var.role_description
  path                  = var.role_path
  force_detach_policies = var.role_force_detach_policies
  permissions_boundary  = var.role_permissions_boundary
  max_session_duration  = var.role_maximum_session_duration

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = local.trusted_services }
    }]
  })

  tags = merge(var.tags, var.role_tags)
}
