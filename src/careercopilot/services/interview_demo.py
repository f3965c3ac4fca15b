"""Demo practice history: answers of mixed strength over the past week, and two STAR stories."""

from __future__ import annotations

# (days ago, category, [(bank question id, answer)]): behavioral improves over the week, technical lags.
DEMO_ANSWERS: tuple[tuple[int, str, tuple[tuple[str, str], ...]], ...] = (
    (6, "behavioral", (
        ("beh-04", "We had a deadline and I worked hard and we kind of made it in the end, I think it went okay."),
        ("beh-01", "I disagreed with a colleague once about testing. We talked about it and agreed eventually."),
    )),
    (3, "technical", (
        ("tech-python-01", "Lists are mutable and tuples are not. I use tuples for fixed records such as "
                           "coordinates and lists when the items change."),
        ("tech-python-08", "I would profile it first with cProfile to find the hot spot, then fix the algorithm "
                           "before micro-optimising. At Parcelwise a routing function went from 2 s to 150 ms "
                           "after I replaced a nested loop with a dictionary lookup."),
    )),
    (1, "behavioral", (
        ("beh-04", "At Parcelwise our biggest customer moved their launch forward by two weeks, so the order "
                   "routing migration had to ship in ten days instead of a month. My task was to get the new "
                   "Kafka consumers into production without losing orders. I split the work into three slices, "
                   "I paired with the on-call engineer on the risky cut-over, and I set up a shadow mode that "
                   "compared old and new routes for two days. We shipped on day nine with zero lost orders and "
                   "p95 latency fell from 900 ms to 180 ms."),
        ("beh-03", "I am proudest of the reconciliation service at Finlytic. Finance spent 30 hours a week "
                   "matching payments by hand. I interviewed the team, designed a PostgreSQL-backed matcher and "
                   "rolled it out one bank at a time. Within two months the manual work dropped to 2 hours a week."),
    )),
)

DEMO_STORIES: tuple[dict[str, object], ...] = (
    {
        "title": "Order routing migration under a moved deadline",
        "situation": "Our biggest customer moved their launch forward by two weeks.",
        "task": "Ship the Kafka-based order routing in ten days without losing an order.",
        "action": "Split the work into three slices, paired on the cut-over, ran the new path in shadow mode.",
        "result": "Shipped on day nine, zero lost orders, p95 latency from 900 ms to 180 ms.",
        "tags": ("deadline", "kafka", "leadership"),
    },
    {
        "title": "Payment reconciliation at Finlytic",
        "situation": "Finance matched payments by hand for 30 hours a week.",
        "task": "Automate the matching without breaking month-end close.",
        "action": "Interviewed the team, built a PostgreSQL matcher, rolled it out one bank at a time.",
        "result": "Manual work fell to 2 hours a week within two months.",
        "tags": ("impact", "postgresql"),
    },
)
