"""The upstream workstation (上级工作台): a window of its own for the office that receives the
branches' bundles and keeps no branch ledger (`shilu upstream`, or the first-run choice)."""
