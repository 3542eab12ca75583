{{/* Names and labels shared by every object of the release. */}}
{{- define "darkside-monitor.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "darkside-monitor.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "darkside-monitor.labels" -}}
{{ include "darkside-monitor.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The values without which the monitor cannot sign anyone in: refuse to render, naming the key. */}}
{{- define "darkside-monitor.required" -}}
{{- $_ := required (print "host is required: the public host name, "
  "e.g. --set host=monitor.darkside.cnaf.example") .Values.host -}}
{{- $_ := required (print "iam.authority is required: the IAM issuer with its trailing slash, "
  "e.g. https://iam.darkside.example/") .Values.iam.authority -}}
{{- $_ := required (print "iam.clientId is required: "
  "the client registered in IAM for https://<host>/signin-oidc") .Values.iam.clientId -}}
{{- $_ := required (print "secrets.existingSecret is required: "
  "a Secret holding the connection strings and the IAM client secret") .Values.secrets.existingSecret -}}
{{- end -}}

{{/* A list value as indexed settings: Section__Key__0, Section__Key__1, … */}}
{{- define "darkside-monitor.list" -}}
{{- $name := index . 0 -}}
{{- range $i, $v := index . 1 }}
  {{ printf "%s__%d" $name $i }}: {{ $v | quote }}
{{- end -}}
{{- end -}}
