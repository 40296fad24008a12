package aws

import (
	"fmt"
	"strings"

	"github.com/soc2-as-code/terraform-provider-soc2/scanner"
)

// Service logs of databases, clusters and brokers (CC7.2): database logs
// exported to CloudWatch, EKS control-plane logs, Redshift audit logs and
// MSK and Amazon MQ broker logs.

// rdsLogTypes suggests, per engine family, what enabled_cloudwatch_logs_exports
// should hold.
func rdsLogTypes(engine string) string {
	e := strings.ToLower(engine)
	switch {
	case strings.Contains(e, "postgres"):
		return `["postgresql"]`
	case strings.Contains(e, "mysql"), strings.Contains(e, "mariadb"):
		return `["audit", "error", "general", "slowquery"]`
	case strings.HasPrefix(e, "oracle"):
		return `["alert", "audit", "listener", "trace"]`
	case strings.HasPrefix(e, "sqlserver"):
		return `["agent", "error"]`
	case strings.HasPrefix(e, "db2"):
		return `["diag.log", "notify.log"]`
	}
	return "the log types of the engine"
}

// requireListNotEmpty passes a known non-empty list, is unknown for an
// unknown one, and fails otherwise.
func requireListNotEmpty(v scanner.Value, msg string) scanner.Result {
	if v.IsUnknown() {
		if n, ok := knownLength(v); ok && n > 0 {
			return scanner.Passed()
		}
		return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
	}
	if list, ok := v.AsStrings(); ok && len(list) > 0 {
		return scanner.Passed()
	}
	return scanner.Failed(v.Range, "%s", msg)
}

// requireListHas passes when a known list holds every wanted entry.
func requireListHas(v scanner.Value, want []string, what string) scanner.Result {
	if v.IsUnknown() {
		return scanner.Unknowable(v.Range, "%s is not known until apply", v.Name)
	}
	have, _ := v.AsStrings()
	missing := missingFrom(have, want)
	if len(missing) == 0 {
		return scanner.Passed()
	}
	return scanner.Failed(v.Range, "%s does not include %s: %s", v.Name, strings.Join(quotedList(missing), ", "), what)
}

func quotedList(s []string) []string {
	out := make([]string, len(s))
	for i, e := range s {
		out[i] = fmt.Sprintf("%q", e)
	}
	return out
}

var rdsLogExports = &scanner.Rule{
	ID:    "aws-rds-log-exports",
	Title: "RDS instances and clusters export their database logs to CloudWatch Logs",
	Description: "Database logs — connections, errors, audit and slow queries — are where failed logins, privilege changes " +
		"and data pulls show up; kept on the instance they rotate away within days and vanish with it. Exporting them to " +
		"CloudWatch Logs (enabled_cloudwatch_logs_exports, empty by default) makes them durable and searchable for SOC 2 " +
		"CC7.2 monitoring. Use postgresql for PostgreSQL; audit, error, general and slowquery for MySQL and MariaDB.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster"},
	Remediation:   "Set enabled_cloudwatch_logs_exports to the engine's log types.",
	RemediationCode: `resource "aws_db_instance" "main" {
  engine = "postgres"
  # ...
  enabled_cloudwatch_logs_exports = ["postgresql"]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#enabled_cloudwatch_logs_exports",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_324"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_129"},
		{Tool: scanner.ToolProwler, ID: "rds_instance_integration_cloudwatch_logs"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_db_instance" "pg" {
  engine                          = "postgres"
  instance_class                  = "db.t3.micro"
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

resource "aws_rds_cluster" "mysql" {
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["audit", "error", "slowquery"]
}`}},
	Bad: []scanner.Example{{Code: `
variable "log_exports" {
  type = list(string)
}

resource "aws_db_instance" "mysql" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}

resource "aws_rds_cluster" "empty" {
  engine                          = "aurora-postgresql"
  enabled_cloudwatch_logs_exports = []
}

resource "aws_rds_cluster" "from_var" {
  engine                          = "aurora-postgresql"
  enabled_cloudwatch_logs_exports = var.log_exports
}`, Fails: []string{"aws_db_instance.mysql", "aws_rds_cluster.empty"}, Unknowns: []string{"aws_rds_cluster.from_var"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		engine := r.Attr("engine").StringOr("")
		return requireListNotEmpty(r.Attr("enabled_cloudwatch_logs_exports"),
			fmt.Sprintf("no database logs are exported to CloudWatch Logs; export %s", rdsLogTypes(engine)))
	},
}

var docdbAuditLogs = &scanner.Rule{
	ID:    "aws-docdb-audit-logs",
	Title: "DocumentDB clusters export audit logs",
	Description: "DocumentDB records authentication, authorisation and DDL events only when auditing is on and the audit " +
		"log is exported to CloudWatch Logs; neither is the default (SOC 2 CC7.2). The cluster must list \"audit\" in " +
		"enabled_cloudwatch_logs_exports, and its parameter group must set audit_logs to enabled.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_docdb_cluster"},
	Remediation:   "Add \"audit\" to enabled_cloudwatch_logs_exports and set audit_logs = enabled in the cluster parameter group.",
	RemediationCode: `resource "aws_docdb_cluster" "docs" {
  # ...
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit.name
}

resource "aws_docdb_cluster_parameter_group" "audit" {
  family = "docdb5.0"
  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster#enabled_cloudwatch_logs_exports",
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_85"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0020"},
		{Tool: scanner.ToolTfsec, ID: "aws-documentdb-enable-log-export"},
		{Tool: scanner.ToolKICS, ID: "DocDB Logging Is Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "docs" {
  cluster_identifier              = "docs"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_docdb_cluster" "none" {
  cluster_identifier = "docs"
}

resource "aws_docdb_cluster" "profiler_only" {
  cluster_identifier              = "docs-profiler"
  enabled_cloudwatch_logs_exports = ["profiler"]
}`, Fails: []string{"aws_docdb_cluster.none", "aws_docdb_cluster.profiler_only"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireListHas(r.Attr("enabled_cloudwatch_logs_exports"), []string{"audit"},
			"authentication and authorisation events are not exported")
	},
}

var neptuneAuditLogs = &scanner.Rule{
	ID:    "aws-neptune-audit-logs",
	Title: "Neptune clusters export audit logs",
	Description: "Neptune audit logs record every query and connection, and reach CloudWatch Logs only when \"audit\" is in " +
		"enable_cloudwatch_logs_exports (empty by default) and the cluster parameter group sets neptune_enable_audit_log " +
		"(SOC 2 CC7.2).",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_neptune_cluster"},
	Remediation:   "Add \"audit\" to enable_cloudwatch_logs_exports and set neptune_enable_audit_log = 1 in the parameter group.",
	RemediationCode: `resource "aws_neptune_cluster" "graph" {
  # ...
  enable_cloudwatch_logs_exports = ["audit"]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#enable_cloudwatch_logs_exports",
		"https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_101"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0075"},
		{Tool: scanner.ToolTfsec, ID: "aws-neptune-enable-log-export"},
		{Tool: scanner.ToolKICS, ID: "Neptune Logging Is Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "graph" {
  cluster_identifier             = "graph"
  enable_cloudwatch_logs_exports = ["audit"]
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}`, Fails: []string{"aws_neptune_cluster.graph"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		return requireListHas(r.Attr("enable_cloudwatch_logs_exports"), []string{"audit"},
			"queries and connections are not exported")
	},
}

var eksControlPlaneLogging = &scanner.Rule{
	ID:    "aws-eks-control-plane-logging",
	Title: "EKS clusters send control-plane logs to CloudWatch",
	Description: "The Kubernetes API server, audit and authenticator logs record who did what to the cluster — exec into " +
		"pods, read secrets, change RBAC — and are off by default on EKS (enabled_cluster_log_types is empty). SOC 2 CC7.2 " +
		"expects them for the clusters that run production. The required log types are a parameter.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_eks_cluster"},
	Params: []scanner.Param{{
		Name:        "required_log_types",
		Description: "Control-plane log types every cluster must enable (api, audit, authenticator, controllerManager, scheduler).",
		Default:     []string{"api", "audit", "authenticator"},
	}},
	Remediation: "Set enabled_cluster_log_types to include the required types.",
	RemediationCode: `resource "aws_eks_cluster" "main" {
  # ...
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#enabled_cluster_log_types",
		"https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_37"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0038"},
		{Tool: scanner.ToolTfsec, ID: "aws-eks-enable-control-plane-logging"},
	},
	Good: []scanner.Example{
		{Code: `
resource "aws_eks_cluster" "main" {
  name                      = "main"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "scheduler"]
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}`},
		{Code: `
resource "aws_eks_cluster" "audit_only" {
  name                      = "audit-only"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["audit"]
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}`, Params: map[string]any{"required_log_types": []any{"audit"}}},
	},
	Bad: []scanner.Example{{Code: `
resource "aws_eks_cluster" "none" {
  name     = "none"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_cluster" "partial" {
  name                      = "partial"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["api"]
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

variable "log_types" {
  type = list(string)
}

resource "aws_eks_cluster" "from_var" {
  name                      = "from-var"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = var.log_types
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}`, Fails: []string{"aws_eks_cluster.none", "aws_eks_cluster.partial"}, Unknowns: []string{"aws_eks_cluster.from_var"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		return requireListHas(r.Attr("enabled_cluster_log_types"), ctx.Strings("required_log_types"),
			"those control-plane actions are not logged")
	},
}

var redshiftAuditLogging = &scanner.Rule{
	ID:    "aws-redshift-audit-logging",
	Title: "Redshift clusters have audit logging enabled",
	Description: "Redshift audit logging records connections, user changes and queries against the warehouse, which " +
		"usually holds the most complete copy of customer data; it is off by default (SOC 2 CC7.2). It is enabled by an " +
		"aws_redshift_logging resource (AWS provider v5.x and later) or the deprecated inline logging block.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_redshift_cluster"},
	Remediation:   "Add an aws_redshift_logging resource for the cluster, to CloudWatch or S3.",
	RemediationCode: `resource "aws_redshift_logging" "warehouse" {
  cluster_identifier   = aws_redshift_cluster.warehouse.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_logging",
		"https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_71"},
		{Tool: scanner.ToolProwler, ID: "redshift_cluster_audit_logging"},
		{Tool: scanner.ToolKICS, ID: "Redshift Cluster Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_logging" "warehouse" {
  cluster_identifier   = aws_redshift_cluster.warehouse.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}

resource "aws_redshift_cluster" "legacy" {
  cluster_identifier = "legacy"
  node_type          = "dc2.large"
  logging {
    enable      = true
    bucket_name = "acme-redshift-logs"
  }
}`}},
	Bad: []scanner.Example{{Code: `
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

# Logs the cluster named "warehouse" in another region.
resource "aws_redshift_logging" "eu" {
  provider             = aws.eu
  cluster_identifier   = "warehouse"
  log_destination_type = "s3"
  bucket_name          = "acme-redshift-logs"
}`, Fails: []string{"aws_redshift_cluster.warehouse"}},
		{Code: `
resource "aws_redshift_cluster" "silent" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}`, Fails: []string{"aws_redshift_cluster.silent"}}},
	Check: func(r *scanner.Resource, ctx *scanner.Context) scanner.Result {
		// A cluster identifier is unique in its account and region only.
		found, maybe := ctx.Index.ReferrersIn(inRegion, r, "aws_redshift_logging", []string{"cluster_identifier"}, "cluster_identifier", "id")
		if len(found) > 0 {
			return scanner.Passed()
		}
		res := scanner.Failed(r.Range, "audit logging is off: no aws_redshift_logging or logging block enables it")
		if enable := r.Get("logging", "enable"); enable.Present {
			res = scanner.RequireTrue(enable, "logging.enable is not true: connections and queries are not audited")
		}
		if res.Status == scanner.Fail && maybe != nil {
			return scanner.Unknowable(r.Range, "%s may enable this cluster's audit logging: the cluster it names, or where it is (region, account), is only known after apply", maybe.Address)
		}
		return res
	},
}

var mskBrokerLogging = &scanner.Rule{
	ID:    "aws-msk-broker-logging",
	Title: "MSK clusters deliver broker logs",
	Description: "Kafka broker logs record client connections, authentication failures and broker errors; MSK keeps none " +
		"unless logging_info.broker_logs enables delivery to CloudWatch Logs, Firehose or S3 (SOC 2 CC7.2).",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_msk_cluster"},
	Remediation:   "Add logging_info.broker_logs with cloudwatch_logs, firehose or s3 enabled.",
	RemediationCode: `resource "aws_msk_cluster" "events" {
  # ...
  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.msk.name
      }
    }
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#logging_info",
		"https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_80"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0074"},
		{Tool: scanner.ToolTfsec, ID: "aws-msk-enable-logging"},
		{Tool: scanner.ToolKICS, ID: "MSK Cluster Logging Disabled"},
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
  logging_info {
    broker_logs {
      s3 {
        enabled = true
        bucket  = "acme-msk-logs"
      }
    }
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_msk_cluster" "silent" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
}

resource "aws_msk_cluster" "disabled" {
  cluster_name           = "events-disabled"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled = false
      }
    }
  }
}`, Fails: []string{"aws_msk_cluster.silent", "aws_msk_cluster.disabled"}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		var unknown *scanner.Value
		for _, dest := range []string{"cloudwatch_logs", "firehose", "s3"} {
			v := r.Get("logging_info", "broker_logs", dest, "enabled")
			if v.IsTrue() {
				return scanner.Passed()
			}
			if v.IsUnknown() && unknown == nil {
				unknown = &v
			}
		}
		if unknown != nil {
			return scanner.Unknowable(unknown.Range, "broker log delivery is not known until apply")
		}
		return scanner.Failed(r.Range, "no broker log delivery is enabled: broker connections and errors are not kept")
	},
}

var mqBrokerLogging = &scanner.Rule{
	ID:    "aws-mq-broker-logging",
	Title: "Amazon MQ brokers publish general logs to CloudWatch Logs",
	Description: "Without logs { general = true } a broker publishes nothing about connections, errors and its own " +
		"operation to CloudWatch Logs, so a failure or an intrusion leaves no trace (SOC 2 CC7.2). general defaults to " +
		"false, for ActiveMQ and RabbitMQ alike. The audit log of ActiveMQ management actions is a separate control, " +
		"aws-mq-broker-audit-logging.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_mq_broker"},
	Remediation:   "Add logs { general = true }.",
	RemediationCode: `resource "aws_mq_broker" "events" {
  # ...
  logs {
    general = true
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mq_broker#logs",
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_48"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0071"},
		{Tool: scanner.ToolTfsec, ID: "aws-mq-enable-general-logging"},
		{Tool: scanner.ToolKICS, ID: "MQ Broker Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_mq_broker" "active" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  logs {
    general = true
  }
}

resource "aws_mq_broker" "rabbit" {
  broker_name        = "jobs"
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.m5.large"
  logs {
    general = "true"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_mq_broker" "silent" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
}

resource "aws_mq_broker" "audit_only" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  logs {
    audit = true
  }
}

resource "aws_mq_broker" "rabbit_off" {
  broker_name        = "jobs"
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.m5.large"
  logs {
    general = false
  }
}

variable "general" {
  type = bool
}

resource "aws_mq_broker" "from_var" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  logs {
    general = var.general
  }
}`, Fails: []string{"aws_mq_broker.audit_only", "aws_mq_broker.rabbit_off", "aws_mq_broker.silent"},
		Unknowns: []string{"aws_mq_broker.from_var"},
		Expect: map[string]scanner.Expected{
			"aws_mq_broker.silent":     {Message: "logs is not set"},
			"aws_mq_broker.audit_only": {Line: 12, Message: "general is not set"},
			"aws_mq_broker.rabbit_off": {Line: 22, Message: "general = false"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		logs := r.FirstBlock("logs")
		if logs == nil {
			if r.BlocksUnknown("logs") {
				return scanner.Unknowable(r.Range, "logs is generated by a dynamic block only known after apply")
			}
			return scanner.Failed(r.Range, "logs is not set: the broker publishes no general log to CloudWatch Logs (general defaults to false)")
		}
		return mqLogResult(logs, "general", "the broker publishes no general log of connections and errors")
	},
}

var mqBrokerAuditLogging = &scanner.Rule{
	ID:    "aws-mq-broker-audit-logging",
	Title: "Amazon MQ ActiveMQ brokers publish audit logs to CloudWatch Logs",
	Description: "Without logs { audit = true } an ActiveMQ broker keeps no record of the management actions (users, " +
		"queues, permissions) made through JMX or the web console, so a change to who may read which queue leaves no " +
		"trace (SOC 2 CC7.2). audit defaults to false. RabbitMQ brokers have no audit log and are not applicable; a " +
		"broker whose engine is only known after apply is unknown when audit is off.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_mq_broker"},
	Remediation:   "Add audit = true to the logs block of ActiveMQ brokers.",
	RemediationCode: `resource "aws_mq_broker" "events" {
  # ...
  engine_type = "ActiveMQ"
  logs {
    general = true
    audit   = true
  }
}`,
	Links: []string{
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mq_broker#audit",
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_197"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0070"},
		{Tool: scanner.ToolTfsec, ID: "aws-mq-enable-audit-logging"},
		{Tool: scanner.ToolKICS, ID: "MQ Broker Logging Disabled"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_mq_broker" "active" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  logs {
    general = true
    audit   = "true"
  }
}

resource "aws_mq_broker" "rabbit" {
  broker_name        = "jobs"
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.m5.large"
}`, NotApplicable: []string{"aws_mq_broker.rabbit"}}},
	Bad: []scanner.Example{{Code: `
resource "aws_mq_broker" "silent" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
}

resource "aws_mq_broker" "general_only" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.m5.large"
  logs {
    general = true
  }
}

variable "engine" {
  type = string
}

resource "aws_mq_broker" "engine_from_var" {
  broker_name        = "events"
  engine_type        = var.engine
  host_instance_type = "mq.m5.large"
  logs {
    general = true
  }
}`, Fails: []string{"aws_mq_broker.general_only", "aws_mq_broker.silent"},
		Unknowns: []string{"aws_mq_broker.engine_from_var"},
		Expect: map[string]scanner.Expected{
			"aws_mq_broker.silent":       {Message: "logs is not set"},
			"aws_mq_broker.general_only": {Line: 12, Message: "audit is not set"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		engine := r.Attr("engine_type")
		if s, ok := engine.AsString(); ok && !engine.IsUnknown() && strings.EqualFold(s, "RabbitMQ") {
			return scanner.DoesNotApply("RabbitMQ brokers have no audit log")
		}
		var audit scanner.Result
		if logs := r.FirstBlock("logs"); logs != nil {
			audit = mqLogResult(logs, "audit", "management actions on the ActiveMQ broker are not audited")
		} else if r.BlocksUnknown("logs") {
			return scanner.Unknowable(r.Range, "logs is generated by a dynamic block only known after apply")
		} else {
			audit = scanner.Failed(r.Range, "logs is not set: the ActiveMQ broker publishes no audit log of management actions (audit defaults to false)")
		}
		if engine.IsUnknown() && audit.Status == scanner.Fail {
			return scanner.Unknowable(engine.Range, "audit logs are off, and engine_type, which decides whether they are needed (ActiveMQ) or impossible (RabbitMQ), is not known until apply")
		}
		return audit
	},
}

// mqLogResult decides one flag of an Amazon MQ broker's logs block.
func mqLogResult(logs *scanner.Block, name, consequence string) scanner.Result {
	v := logs.Attr(name)
	switch {
	case v.IsUnknown():
		return scanner.Unknowable(v.Range, "logs.%s is not known until apply", name)
	case v.IsTrue():
		return scanner.Passed()
	case v.IsNull():
		return scanner.Failed(logs.Range, "logs.%s is not set (default false): %s", name, consequence)
	}
	return scanner.Failed(v.Range, "logs.%s = false: %s", name, consequence)
}

var opensearchLogPublishing = &scanner.Rule{
	ID:    "aws-opensearch-log-publishing",
	Title: "OpenSearch and Elasticsearch domains publish logs to CloudWatch Logs",
	Description: "A domain keeps its error, slow and audit logs to itself unless log_publishing_options sends them to " +
		"CloudWatch Logs; without them, failed requests, expensive queries and (with fine-grained access control) who " +
		"read or changed which index leave no durable trace (SOC 2 CC7.2). A log_publishing_options block is enabled " +
		"unless it says enabled = false. AUDIT_LOGS is the log type that records access; any published type passes this " +
		"rule, but an AUDIT_LOGS block that says enabled = false fails it, since that turns the access trail off on purpose.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_opensearch_domain", "aws_elasticsearch_domain"},
	Remediation:   "Add log_publishing_options blocks (log_type AUDIT_LOGS, ES_APPLICATION_LOGS, INDEX_SLOW_LOGS or SEARCH_SLOW_LOGS) with a cloudwatch_log_group_arn, and a log resource policy that lets the service write to the group.",
	RemediationCode: `resource "aws_opensearch_domain" "search" {
  # ...
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}`,
	Links: []string{
		registryDoc("aws_opensearch_domain", "log_publishing_options"),
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_84"},
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_317"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0044"},
		{Tool: scanner.ToolTrivy, ID: "AVD-AWS-0042"},
		{Tool: scanner.ToolTfsec, ID: "aws-elastic-search-enable-domain-logging"},
		{Tool: scanner.ToolKICS, ID: "Elasticsearch Log Disabled"},
		{Tool: scanner.ToolProwler, ID: "opensearch_service_domains_cloudwatch_logging_enabled"},
		{Tool: scanner.ToolKICS, ID: "Elasticsearch Without Slow Logs"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "good" {
  domain_name = "search"
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search-audit"
  }
}

resource "aws_elasticsearch_domain" "slow_logs" {
  domain_name = "legacy"
  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:legacy-slow"
    enabled                  = true
  }
}

resource "aws_opensearch_domain" "slow_logs_off" {
  domain_name = "catalogue"
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:catalogue-audit"
  }
  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:catalogue-slow"
    enabled                  = false
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_opensearch_domain" "none" {
  domain_name = "search"
}

resource "aws_elasticsearch_domain" "disabled" {
  domain_name = "legacy"
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:legacy-audit"
    enabled                  = false
  }
}

resource "aws_opensearch_domain" "audit_off" {
  domain_name = "orders"
  log_publishing_options {
    log_type                 = "SEARCH_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:orders-slow"
  }
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:orders-audit"
    enabled                  = false
  }
}

variable "publish" {
  type = bool
}

resource "aws_opensearch_domain" "unknown" {
  domain_name = "other"
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:other-audit"
    enabled                  = var.publish
  }
}`, Fails: []string{"aws_opensearch_domain.none", "aws_elasticsearch_domain.disabled", "aws_opensearch_domain.audit_off"},
		Unknowns: []string{"aws_opensearch_domain.unknown"},
		Expect: map[string]scanner.Expected{
			"aws_opensearch_domain.none":        {Line: 2, Message: "no log_publishing_options"},
			"aws_elasticsearch_domain.disabled": {Line: 11, Message: "enabled = false"},
			"aws_opensearch_domain.audit_off":   {Line: 24, Message: "AUDIT_LOGS log_publishing_options block has enabled = false"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		blocks := r.Blocks("log_publishing_options")
		audit, auditOff := disabledAuditLogs(blocks)
		if audit == scanner.Yes && r.BlocksUnknown("log_publishing_options") {
			audit = scanner.Maybe // a dynamic block may turn AUDIT_LOGS off
		}
		switch audit {
		case scanner.No:
			return scanner.Failed(auditOff.Range, "the AUDIT_LOGS log_publishing_options block has enabled = false: the domain keeps no record of who read or changed which index, whatever other logs it publishes")
		case scanner.Maybe:
			return scanner.Unknowable(r.Range, "whether the AUDIT_LOGS log_publishing_options block is turned off is not known until apply")
		}
		var off *scanner.Value
		unknown := r.BlocksUnknown("log_publishing_options")
		for _, b := range blocks {
			enabled := b.Attr("enabled")
			switch enabled.BoolOr(true) {
			case scanner.Yes:
				return scanner.Passed()
			case scanner.Maybe:
				unknown = true
			default:
				if off == nil {
					off = &enabled
				}
			}
		}
		switch {
		case unknown:
			return scanner.Unknowable(r.Range, "whether log_publishing_options publishes any log is not known until apply")
		case off != nil:
			return scanner.Failed(off.Range, "every log_publishing_options block has enabled = false: the domain publishes no logs to CloudWatch Logs")
		}
		return scanner.Failed(r.Range, "no log_publishing_options: the domain publishes no audit, error or slow logs to CloudWatch Logs")
	},
}

// disabledAuditLogs judges the log_publishing_options blocks whose log_type
// is AUDIT_LOGS: No with the enabled argument of one that says enabled =
// false, Maybe when a block may be such one (its log_type or enabled is
// only known after apply), Yes otherwise. Turning audit logs off on purpose
// is a choice against the access trail, so slow or error logs published
// beside it do not make up for it.
func disabledAuditLogs(blocks []*scanner.Block) (scanner.Tri, *scanner.Value) {
	verdict := scanner.Yes
	for _, b := range blocks {
		enabled, logType := b.Attr("enabled"), b.Attr("log_type")
		audit := scanner.TriOf(logType.StringOr("") == "AUDIT_LOGS", logType.IsUnknown())
		on := enabled.BoolOr(true)
		switch {
		case audit == scanner.No || on == scanner.Yes:
		case audit == scanner.Yes && on == scanner.No:
			return scanner.No, &enabled
		default:
			verdict = scanner.Maybe
		}
	}
	return verdict, nil
}

// docdbAuditOn reports whether an audit_logs value records events: enabled,
// or one of the categories (ddl, dml_read, dml_write, all), possibly a
// comma-separated list of them.
func docdbAuditOn(s string) bool {
	for _, part := range strings.Split(strings.ToLower(s), ",") {
		switch strings.TrimSpace(part) {
		case "enabled", "all", "ddl", "dml_read", "dml_write":
			return true
		}
	}
	return false
}

var docdbParameterGroupAuditLogs = &scanner.Rule{
	ID:    "aws-docdb-parameter-group-audit-logs",
	Title: "DocumentDB cluster parameter groups turn audit logging on",
	Description: "DocumentDB records authentication, authorisation and data-definition events only when the cluster " +
		"parameter group sets audit_logs (disabled by default); exporting \"audit\" to CloudWatch Logs " +
		"(aws-docdb-audit-logs) then has something to send (SOC 2 CC7.2). A parameter group that leaves audit_logs " +
		"unset or sets it to disabled or none gives its clusters no audit trail.",
	Severity:      scanner.Medium,
	Criteria:      serviceLogCriteria,
	Family:        scanner.FamilyLogging,
	ResourceTypes: []string{"aws_docdb_cluster_parameter_group"},
	Remediation:   "Add parameter { name = \"audit_logs\", value = \"enabled\" } (or a list of categories such as \"ddl,dml_write\").",
	RemediationCode: `resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"
  name   = "docs"

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}`,
	Links: []string{
		registryDoc("aws_docdb_cluster_parameter_group", "parameter"),
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html",
	},
	References: []scanner.Reference{
		{Tool: scanner.ToolCheckov, ID: "CKV_AWS_104"},
	},
	Good: []scanner.Example{{Code: `
resource "aws_docdb_cluster_parameter_group" "good" {
  family = "docdb5.0"
  name   = "docs"
  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "categories" {
  family = "docdb5.0"
  name   = "docs-ddl"
  parameter {
    name  = "audit_logs"
    value = "ddl,dml_write"
  }
}`}},
	Bad: []scanner.Example{{Code: `
resource "aws_docdb_cluster_parameter_group" "unset" {
  family = "docdb5.0"
  name   = "docs"
  parameter {
    name  = "tls"
    value = "enabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "disabled" {
  family = "docdb5.0"
  name   = "docs-off"
  parameter {
    name  = "audit_logs"
    value = "disabled"
  }
}

variable "audit" {
  type = string
}

resource "aws_docdb_cluster_parameter_group" "unknown" {
  family = "docdb5.0"
  name   = "docs-var"
  parameter {
    name  = "audit_logs"
    value = var.audit
  }
}`, Fails: []string{"aws_docdb_cluster_parameter_group.unset", "aws_docdb_cluster_parameter_group.disabled"},
		Unknowns: []string{"aws_docdb_cluster_parameter_group.unknown"},
		Expect: map[string]scanner.Expected{
			"aws_docdb_cluster_parameter_group.unset":    {Line: 2, Message: "audit_logs is not set"},
			"aws_docdb_cluster_parameter_group.disabled": {Line: 16, Message: "disabled"},
		}}},
	Check: func(r *scanner.Resource, _ *scanner.Context) scanner.Result {
		for _, p := range r.Blocks("parameter") {
			n := p.Attr("name")
			if n.IsUnknown() {
				return scanner.Unknowable(n.Range, "a parameter name is not known until apply")
			}
			if !n.Equals("audit_logs") {
				continue
			}
			v := p.Attr("value")
			if v.IsUnknown() {
				return scanner.Unknowable(v.Range, "audit_logs is not known until apply")
			}
			if docdbAuditOn(v.StringOr("")) {
				return scanner.Passed()
			}
			return scanner.Failed(v.Range, "audit_logs = %s: clusters using this parameter group record no audit events", scanner.Quote(v))
		}
		if r.BlocksUnknown("parameter") {
			return scanner.Unknowable(r.Range, "the parameters are not known until apply")
		}
		return scanner.Failed(r.Range, "audit_logs is not set (default disabled): clusters using this parameter group record no audit events")
	},
}
