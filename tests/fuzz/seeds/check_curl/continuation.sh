-X POST \
  https://tenant.example/data/connection \
  -H 'accept: application/json' \
  -d '{}'