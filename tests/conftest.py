"""Settings for the whole suite: no real credentials from the developer's environment, and
never the real metadata service (169.254.169.254): its address points at a closed local port."""

from __future__ import annotations

import os

for _name in ("YC_API_KEY", "YC_IAM_TOKEN", "YC_OAUTH_TOKEN", "YC_TOKEN", "YC_PROFILE"):
    os.environ.pop(_name, None)
os.environ["YC_METADATA_URL"] = "http://127.0.0.1:9/computeMetadata/v1/instance/service-accounts/default/token"
