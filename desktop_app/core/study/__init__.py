"""学时 earned outside meetings (街道培训, 网上党校, 学习强国 courses), the year's opening balance,
and the import of both kinds of entry from a spreadsheet. The 学时 rule reads them with the
meetings' hours (core/rules/member_rules.study_hours)."""
