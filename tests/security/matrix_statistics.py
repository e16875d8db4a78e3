"""Permission matrix of the statistics pages and API (read by the security test loop).

No fixture objects needed: the statistics are aggregate; pages answer with defaults (cut-off
date today, all years) when called without parameters. Ministry users see the aggregate
statistics (suppressed), only the office edits the report's chapters; everyone else gets 404
as for objects they may not see.
"""

STATS_READ = {"office": 200, "office_head": 200, "member": 404, "authority": 404,
              "ministry": 200, "dpo": 404, "admin": 404, "anonymous": 302}

ROWS = [
    {"name": "statistics:report", "kwargs": None, "method": "get", "expect": STATS_READ},
    {"name": "statistics:download", "kwargs": None, "method": "get", "expect": STATS_READ},
    {"name": "statistics:activity_report", "kwargs": None, "method": "get", "expect": STATS_READ},
    {"name": "statistics:chapters", "kwargs": None, "method": "get",
     "expect": {**STATS_READ, "ministry": 404}},
    # POST without a chapter id: office 404 (unknown chapter), all others refused before that.
    {"name": "statistics:chapters", "kwargs": None, "method": "post",
     "expect": {**STATS_READ, "office": 404, "office_head": 404, "ministry": 404}},
    {"name": "statistics_api:report", "kwargs": None, "method": "get",
     # Without parameters the API answers 400 naming the missing fields; DRF answers 403 to
     # anonymous requests.
     "expect": {**STATS_READ, "office": 400, "office_head": 400, "ministry": 400, "anonymous": 403}},
]
