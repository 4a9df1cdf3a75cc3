{{/*
Values the chart generates once and keeps across upgrades. Each is the one in the live chart
Secret (lookup), else drawn in this render and remembered for the rest of it (in .Release, which
every template of the render shares), so the main Secret and the hook Secret the Jobs read agree
even on a key new in this upgrade. Call with (dict "root" $ "key" "SERVICE_DATABASE_PASSWORD" "draw" "alnum48").
Draws: alnum48 (48 letters and digits), keyring (k1: and 32 random bytes, base64), hex64 (Redis
ACL passwords, which RedisAclUsers takes as 64 hex digits; sprig has no hex draw, so the SHA-256
of 64 random letters and digits).
*/}}
{{- define "sp.generated" -}}
{{- if not (hasKey .root.Release "spGenerated") -}}
{{- $existing := (lookup "v1" "Secret" .root.Release.Namespace (include "sp.secretName" .root)).data | default dict -}}
{{- $_ := set .root.Release "spGenerated" (dict "existing" $existing "drawn" dict) -}}
{{- end -}}
{{- $memo := .root.Release.spGenerated -}}
{{- if hasKey $memo.existing .key -}}
{{- get $memo.existing .key | b64dec -}}
{{- else -}}
{{- if not (hasKey $memo.drawn .key) -}}
{{- $value := "" -}}
{{- if eq .draw "alnum48" }}{{ $value = randAlphaNum 48 }}
{{- else if eq .draw "keyring" }}{{ $value = printf "k1:%s" (randBytes 32) }}
{{- else if eq .draw "hex64" }}{{ $value = sha256sum (randAlphaNum 64) }}
{{- else }}{{ fail (printf "sp.generated: unknown draw %q" .draw) }}
{{- end -}}
{{- $_ := set $memo.drawn .key $value -}}
{{- end -}}
{{- get $memo.drawn .key -}}
{{- end -}}
{{- end -}}

{{/*
The logins of components that must not hold the owner's URL (docs/adr/0009): database.serviceLogin
(the shards) and database.platformApiLogin (the platform API). Each helper takes
(dict "root" $ "login" "serviceLogin"); the login's chart Secret keys start with its prefix.
*/}}
{{- define "sp.loginKeyPrefix" -}}{{ get (dict "serviceLogin" "SERVICE" "platformApiLogin" "PLATFORM_API") .login }}{{- end -}}

{{/* A login's password: its value, else generated once and kept (<PREFIX>_DATABASE_PASSWORD). */}}
{{- define "sp.loginPassword" -}}
{{- (index .root.Values.database .login).password | default (include "sp.generated" (dict "root" .root "key" (printf "%s_DATABASE_PASSWORD" (include "sp.loginKeyPrefix" .)) "draw" "alnum48")) -}}
{{- end -}}

{{/* The shared services' database login password (the PgBouncer userlist needs it by name). */}}
{{- define "sp.serviceLoginPassword" -}}{{ include "sp.loginPassword" (dict "root" . "login" "serviceLogin") }}{{- end -}}

{{/* A URL with this user and password in place of its own, the rest (host, database, query) kept. Call with (dict "url" ... "user" ... "password" ...). */}}
{{- define "sp.urlAs" -}}
{{- $url := urlParse .url -}}
{{- $_ := set $url "userinfo" (printf "%s:%s" .user .password) -}}
{{- urlJoin $url -}}
{{- end -}}

{{/* A login on the registry cluster: database.url as that login. */}}
{{- define "sp.loginDatabaseUrl" -}}
{{- include "sp.urlAs" (dict "url" .root.Values.database.url "user" (index .root.Values.database .login).user "password" (include "sp.loginPassword" .)) -}}
{{- end -}}

{{/* The service login on the registry cluster. */}}
{{- define "sp.serviceDatabaseUrl" -}}{{ include "sp.loginDatabaseUrl" (dict "root" . "login" "serviceLogin") }}{{- end -}}

{{/* "id=url,..." of database.tenantDatabaseUrls, each as the login. */}}
{{- define "sp.loginTenantDatabaseUrls" -}}
{{- $login := dict "user" (index .root.Values.database .login).user "password" (include "sp.loginPassword" .) -}}
{{- $urls := list -}}
{{- range $entry := splitList "," .root.Values.database.tenantDatabaseUrls -}}
{{- $id := first (splitList "=" $entry) -}}
{{- $urls = append $urls (printf "%s=%s" $id (include "sp.urlAs" (merge (dict "url" (trimPrefix (printf "%s=" $id) $entry)) $login))) -}}
{{- end -}}
{{- join "," $urls -}}
{{- end -}}

{{/*
The components whose Redis ACL user the chart makes: with redis.admin given, every one without a
redis.users entry of its own. The operator is not among them: it logs in as the admin, since it
creates the storefront users. Returns a JSON list of component names.
*/}}
{{- define "sp.chartRedisUsers" -}}
{{- $made := list -}}
{{- if or .Values.redis.admin.url .Values.redis.admin.existingSecret.name -}}
{{- range $component := list "platformApi" "checkout" "search" "notifications" -}}
{{- if not (index $.Values.redis.users $component).name }}{{ $made = append $made $component }}{{ end -}}
{{- end -}}
{{- end -}}
{{- toJson $made -}}
{{- end -}}

{{/* The Redis user of a component (libs/redis-acl SERVICE_REDIS_USERS). Call with the component name. */}}
{{- define "sp.redisUserName" -}}{{ . | kebabcase }}{{- end -}}

{{/* The chart Secret's key of a component's REDIS_URL, e.g. REDIS_URL_PLATFORM_API. */}}
{{- define "sp.redisUserKey" -}}REDIS_URL_{{ . | snakecase | upper }}{{- end -}}

{{/* The chart Secret's key of a component's generated Redis password, e.g. REDIS_PASSWORD_PLATFORM_API. */}}
{{- define "sp.redisPasswordKey" -}}REDIS_PASSWORD_{{ . | snakecase | upper }}{{- end -}}

{{/* A component's Redis password, generated once and kept. Call with (dict "root" $ "component" "checkout"). */}}
{{- define "sp.redisUserPassword" -}}
{{- include "sp.generated" (dict "root" .root "key" (include "sp.redisPasswordKey" .component) "draw" "hex64") -}}
{{- end -}}

{{/* redis.url with the component's user and its generated password. Call with (dict "root" $ "component" "checkout"). */}}
{{- define "sp.redisUserUrl" -}}
{{- if not .root.Values.redis.url }}{{ fail "redis.admin needs redis.url: the URL of each Redis user the chart makes is redis.url with that user and its password" }}{{ end -}}
{{- include "sp.urlAs" (dict "url" .root.Values.redis.url "user" (include "sp.redisUserName" .component) "password" (include "sp.redisUserPassword" .)) -}}
{{- end -}}

{{/*
The chart Secret's keys the install/upgrade Jobs read (migrations: the owner's and the service
login's URLs; Redis users: the admin's URL and each made user's). Rendered into the main Secret
and, on an upgrade, into the hook Secret, so both carry this release's values.
*/}}
{{- define "sp.jobSecretData" -}}
{{- if not .Values.database.existingSecret.name }}
DATABASE_URL: {{ .Values.database.url | b64enc | quote }}
{{- end }}
{{- if .Values.database.tenantDatabaseUrls }}
PLATFORM_TENANT_DATABASE_URLS: {{ .Values.database.tenantDatabaseUrls | b64enc | quote }}
{{- end }}
{{- range $login := list "serviceLogin" "platformApiLogin" }}
{{- if not (index $.Values.database $login).existingSecret.name }}
{{- /* database.url with the login's user and password; the migrations Job creates the login with them (docs/adr/0009). */}}
{{ include "sp.loginKeyPrefix" (dict "login" $login) }}_DATABASE_URL: {{ include "sp.loginDatabaseUrl" (dict "root" $ "login" $login) | b64enc | quote }}
{{- end }}
{{- end }}
{{- if and .Values.redis.admin.url (not .Values.redis.admin.existingSecret.name) }}
REDIS_ADMIN_URL: {{ .Values.redis.admin.url | b64enc | quote }}
{{- end }}
{{- range $component := include "sp.chartRedisUsers" . | fromJsonArray }}
{{ include "sp.redisUserKey" $component }}: {{ include "sp.redisUserUrl" (dict "root" $ "component" $component) | b64enc | quote }}
{{- end }}
{{- end -}}
