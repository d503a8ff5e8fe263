"""民主评议党员: the year's appraisal (four steps, each member's result, the 党员大会 decision) and
the handling of members found 不合格 (限期改正, 劝退, 除名) as to-dos with deadlines."""
