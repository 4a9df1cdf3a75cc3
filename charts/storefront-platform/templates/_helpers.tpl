{{/*
Base name of every object. Cut to 40 characters so that "<base>-notifications-<ordinal>" and the
StatefulSet's controller-revision-hash label value stay within Kubernetes' 63-character limit.
*/}}
{{- define "sp.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
Labels of a component. app.kubernetes.io/name is the component (platform-api, checkout, ...):
the operator's storefront NetworkPolicy allows egress to Pods named checkout, search and
notifications, so these names are a contract. Call with (dict "root" $ "component" "checkout").
*/}}
{{- define "sp.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "sp.labels" -}}
{{ include "sp.selectorLabels" . }}
app.kubernetes.io/part-of: storefront-platform
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* registry/repository:tag or @digest. Call with (dict "root" $ "image" .Values.checkout.image). */}}
{{- define "sp.image" -}}
{{- $repository := .image.repository -}}
{{- if .root.Values.image.registry -}}{{- $repository = printf "%s/%s" .root.Values.image.registry .image.repository -}}{{- end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{- define "sp.secretName" -}}{{ include "sp.fullname" . }}-secrets{{- end -}}
{{- define "sp.hookSecretName" -}}{{ include "sp.fullname" . }}-hook-secrets{{- end -}}
{{/* The chart Secret an install/upgrade Job reads: on an upgrade the hook Secret, which has this release's values (hook-secret.yaml). */}}
{{- define "sp.jobSecretName" -}}{{ if .Release.IsUpgrade }}{{ include "sp.hookSecretName" . }}{{ else }}{{ include "sp.secretName" . }}{{ end }}{{- end -}}
{{- define "sp.configName" -}}{{ include "sp.fullname" . }}-config{{- end -}}
{{- define "sp.workloadServiceAccount" -}}{{ include "sp.fullname" . }}-workload{{- end -}}
{{- define "sp.operatorServiceAccount" -}}{{ include "sp.fullname" . }}-tenant-operator{{- end -}}
{{- define "sp.platformApiServiceAccount" -}}{{ include "sp.fullname" . }}-platform-api{{- end -}}

{{/*
The Store namespace: where the platform API creates Stores and the operator serves them, with its
Role on Secrets there. Never the release namespace by default, where that Role would also read the
chart's own Secrets (JWT and service-token keys, database URLs, the payments keyring): empty means
"<release namespace>-stores". The release namespace itself only with allowStoresInReleaseNamespace.
*/}}
{{- define "sp.storeNamespace" -}}
{{- $namespace := .Values.operator.watchNamespace | default (printf "%s-stores" .Release.Namespace) -}}
{{- if gt (len $namespace) 63 -}}
{{- fail (printf "the Store namespace %q is longer than 63 characters: set operator.watchNamespace" $namespace) -}}
{{- end -}}
{{- if and (eq $namespace .Release.Namespace) (not .Values.operator.allowStoresInReleaseNamespace) -}}
{{- fail "operator.watchNamespace is the release namespace, where the operator's Role on Secrets would read the chart's own Secrets: choose another namespace, or set operator.allowStoresInReleaseNamespace=true (development only)" -}}
{{- end -}}
{{- $namespace -}}
{{- end -}}

{{/*
The owner's database login (owns the tenant schemas, member of every tenant role): the migrations
Job and the operator. Always PostgreSQL directly: DDL and session advisory locks
need a session (docs/adr/0056), and PgBouncer's userlist holds the service login only.
Call with (dict "root" $), a Job with (dict "root" $ "secret" (include "sp.jobSecretName" $)).
*/}}
{{- define "sp.ownerDatabaseEnv" -}}
{{- $chartSecret := .secret | default (include "sp.secretName" .root) -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.database.existingSecret.name | default $chartSecret }}
      key: {{ if .root.Values.database.existingSecret.name }}{{ .root.Values.database.existingSecret.key }}{{ else }}DATABASE_URL{{ end }}
{{- if .root.Values.database.tenantDatabaseUrls }}
- name: PLATFORM_TENANT_DATABASE_URLS
  valueFrom:
    secretKeyRef:
      name: {{ $chartSecret }}
      key: PLATFORM_TENANT_DATABASE_URLS
{{- end }}
{{- end -}}

{{/*
Where a component login's URL is (database.serviceLogin or database.platformApiLogin): the Secret
you manage, or the chart's (derived from database.url). Call with (dict "root" $ "login" "serviceLogin"),
a Job adding "secret" (include "sp.jobSecretName" $).
*/}}
{{- define "sp.loginSecretRef" -}}
{{- $login := index .root.Values.database .login -}}
name: {{ $login.existingSecret.name | default .secret | default (include "sp.secretName" .root) }}
key: {{ if $login.existingSecret.name }}{{ $login.existingSecret.key }}{{ else }}{{ include "sp.loginKeyPrefix" . }}_DATABASE_URL{{ end }}
{{- end -}}

{{/* PLATFORM_TENANT_DATABASE_URLS as a component login, with database.tenantDatabaseUrls. Call like sp.loginSecretRef. */}}
{{- define "sp.loginTenantDatabaseUrlsEnv" -}}
{{- $login := index .root.Values.database .login -}}
{{- if .root.Values.database.tenantDatabaseUrls }}
- name: PLATFORM_TENANT_DATABASE_URLS
  valueFrom:
    secretKeyRef:
      name: {{ $login.existingSecret.name | default (include "sp.secretName" .root) }}
      key: {{ if $login.existingSecret.name }}{{ $login.existingSecret.tenantDatabaseUrlsKey }}{{ else }}{{ include "sp.loginKeyPrefix" . }}_TENANT_DATABASE_URLS{{ end }}
{{- end }}
{{- end -}}

{{/*
The shards' database login (docs/adr/0009): the service login, which owns nothing and reaches a
tenant only by SET LOCAL ROLE, on every cluster; through PgBouncer with pgbouncer.enabled.
*/}}
{{- define "sp.serviceDatabaseEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
{{- if .Values.pgbouncer.enabled }}
      name: {{ .Values.pgbouncer.databaseUrlSecret.name | default (include "sp.secretName" .) }}
      key: {{ if .Values.pgbouncer.databaseUrlSecret.name }}{{ .Values.pgbouncer.databaseUrlSecret.key }}{{ else }}PGBOUNCER_DATABASE_URL{{ end }}
{{- else }}
      {{- include "sp.loginSecretRef" (dict "root" . "login" "serviceLogin") | nindent 6 }}
{{- end }}
{{- include "sp.loginTenantDatabaseUrlsEnv" (dict "root" . "login" "serviceLogin") }}
{{- end -}}

{{/*
The platform API's database login: its own (database.platformApiLogin), never the owner's, since
the operator provisions; PostgreSQL directly, like the owner (it was the owner's before).
*/}}
{{- define "sp.platformApiDatabaseEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      {{- include "sp.loginSecretRef" (dict "root" . "login" "platformApiLogin") | nindent 6 }}
{{- include "sp.loginTenantDatabaseUrlsEnv" (dict "root" . "login" "platformApiLogin") }}
{{- end -}}

{{/* For the migrations Job, which creates the component logins (or sets their passwords) on every cluster. */}}
{{- define "sp.componentLoginsEnv" -}}
- name: PLATFORM_SERVICE_DATABASE_URL
  valueFrom:
    secretKeyRef:
      {{- include "sp.loginSecretRef" (dict "root" . "login" "serviceLogin" "secret" (include "sp.jobSecretName" .)) | nindent 6 }}
- name: PLATFORM_API_DATABASE_URL
  valueFrom:
    secretKeyRef:
      {{- include "sp.loginSecretRef" (dict "root" . "login" "platformApiLogin" "secret" (include "sp.jobSecretName" .)) | nindent 6 }}
{{- end -}}

{{/*
REDIS_URL of one component: its own Redis ACL user (docs/adr/0700), from redis.users.<component>
(a Secret you manage), else the one the chart makes with redis.admin (sp.chartRedisUsers); the
operator, which creates the storefront users, then logs in as the admin. Only without either,
the shared redis.url / redis.existingSecret, which must then allow everything the component does:
components sharing a URL are not isolated from each other. Call with (dict "root" $ "component" "checkout").
*/}}
{{- define "sp.redisEnv" -}}
{{- $user := index .root.Values.redis.users .component -}}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
{{- if $user.name }}
      name: {{ $user.name }}
      key: {{ $user.key }}
{{- else if has .component (include "sp.chartRedisUsers" .root | fromJsonArray) }}
      name: {{ include "sp.secretName" .root }}
      key: {{ include "sp.redisUserKey" .component }}
{{- else if and (eq .component "operator") (or .root.Values.redis.admin.url .root.Values.redis.admin.existingSecret.name) }}
      {{- include "sp.redisAdminSecretRef" (dict "root" .root) | nindent 6 }}
{{- else }}
      name: {{ .root.Values.redis.existingSecret.name | default (include "sp.secretName" .root) }}
      key: {{ if .root.Values.redis.existingSecret.name }}{{ .root.Values.redis.existingSecret.key }}{{ else }}REDIS_URL{{ end }}
{{- end }}
{{- end -}}

{{/* Where redis.admin's URL is: your Secret, or the chart's. Call like sp.ownerDatabaseEnv. */}}
{{- define "sp.redisAdminSecretRef" -}}
{{- $admin := .root.Values.redis.admin -}}
name: {{ $admin.existingSecret.name | default .secret | default (include "sp.secretName" .root) }}
key: {{ if $admin.existingSecret.name }}{{ $admin.existingSecret.key }}{{ else }}REDIS_ADMIN_URL{{ end }}
{{- end -}}

{{- define "sp.pgbouncerName" -}}{{ include "sp.fullname" . }}-pgbouncer{{- end -}}

{{- define "sp.authSecretName" -}}{{ .Values.auth.existingSecret | default (include "sp.secretName" .) }}{{- end -}}

{{- define "sp.serviceTokenEnv" -}}
- name: PLATFORM_SERVICE_TOKEN_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "sp.authSecretName" . }}
      key: PLATFORM_SERVICE_TOKEN_SECRET
{{- end -}}

{{/*
The channels notifications shards send on (values email and sms). A channel left out here is
"not configured" in the shards: its deliveries are recorded as such and never count as sent.
*/}}
{{- define "sp.notificationChannelsEnv" -}}
{{- if .Values.email.enabled }}
- name: PLATFORM_SMTP_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.email.existingSecret.name | default (include "sp.secretName" .) }}
      key: {{ if .Values.email.existingSecret.name }}{{ .Values.email.existingSecret.key }}{{ else }}PLATFORM_SMTP_URL{{ end }}
{{- with .Values.email.from }}
- name: PLATFORM_NOTIFICATIONS_EMAIL_FROM
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- if eq .Values.sms.provider "twilio" }}
- name: PLATFORM_SMS_PROVIDER
  value: twilio
- name: PLATFORM_TWILIO_ACCOUNT_SID
  value: {{ .Values.sms.twilio.accountSid | quote }}
- name: PLATFORM_TWILIO_FROM
  value: {{ .Values.sms.twilio.from | quote }}
- name: PLATFORM_TWILIO_AUTH_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.sms.twilio.existingSecret.name | default (include "sp.secretName" .) }}
      key: {{ if .Values.sms.twilio.existingSecret.name }}{{ .Values.sms.twilio.existingSecret.key }}{{ else }}PLATFORM_TWILIO_AUTH_TOKEN{{ end }}
{{- end }}
{{- end -}}

{{/* Restarts Pods when the configuration they read changes. */}}
{{- define "sp.configChecksums" -}}
checksum/config: {{ include (print .Template.BasePath "/config-map.yaml") . | sha256sum }}
checksum/secrets: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}

{{/* /tmp is the only writable path besides explicit volumes (read-only root filesystem). */}}
{{- define "sp.tmpVolume" -}}
- name: tmp
  emptyDir: {}
{{- end -}}

{{/*
PLATFORM_OBJECT_STORAGE_* of a component that keeps objects (tenant exports), when
objectStorage.bucket is set (docs/adr/0059). Keys come from objectStorage.existingSecret, else
the chart Secret when given inline; neither: the SDK's default chain (e.g. a web identity role).
*/}}
{{- define "sp.objectStorageEnv" -}}
{{- $o := .Values.objectStorage -}}
{{- if and (not $o.existingSecret) (ne (empty $o.accessKeyId) (empty $o.secretAccessKey)) -}}
{{- fail "objectStorage.accessKeyId and objectStorage.secretAccessKey go together (or use objectStorage.existingSecret)" -}}
{{- end -}}
- name: PLATFORM_OBJECT_STORAGE_DRIVER
  value: s3
- name: PLATFORM_OBJECT_STORAGE_BUCKET
  value: {{ $o.bucket | quote }}
- name: PLATFORM_OBJECT_STORAGE_REGION
  value: {{ $o.region | quote }}
{{- with $o.endpoint }}
- name: PLATFORM_OBJECT_STORAGE_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: PLATFORM_OBJECT_STORAGE_FORCE_PATH_STYLE
  value: {{ $o.forcePathStyle | quote }}
{{- if or $o.existingSecret $o.accessKeyId }}
{{- range $key := list "PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID" "PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY" }}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      name: {{ $o.existingSecret | default (include "sp.secretName" $) }}
      key: {{ $key }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "sp.exportsVolume" -}}
- name: exports
{{- if .existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .existingClaim }}
{{- else }}
  emptyDir: {}
{{- end }}
{{- end -}}

{{- define "sp.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "sp.httpProbes" -}}
ports:
  - name: http
    containerPort: 8080
    protocol: TCP
livenessProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /health/ready, port: http }
  periodSeconds: 5
  failureThreshold: 2
startupProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 2
  failureThreshold: 60
{{- end -}}

{{/* Scheduling settings of a component: call with the component's values. */}}
{{- define "sp.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
