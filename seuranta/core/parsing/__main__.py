"""`python -m seuranta.core.parsing FILE`: print the parsed plan as JSON (a development aid;
users run `seuranta parse FILE --format json`)."""

import json
import sys

from seuranta.core.parsing import UnreadableDocument, parse_file

try:
    result = parse_file(sys.argv[1])
except UnreadableDocument as exc:
    print(exc, file=sys.stderr)
    sys.exit(2)
for warning in result.warnings:
    print(f"varoitus: {' > '.join(warning.path)}: {warning.message}", file=sys.stderr)
if result.plan is None:
    sys.exit(1)
print(json.dumps(result.plan.to_dict(), ensure_ascii=False, indent=2))
