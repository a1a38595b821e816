#!/bin/sh
# First start of compose.yaml's PostgreSQL (docker-entrypoint-initdb.d, run once on an empty volume):
# the roles of docs/deployment.md "Database roles". The owner runs the migrations and admin:create;
# the replicas log in as imi_app, a member of imi_api and imi_system only, so the row policies hold
# for them (a superuser or the owner would bypass them). The migration creates imi_api and imi_system
# when they are missing; they are made here first so that imi_app can be a member from the start.
set -eu
owner_password=$(cat /run/secrets/imi-owner-password)
app_password=$(cat /run/secrets/imi-app-password)
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$owner_password" -v app_password="$app_password" <<'SQL'
CREATE ROLE imi_owner LOGIN PASSWORD :'owner_password';
CREATE DATABASE imi OWNER imi_owner;
CREATE ROLE imi_api NOLOGIN;
CREATE ROLE imi_system NOLOGIN;
CREATE ROLE imi_app LOGIN PASSWORD :'app_password' IN ROLE imi_api, imi_system;
SQL
