"""三会一课 and 党员固定活动日: records, attendance, attachments, the year plan, calendar and search.

One concept per module: `kinds` (names and templates), `records` (Meeting), `attendance`
(应到/实到, follow-ups), `attachments`, `plan`, `calendar`, `search`.
"""
