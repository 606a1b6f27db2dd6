-H 'Content-Type: application/yaml' -d 'type: Trino
config:
  port: 443
'