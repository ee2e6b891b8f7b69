"""Machine-readable Bot API specification (api.json, MIT licence, see LICENSE here)."""
