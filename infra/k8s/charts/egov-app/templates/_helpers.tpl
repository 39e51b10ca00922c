{{/* The app's name, from its values file (the release name is not trusted for it). */}}
{{- define "egov-app.name" -}}
{{- required "app.name is required (infra/k8s/values/<app>.yaml)" .Values.app.name -}}
{{- end -}}

{{/* The app's PostgreSQL schema and database: its name with underscores (golden-tax -> golden_tax). */}}
{{- define "egov-app.schema" -}}
{{- include "egov-app.name" . | replace "-" "_" -}}
{{- end -}}

{{- define "egov-app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "egov-app.name" . }}
app.kubernetes.io/part-of: egov
{{- end -}}

{{- define "egov-app.labels" -}}
{{ include "egov-app.selectorLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
egov.gov/zone: {{ .Values.app.zone }}
{{- end -}}

{{/* The namespace of a zone (charts/egov-zones makes them). */}}
{{- define "egov-app.zoneNamespace" -}}
egov-{{ . }}
{{- end -}}
