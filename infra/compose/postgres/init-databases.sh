#!/bin/sh
# Run once by the postgres image on an empty data dir (/docker-entrypoint-initdb.d): one database per
# app, owned by a login role of that app's own (with CREATEROLE, so the kernel can create the
# app's `<schema>_app` role, ADR 5), and nothing for PUBLIC. Each app gets only its own password.
set -eu

create_app_database() {
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    --set=db="$1" --set=role="$2" --set=password="$3" <<'SQL'
create role :"role" login createrole password :'password';
create database :"db" owner :"role";
revoke all on database :"db" from public;
SQL
}

create_app_database platform egov_platform "$PLATFORM_DB_PASSWORD"
create_app_database golden_shield egov_golden_shield "$GOLDEN_SHIELD_DB_PASSWORD"
create_app_database social_security egov_social_security "$SOCIAL_SECURITY_DB_PASSWORD"
create_app_database macroeconomics egov_macroeconomics "$MACROECONOMICS_DB_PASSWORD"
create_app_database golden_finance egov_golden_finance "$GOLDEN_FINANCE_DB_PASSWORD"
create_app_database golden_tax egov_golden_tax "$GOLDEN_TAX_DB_PASSWORD"
create_app_database golden_customs egov_golden_customs "$GOLDEN_CUSTOMS_DB_PASSWORD"
create_app_database golden_quality egov_golden_quality "$GOLDEN_QUALITY_DB_PASSWORD"
create_app_database office_resources egov_office_resources "$OFFICE_RESOURCES_DB_PASSWORD"
create_app_database golden_audit egov_golden_audit "$GOLDEN_AUDIT_DB_PASSWORD"
create_app_database financial_supervision egov_financial_supervision "$FINANCIAL_SUPERVISION_DB_PASSWORD"
