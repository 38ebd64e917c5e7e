#!/bin/sh
# Dynamic inventory for plain Ansible, from the crisis kit's database:
#   ansible-playbook -i playbooks/crisis_inventory.sh playbooks/laptop_clean.yml ...
# Ansible calls it with --list or --host NAME. The database is CRISIS_DATABASE_URL (or the
# data dir's default); CRISIS (default: crisis on PATH) names the tool to run.
exec "${CRISIS:-crisis}" ansible-inventory "$@"
