"""Scoring: the 党员先锋指数 sheet and its half-year evaluation, branch stars and the standard's
达标销号 checklist. The sheets and standards are rule-profile data; nothing here is one place's."""
