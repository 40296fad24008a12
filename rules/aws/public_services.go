package aws

import (
	"slices"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Public exposure of other managed services: SageMaker notebooks, shared
// SSM documents, MWAA web servers, MSK brokers and API Gateway methods.

var sagemakerNotebookNoDirectInternet = &scanner.Rule{
	ID:    "aws-sagemaker-notebook-no-direct-internet",
	Title: "SageMaker notebook instances have no direct internet access",
	Description: "With direct internet access a notebook instance, which usually holds training data and broad " +
		"IAM permissions, has a network path to and from the internet outside your VPC's controls. SOC 2 CC6.6 " +
		"expects traffic to cross the boundary through controlled points. direct_internet_access defaults to " +
		"\"Enabled\", so unset fails; disabling it requires a subnet_id.",
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_sagemaker_notebook_instance"},
	Remediation:   "Set direct_internet_access = \"Disabled\" with a subnet_id in your VPC; route needed traffic through a NAT gateway or VPC endpoints.",
	RemediationCode: `resource "aws_sagemaker_notebook_instance" "research" {
  # ...
  subnet_id              = aws_subnet.private_a.id
  security_groups        = [aws_security_group.notebook.id]
  direct_internet_access = "Disabled"
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sagemaker_notebook_instance#direct_internet_access"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_122"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_306"},
		{Tool: scanner.ToolProwler, ID: "sagemaker_notebook_instance_without_direct_internet_access_configured"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-1"
  direct_internet_access = "Disabled"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
}`, Fails: []string{"aws_sagemaker_notebook_instance.research"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireSetting(r.Attr("direct_internet_access"), "Disabled", "Enabled",
			"", "the notebook has a path to the internet outside the VPC")
	},
}

var ssmDocumentNotPublic = &scanner.Rule{
	ID:    "aws-ssm-document-not-public",
	Title: "SSM documents are not shared publicly",
	Description: "An SSM document shared with account_ids = \"All\" is visible to every AWS account, and with it " +
		"the commands, scripts, internal host names and sometimes secrets it contains. SOC 2 CC6.6 and CC6.1 " +
		"expect such assets to stay with authorised parties.",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_ssm_document"},
	Remediation:     "Share the document with specific account IDs, or not at all.",
	RemediationCode: "resource \"aws_ssm_document\" \"patch\" {\n  # ...\n  permissions = {\n    type        = \"Share\"\n    account_ids = \"210987654321\"\n  }\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_document#permissions"},
	References: []scanner.Reference{
		{Tool: scanner.ToolProwler, ID: "ssm_documents_set_as_public"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = "{}"
  permissions = {
    type        = "Share"
    account_ids = "210987654321,123456789012"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = "{}"
  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}`, Fails: []string{"aws_ssm_document.patch"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		perms := r.Attr("permissions")
		ids := perms.Index("account_ids")
		if ids.IsUnknown() {
			return scanner.Unknowable(perms.Range, "permissions.account_ids is only known after apply")
		}
		list, _ := ids.AsString()
		for _, id := range strings.Split(list, ",") {
			if strings.EqualFold(strings.TrimSpace(id), "all") {
				return scanner.Failed(perms.Range, "permissions share the document with account_ids \"All\": every AWS account can read it")
			}
		}
		return scanner.Passed()
	},
}

var mwaaEnvironmentNotPublic = &scanner.Rule{
	ID:    "aws-mwaa-environment-not-public",
	Title: "Managed Airflow web servers are not public",
	Description: "With webserver_access_mode = \"PUBLIC_ONLY\" the Airflow UI, which can trigger every DAG and " +
		"read connection secrets, is reachable from the internet behind only its login. SOC 2 CC6.6 expects " +
		"administrative interfaces behind the boundary. The default is PRIVATE_ONLY.",
	Severity:        scanner.Medium,
	Criteria:        publicCriteria,
	Family:          scanner.FamilyPublicExposure,
	ResourceTypes:   []string{"aws_mwaa_environment"},
	Remediation:     "Set webserver_access_mode = \"PRIVATE_ONLY\" and reach the UI through the VPC.",
	RemediationCode: "resource \"aws_mwaa_environment\" \"etl\" {\n  # ...\n  webserver_access_mode = \"PRIVATE_ONLY\"\n}",
	Links:           []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment#webserver_access_mode"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_66"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_mwaa_environment" "etl" {
  name = "etl"
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_mwaa_environment" "etl" {
  name                  = "etl"
  webserver_access_mode = "PUBLIC_ONLY"
}`, Fails: []string{"aws_mwaa_environment.etl"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Attr("webserver_access_mode")
		switch {
		case v.Equals("PUBLIC_ONLY"):
			return scanner.Failed(v.Range, "webserver_access_mode is \"PUBLIC_ONLY\": the Airflow UI is reachable from the internet")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "webserver_access_mode is only known after apply")
		}
		return scanner.Passed()
	},
}

var mskClusterBrokersNotPublic = &scanner.Rule{
	ID:    "aws-msk-cluster-brokers-not-public",
	Title: "MSK cluster brokers are not reachable from the internet",
	Description: "Public access (SERVICE_PROVIDED_EIPS) gives every Kafka broker a public IP address, exposing " +
		"topics to anyone who obtains client credentials. SOC 2 CC6.6 expects data streams inside the boundary. " +
		"Public access is DISABLED by default.",
	Severity:      scanner.High,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_msk_cluster"},
	Remediation:   "Set broker_node_group_info.connectivity_info.public_access.type = \"DISABLED\" (or remove the block) and connect through the VPC or PrivateLink.",
	RemediationCode: `resource "aws_msk_cluster" "events" {
  # ...
  broker_node_group_info {
    # ...
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
}`,
	Links: []string{"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#public_access"},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_291"},
		{Tool: scanner.ToolKICS, ID: "MSK Broker Is Publicly Accessible"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}`, Fails: []string{"aws_msk_cluster.events"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		v := r.Get("broker_node_group_info", "connectivity_info", "public_access", "type")
		switch {
		case v.Equals("SERVICE_PROVIDED_EIPS"):
			return scanner.Failed(v.Range, "public_access type is \"SERVICE_PROVIDED_EIPS\": the brokers have public IP addresses")
		case v.IsUnknown():
			return scanner.Unknowable(v.Range, "public_access type is only known after apply")
		}
		return scanner.Passed()
	},
}

// apiGatewayHTTPMethods are the http_method values the AWS provider
// accepts for aws_api_gateway_method; any other value fails validation at
// plan time, so no method exists to judge.
var apiGatewayHTTPMethods = []string{"ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}

var apiGatewayMethodRequiresAuth = &scanner.Rule{
	ID:    "aws-api-gateway-method-requires-auth",
	Title: "API Gateway REST API methods require authorization or an API key",
	Description: "A method with authorization = \"NONE\" and no api_key_required = true lets anyone who can reach the API " +
		"invoke its integration (a Lambda function, a backend service, an AWS API acting with the integration's " +
		"role) without identifying themselves (SOC 2 CC6.6, CC6.1). OPTIONS methods are not applicable: browsers send " +
		"CORS preflight requests without credentials. Methods of a REST API whose endpoint type is PRIVATE are " +
		"reachable only through VPC endpoints and are not applicable either, as are methods whose http_method the " +
		"provider rejects at plan time (anything but ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT). HTTP and WebSocket API routes " +
		"(aws_apigatewayv2_route) are judged by authorization_type (default NONE); OPTIONS routes and WebSocket routes " +
		"other than $connect, which cannot carry an authorizer, are not applicable.",
	Severity:      scanner.Medium,
	Criteria:      publicCriteria,
	Family:        scanner.FamilyPublicExposure,
	ResourceTypes: []string{"aws_api_gateway_method", "aws_apigatewayv2_route"},
	Remediation: "Set authorization to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (with authorizer_id), or, for machine " +
		"clients, api_key_required = true with a usage plan. On an HTTP or WebSocket API route " +
		"(aws_apigatewayv2_route) set authorization_type to AWS_IAM, JWT or CUSTOM.",
	RemediationCode: `resource "aws_api_gateway_method" "get_orders" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "COGNITO_USER_POOLS"
  authorizer_id = aws_api_gateway_authorizer.users.id
}`,
	Links: []string{
		registryDoc("aws_api_gateway_method", "authorization"),
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_59"},
		{Tool: scanner.ToolCheckov, ID: "CKV2_AWS_70"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_309"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0004"},
		{Tool: scanner.ToolTfsec, ID: "aws-api-gateway-no-public-access"},
		{Tool: scanner.ToolKICS, ID: "API Gateway With Open Access"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "aws_api_gateway_method" "iam" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "api_key" {
  rest_api_id      = aws_api_gateway_rest_api.orders.id
  resource_id      = "abc123"
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = "abc123"
  http_method   = "OPTIONS"
  authorization = "NONE"
}

# Not a method the provider accepts: the plan fails, nothing is exposed.
resource "aws_api_gateway_method" "misspelt" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = "abc123"
  http_method   = "OPTION"
  authorization = "NONE"
}

resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_method" "private" {
  rest_api_id   = aws_api_gateway_rest_api.internal.id
  resource_id   = "def456"
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "orders-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "jwt" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /orders"
  authorization_type = "JWT"
  authorizer_id      = "abc123"
}

resource "aws_apigatewayv2_route" "preflight" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "OPTIONS /orders"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "ws_message" {
  api_id    = aws_apigatewayv2_api.ws.id
  route_key = "sendmessage"
}`, NotApplicable: []string{"aws_api_gateway_method.preflight", "aws_api_gateway_method.misspelt", "aws_api_gateway_method.private",
		"aws_apigatewayv2_route.preflight", "aws_apigatewayv2_route.ws_message"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_method" "open" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_method" "key_off" {
  rest_api_id      = aws_api_gateway_rest_api.orders.id
  resource_id      = "abc123"
  http_method      = "ANY"
  authorization    = "NONE"
  api_key_required = false
}

variable "auth" {
  type = string
}

variable "method" {
  type = string
}

resource "aws_api_gateway_method" "auth_from_var" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = var.auth
}

resource "aws_api_gateway_method" "method_from_var" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = "abc123"
  http_method   = var.method
  authorization = "NONE"
}

resource "aws_apigatewayv2_route" "open_route" {
  api_id    = "a1b2c3"
  route_key = "POST /orders"
}

resource "aws_apigatewayv2_route" "ws_connect" {
  api_id             = "d4e5f6"
  route_key          = "$connect"
  authorization_type = "NONE"
}

resource "aws_apigatewayv2_route" "default_route" {
  api_id    = "g7h8i9"
  route_key = "$default"
}`, Fails: []string{"aws_api_gateway_method.open", "aws_api_gateway_method.key_off",
		"aws_apigatewayv2_route.open_route", "aws_apigatewayv2_route.ws_connect"},
		Unknowns: []string{"aws_api_gateway_method.auth_from_var", "aws_api_gateway_method.method_from_var",
			"aws_apigatewayv2_route.default_route"},
		Expect: map[string]scanner.Expected{
			"aws_api_gateway_method.open":    {Line: 13, Message: `authorization = "NONE" and no API key is required`},
			"aws_api_gateway_method.key_off": {Line: 20, Message: "ANY"},
		}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		if r.Type == "aws_apigatewayv2_route" {
			return apiGatewayV2RouteAuth(r, ctx.Index)
		}
		method, auth, key := r.Attr("http_method"), r.Attr("authorization"), r.Attr("api_key_required")
		if s, ok := method.AsString(); ok && strings.EqualFold(s, "OPTIONS") {
			return scanner.DoesNotApply("OPTIONS answers CORS preflight requests, which browsers send without credentials")
		} else if ok && !slices.Contains(apiGatewayHTTPMethods, s) {
			return scanner.DoesNotApply("http_method %q is not one the provider accepts: the plan fails and no method is created", s)
		}
		switch {
		case auth.IsUnknown():
			return scanner.Unknowable(auth.Range, "authorization is not known until apply")
		case !auth.IsNull() && !strings.EqualFold(auth.StringOr(""), "NONE"):
			return scanner.Passed()
		case key.IsTrue():
			return scanner.Passed()
		case key.IsUnknown():
			return scanner.Unknowable(key.Range, "authorization = \"NONE\" and api_key_required is not known until apply")
		}
		if apiGatewayPrivate(r, ctx.Index) {
			return scanner.DoesNotApply("the REST API's endpoint type is PRIVATE: it is reachable only through VPC endpoints")
		}
		if method.IsUnknown() {
			return scanner.Unknowable(method.Range, "authorization = \"NONE\" without an API key, and http_method is not known until apply (OPTIONS would be allowed)")
		}
		return scanner.Failed(auth.Range, "authorization = \"NONE\" and no API key is required: anyone who can reach the API can call this %s method without credentials", method.StringOr("?"))
	},
}

// apiGatewayV2RouteAuth judges an HTTP or WebSocket API route by its
// authorization_type (NONE by default). WebSocket APIs authorize only the
// $connect route, so their other routes are not applicable; an API the
// configuration does not declare is told apart by the route key (HTTP keys
// are "METHOD /path", or $default).
func apiGatewayV2RouteAuth(r *scanner.Resource, ix *scanner.Index) scanner.Result {
	routeKey := r.Attr("route_key")
	if routeKey.IsUnknown() {
		return scanner.Unknowable(routeKey.Range, "route_key is not known until apply")
	}
	key := strings.TrimSpace(routeKey.StringOr(""))
	websocket := scanner.Maybe
	for _, api := range ix.Resolve(r.Attr("api_id")) {
		if api.Type == "aws_apigatewayv2_api" {
			if p := api.Attr("protocol_type"); p.IsKnown() {
				websocket = scanner.TriOf(p.Equals("WEBSOCKET"), false)
			}
		}
	}
	if websocket == scanner.Maybe && key != "$default" {
		websocket = scanner.TriOf(!strings.Contains(key, " "), false)
	}
	switch {
	case websocket == scanner.Yes && key != "$connect":
		return scanner.DoesNotApply("WebSocket APIs authorize clients on the $connect route only; %s cannot carry an authorizer", scanner.Quote(routeKey))
	case websocket == scanner.No && strings.HasPrefix(strings.ToUpper(key), "OPTIONS "):
		return scanner.DoesNotApply("OPTIONS answers CORS preflight requests, which browsers send without credentials")
	}
	auth := r.Attr("authorization_type")
	switch {
	case auth.IsUnknown():
		return scanner.Unknowable(auth.Range, "authorization_type is not known until apply")
	case !auth.IsNull() && !strings.EqualFold(auth.StringOr(""), "NONE"):
		return scanner.Passed()
	case websocket == scanner.Maybe:
		return scanner.Unknowable(r.Range, "the route %s has no authorization, and whether its API is a WebSocket API (where only $connect can be authorized) is not known", scanner.Quote(routeKey))
	}
	if auth.IsNull() {
		return scanner.Failed(r.Range, "authorization_type is not set (default NONE): anyone who can reach the API can call route %s without credentials", scanner.Quote(routeKey))
	}
	return scanner.Failed(auth.Range, "authorization_type = \"NONE\": anyone who can reach the API can call route %s without credentials", scanner.Quote(routeKey))
}

// apiGatewayPrivate reports whether the REST API a method, stage or
// resource belongs to (by its rest_api_id) is declared with the PRIVATE
// endpoint type only.
func apiGatewayPrivate(r *scanner.Resource, ix *scanner.Index) bool {
	return apiGatewayPrivacy(r, ix) == scanner.Yes
}

// apiGatewayPrivacy is apiGatewayPrivate as a three-way answer: Maybe when
// the REST API is in the configuration but its endpoint types are only
// known after apply (types = [var.endpoint_type], or an API read through a
// data source). An API outside the configuration, and one without
// endpoint_configuration, are taken as public (EDGE is the default).
func apiGatewayPrivacy(r *scanner.Resource, ix *scanner.Index) scanner.Tri {
	apis := ix.Resolve(r.Attr("rest_api_id"))
	if len(apis) == 0 {
		return scanner.No
	}
	answer := scanner.Yes
	for _, api := range apis {
		if api.Type != "aws_api_gateway_rest_api" {
			return scanner.No
		}
		if api.Mode == "data" {
			answer = scanner.Maybe
			continue
		}
		ec, dynamic := api.Follow("endpoint_configuration")
		switch {
		case dynamic != "":
			answer = scanner.Maybe
			continue
		case ec == nil:
			return scanner.No
		}
		types := ec.Attr("types")
		if types.IsUnknown() {
			if known, _ := types.KnownStrings(); slices.ContainsFunc(known, func(t string) bool { return !strings.EqualFold(t, "PRIVATE") }) {
				return scanner.No
			}
			answer = scanner.Maybe
			continue
		}
		list, ok := types.AsStrings()
		if !ok || len(list) != 1 || !strings.EqualFold(list[0], "PRIVATE") {
			return scanner.No
		}
	}
	return answer
}
