# The module's outputs (2.0.0 dropped their this_ prefix) that callers
# read most, so that module.fn.lambda_function_arn in a trigger, a
# subscription or a policy refers to the function of this model.

output "lambda_function_arn" {
  value = try(aws_lambda_function.this[0].arn, "")
}

output "lambda_function_invoke_arn" {
  value = try(aws_lambda_function.this[0].invoke_arn, "")
}

output "lambda_function_name" {
  value = try(aws_lambda_function.this[0].function_name, "")
}

output "lambda_function_qualified_arn" {
  value = try(aws_lambda_function.this[0].qualified_arn, "")
}

output "lambda_function_version" {
  value = try(aws_lambda_function.this[0].version, "")
}

output "lambda_function_kms_key_arn" {
  value = try(aws_lambda_function.this[0].kms_key_arn, "")
}

output "lambda_function_url" {
  value = try(aws_lambda_function_url.this[0].function_url, "")
}

output "lambda_role_arn" {
  value = try(aws_iam_role.lambda[0].arn, "")
}

output "lambda_role_name" {
  value = try(aws_iam_role.lambda[0].name, "")
}

output "lambda_cloudwatch_log_group_arn" {
  value = try(aws_cloudwatch_log_group.lambda[0].arn, "")
}

output "lambda_cloudwatch_log_group_name" {
  value = try(aws_cloudwatch_log_group.lambda[0].name, "")
}
