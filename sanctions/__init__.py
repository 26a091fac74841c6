"""Sanction recommendations, the head's approval, decision letters, sanctions in force (issue 10)."""
