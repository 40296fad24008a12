package aws

import (
	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// API Gateway execution logs: what the gateway did with a request
// (authorizer decisions, integration errors, throttling), as opposed to
// the access log's one line per call.

// executionLogLevels are the logging levels that write execution logs.
var executionLogLevels = []string{"ERROR", "INFO"}

// sameAPI decides whether two rest_api_id (or api_id) values name the same
// API: equal known strings, one variable read twice (scanner.Same), or
// references to the same resource. Maybe when neither can be told.
func sameAPI(a, b scanner.Value, ix *scanner.Index) scanner.Tri {
	if same := scanner.Same(a, b, "id"); same != scanner.Maybe {
		return same
	}
	ra, rb := ix.Resolve(a), ix.Resolve(b)
	if len(ra) == 0 || len(rb) == 0 {
		return scanner.Maybe
	}
	for _, x := range ra {
		for _, y := range rb {
			if x == y {
				return scanner.Yes
			}
		}
	}
	return scanner.No
}

// loggingLevelResult judges a logging_level argument.
func loggingLevelResult(level scanner.Value, where string) scanner.Result {
	switch {
	case level.IsUnknown():
		return scanner.Unknowable(level.Range, "logging_level is not known until apply")
	case level.OneOf(executionLogLevels...):
		return scanner.Passed()
	case level.IsNull():
		return scanner.Failed(level.Range, "%s sets no logging_level (default OFF): the stage writes no execution logs", where)
	}
	return scanner.Failed(level.Range, "logging_level is %s in %s: the stage writes no execution logs", describeValue(level), where)
}

var apiGatewayStageExecutionLogging = &scanner.Rule{
	ID:    "aws-api-gateway-stage-execution-logging",
	Title: "API Gateway REST and WebSocket stages write execution logs",
	Description: "Execution logs record what API Gateway did with each request: authorizer decisions, integration " +
		"requests and errors, throttling. Access logs alone show that a call failed, not why; investigating a " +
		"refused or abused API needs both (SOC 2 CC7.2). A REST stage (aws_api_gateway_stage) passes when an " +
		"aws_api_gateway_method_settings for it, for every method (method_path \"*/*\"), sets logging_level to " +
		"ERROR or INFO; a WebSocket stage (aws_apigatewayv2_stage) when default_route_settings does. HTTP APIs " +
		"have no execution logs and are not applicable.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_api_gateway_stage", "aws_apigatewayv2_stage"},
	Remediation: "Add aws_api_gateway_method_settings with method_path = \"*/*\" and settings { logging_level = \"ERROR\" } " +
		"(or INFO) for the REST stage, or default_route_settings { logging_level = \"ERROR\" } on a WebSocket stage; " +
		"the account's API Gateway needs a CloudWatch Logs role (aws_api_gateway_account).",
	RemediationCode: `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    logging_level   = "ERROR"
    metrics_enabled = true
  }
}`,
	Links: []string{
		registryDoc("aws_api_gateway_method_settings", "logging_level"),
		registryDoc("aws_apigatewayv2_stage", "default_route_settings"),
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_4"},
		{Tool: scanner.ToolProwler, ID: "apigateway_restapi_logging_enabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "abc123"
  deployment_id = "dep123"
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_stage.prod.rest_api_id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  default_route_settings {
    logging_level          = "ERROR"
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "web"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}`, NotApplicable: []string{"aws_apigatewayv2_stage.http"}},
		// The stage and its settings read the API from one variable: one
		// API, whichever it is, so the settings decide.
		{Code: `
variable "rest_api_id" {
  type = string
}

variable "other_api_id" {
  type = string
}

resource "aws_api_gateway_stage" "one_variable" {
  stage_name    = "prod"
  rest_api_id   = var.rest_api_id
  deployment_id = "dep123"
}

resource "aws_api_gateway_method_settings" "on" {
  rest_api_id = var.rest_api_id
  stage_name  = aws_api_gateway_stage.one_variable.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}

# Settings that log a stage of this name, of an API another variable
# names: the same API or not, only apply tells.
resource "aws_api_gateway_stage" "two_variables" {
  stage_name    = "dev"
  rest_api_id   = var.rest_api_id
  deployment_id = "dep123"
}

resource "aws_api_gateway_method_settings" "other" {
  rest_api_id = var.other_api_id
  stage_name  = "dev"
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}`, Unknowns: []string{"aws_api_gateway_stage.two_variables"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_api_gateway_stage" "unlogged" {
  stage_name    = "prod"
  rest_api_id   = "abc123"
  deployment_id = "dep123"
}

resource "aws_api_gateway_stage" "off" {
  stage_name    = "dev"
  rest_api_id   = "abc123"
  deployment_id = "dep123"
}

resource "aws_api_gateway_method_settings" "off" {
  rest_api_id = "abc123"
  stage_name  = aws_api_gateway_stage.off.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = true
    logging_level   = "OFF"
  }
}

# Other API, same stage name: does not log the first one.
resource "aws_api_gateway_method_settings" "other_api" {
  rest_api_id = "zzz999"
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
}

variable "api_id" {
  type = string
}

resource "aws_apigatewayv2_stage" "unknown_api" {
  api_id = var.api_id
  name   = "prod"
}

# Whether the settings turn logging on is only known after apply.
variable "log_settings" {
  type = list(object({ logging_level = string }))
}

resource "aws_api_gateway_stage" "dynamic" {
  stage_name    = "uat"
  rest_api_id   = "ghi789"
  deployment_id = "dep789"
}

resource "aws_api_gateway_method_settings" "dynamic" {
  rest_api_id = "ghi789"
  stage_name  = aws_api_gateway_stage.dynamic.stage_name
  method_path = "*/*"
  dynamic "settings" {
    for_each = var.log_settings
    content {
      logging_level = settings.value.logging_level
    }
  }
}

# Settings for a stage named "prod" log, but of API zzz999: the stage's API
# is only known from the variable.
variable "rest_api" {
  type = string
}

resource "aws_api_gateway_stage" "maybe_api" {
  stage_name    = "prod"
  rest_api_id   = var.rest_api
  deployment_id = "dep123"
}`, Fails: []string{"aws_api_gateway_stage.unlogged", "aws_api_gateway_stage.off", "aws_apigatewayv2_stage.ws"},
		Unknowns: []string{"aws_api_gateway_stage.maybe_api", "aws_api_gateway_stage.dynamic", "aws_apigatewayv2_stage.unknown_api"},
		Expect:   map[string]scanner.Expected{"aws_api_gateway_stage.off": {Message: `logging_level is "OFF"`}}},
		// One method settings turns logging off; another, whose stage is
		// only known after apply, may turn it on.
		{Code: `
resource "aws_api_gateway_stage" "maybe" {
  stage_name    = "qa"
  rest_api_id   = "def456"
  deployment_id = "dep456"
}

resource "aws_api_gateway_method_settings" "maybe_off" {
  rest_api_id = "def456"
  stage_name  = aws_api_gateway_stage.maybe.stage_name
  method_path = "*/*"
  settings {
    logging_level = "OFF"
  }
}

variable "stage_name" {
  type = string
}

resource "aws_api_gateway_method_settings" "maybe_on" {
  rest_api_id = "def456"
  stage_name  = var.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

# Method settings configure REST stages only.
resource "aws_apigatewayv2_api" "ws" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "qa"
}`, Fails: []string{"aws_apigatewayv2_stage.ws"}, Unknowns: []string{"aws_api_gateway_stage.maybe"},
			Expect: map[string]scanner.Expected{"aws_api_gateway_stage.maybe": {Message: "aws_api_gateway_method_settings.maybe_on may configure this stage"}}},
	},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "aws_apigatewayv2_stage" {
			return websocketExecutionLogging(r, ctx)
		}
		found, maybe := ctx.Index.Referrers(r, "aws_api_gateway_method_settings", []string{"stage_name"}, "stage_name")
		var results []scanner.Result
		for _, ms := range found {
			same := sameAPI(ms.Attr("rest_api_id"), r.Attr("rest_api_id"), ctx.Index)
			if same == scanner.No {
				continue
			}
			if path := ms.Attr("method_path"); !path.Equals("*/*") && !path.IsUnknown() {
				continue // One method's settings leave the others unlogged.
			}
			if ms.FirstBlock("settings") == nil && ms.BlocksUnknown("settings") {
				results = append(results, scanner.Unknowable(ms.Range, "the settings of %s are generated from values not known until apply", ms.Address))
				continue
			}
			res := loggingLevelResult(ms.Get("settings", "logging_level"), ms.Address)
			if same == scanner.Maybe && res.Status == scanner.Pass {
				// Settings that log, of an API that may be another.
				res = scanner.Unknowable(ms.Range, "%s turns logging on for a stage named like this one, of an API that may be another: rest_api_id is only known after apply", ms.Address)
			}
			results = append(results, res)
		}
		// Method settings whose stage_name is only known after apply may
		// turn logging on for this stage, even when others turn it off.
		if maybe != nil {
			results = append(results, scanner.Unknowable(r.Range, "%s may configure this stage: its stage_name is only known after apply", maybe.Address))
		}
		if len(results) == 0 {
			return scanner.Failed(r.Range, "no aws_api_gateway_method_settings for all methods (\"*/*\") of this stage sets logging_level to ERROR or INFO: the stage writes no execution logs")
		}
		// Any method settings that turn logging on cover the stage, and
		// any that may do so leave it unknown.
		return best(results...)
	},
}

// websocketExecutionLogging decides an API Gateway v2 stage: HTTP APIs have
// no execution logs; WebSocket stages log with default_route_settings.
func websocketExecutionLogging(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
	protocol := scanner.Value{}
	for _, api := range ctx.Index.Resolve(r.Attr("api_id")) {
		if api.Type == "aws_apigatewayv2_api" {
			protocol = api.Attr("protocol_type")
		}
	}
	switch {
	case protocol.Equals("HTTP"):
		return scanner.DoesNotApply("HTTP APIs write access logs only, no execution logs")
	case !protocol.Equals("WEBSOCKET"):
		return scanner.Unknowable(r.Range, "the stage's API is not in the configuration: whether it is a WebSocket API with execution logs is not known")
	}
	if r.BlocksUnknown("default_route_settings") {
		return scanner.Unknowable(r.Range, "default_route_settings is generated from values not known until apply")
	}
	return loggingLevelResult(r.Get("default_route_settings", "logging_level"), "default_route_settings")
}
