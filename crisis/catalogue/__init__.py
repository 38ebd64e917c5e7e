"""Parts of the message catalogue, one module per area; `crisis.i18n` merges them."""
