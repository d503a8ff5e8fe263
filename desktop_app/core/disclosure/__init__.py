"""Public disclosure (三务公开, 55-req #18): the list of items per rule profile, the checklist of
what was posted when, the text and commitments typed for the boards, and the boards' data."""
